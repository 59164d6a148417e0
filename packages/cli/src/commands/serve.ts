import { referenceBackendNames, type ReferenceBackendName } from '@coldatom/backend-config';
import { SimulatorServer } from '@coldatom/simulator';
import { z } from 'zod';
import type { CliIo } from '../cli-io.js';
import { parseOptions, type CommandDefinition } from '../command.js';
import { ExitCode } from '../exit-code.js';

const BackendNames = z
  .string()
  .transform((list) => list.split(',').map((s) => s.trim()).filter((s) => s !== ''))
  .pipe(z.array(z.enum(referenceBackendNames as [ReferenceBackendName, ...ReferenceBackendName[]], { message: `each backend must be one of ${referenceBackendNames.join(', ')}` })).min(1));

const ServeOptions = z.object({
  port: z.coerce.number().int().min(0).max(65535).optional(),
  host: z.string().min(1).optional(),
  token: z.array(z.string().min(1)).optional(),
  backends: BackendNames.optional(),
});

async function serve(_args: readonly string[], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const options = parseOptions(ServeOptions, raw);
  const server = new SimulatorServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 8000,
    ...(options.token ? { tokens: options.token } : {}),
    ...(options.backends ? { backends: options.backends } : {}),
  });
  const url = await server.listen();
  // The first line is the contract scripts and tests parse: `listening <url>`.
  io.stdout.write(`listening ${url}\n`);
  const names = options.backends ?? referenceBackendNames;
  io.stdout.write(`backends: ${names.map((n) => `${url}/api/v3/${n}`).join(' ')}\n`);
  io.stdout.write(`${options.token ? `tokens: ${options.token.length} accepted` : 'tokens: none required'}; Ctrl-C stops (accepted jobs finish first)\n`);
  await new Promise<void>((resolve) => {
    const release = io.onStop(() => {
      release();
      resolve();
    });
  });
  io.stderr.write('stopping: finishing accepted jobs\n');
  await server.close();
  io.stderr.write('stopped\n');
  return ExitCode.ok;
}

/** `coldatom serve`: the local simulators behind a qlued-compatible HTTP server. */
export const serveCommand: CommandDefinition = {
  name: 'serve',
  summary: 'serve the local simulators over the qlued/sqooler REST protocol (v2 and v3 routes); the first line printed is `listening <url>`',
  options: [
    { flags: '-p, --port <n>', description: 'port to listen on; 0 picks a free one (default: 8000)' },
    { flags: '--host <host>', description: 'interface to listen on (default: 127.0.0.1)' },
    { flags: '--token <token>', description: 'accept this token (repeat for several; default: no token needed)', repeatable: true },
    { flags: '--backends <names>', description: `comma-separated backends to serve (default: ${referenceBackendNames.join(',')})` },
  ],
  examples: ['coldatom serve --port 8000', 'coldatom serve --port 0 --token "$(cat token.txt)" --backends singlequdit,fermions'],
  action: serve,
};
