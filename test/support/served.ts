/** A SimulatorServer on 127.0.0.1 for the length of one spec file. */
import { afterAll, beforeAll } from 'vitest';
import { SimulatorServer, type SimulatorServerOptions } from '@coldatom/simulator';

/** Starts a server before the file's tests and closes it after; read `base` inside tests only. */
export function useSimulatorServer(options: SimulatorServerOptions = {}): { readonly server: SimulatorServer; readonly base: string } {
  let server: SimulatorServer | undefined;
  let base: string | undefined;
  beforeAll(async () => {
    server = new SimulatorServer(options);
    base = await server.listen();
  });
  afterAll(async () => {
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the simulator server starts in beforeAll: read it inside a test');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get base() {
      return started(base);
    },
  };
}
