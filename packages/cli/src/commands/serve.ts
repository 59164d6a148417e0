import { referenceBackendNames, type ReferenceBackendName } from '@coldatom/backend-config';
import { SimulatorServer } from '@coldatom/simulator';
import { z } from 'zod';
import type { CliIo } from '../cli-io.js';
import { parseOptions } from '../command.js';
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

export async function serve(_args: readonly string[], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
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
