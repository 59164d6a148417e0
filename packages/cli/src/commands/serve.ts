import { referenceBackendNames, type ReferenceBackendName } from '@coldatom/backend-config';
import { CorsOriginError, SimulatorServer, type SimulatorServerOptions } from '@coldatom/simulator';
import { z } from 'zod';
import { readAll, type CliIo } from '../cli-io.js';
import { CliInputError } from '../cli-input-error.js';
import { parseOptions } from '../command.js';
import { secondsToMs } from '../durations.js';
import { ExitCode } from '../exit-code.js';

const BackendNames = z
  .string()
  .transform((list) =>
    list
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  )
  .pipe(
    z
      .array(
        z.enum(referenceBackendNames as [ReferenceBackendName, ...ReferenceBackendName[]], {
          message: `each backend must be one of ${referenceBackendNames.join(', ')}`,
        }),
      )
      .min(1),
  );

const count = z.coerce.number().int().min(1);
const megabytes = z.coerce.number().min(0);
const seconds = z.coerce.number().positive();

const ServeOptions = z.object({
  port: z.coerce.number().int().min(0).max(65535).optional(),
  host: z.string().min(1).optional(),
  token: z.array(z.string().min(1)).optional(),
  tokenStdin: z.boolean().optional(),
  backends: BackendNames.optional(),
  maxShotsPerJob: count.optional(),
  resultMemoryMb: megabytes.optional(),
  resultDiskMb: megabytes.optional(),
  resultMaxAge: seconds.optional(),
  dataDir: z.string().min(1).optional(),
  headersTimeout: seconds.optional(),
  requestTimeout: seconds.optional(),
  maxConnections: count.optional(),
  maxConnectionsPerClient: count.optional(),
  corsOrigin: z.array(z.string().min(1)).optional(),
});

/** The environment variable `serve` reads tokens from (comma-separated), so they never appear in `ps`. */
export const SERVE_TOKENS_ENV = 'COLDATOM_SERVE_TOKENS';

const MIB = 2 ** 20;

/** Whether a listening host is reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(bare);
}

/** The warning for a server reachable beyond this machine that accepts any client; undefined when none is due. */
export function exposureWarning(host: string, tokenCount: number): string | undefined {
  if (tokenCount > 0 || isLoopbackHost(host)) return undefined;
  return `warning: serving on ${host} without a token: anyone who can reach this port can submit jobs and read results; pass tokens with --token-stdin or ${SERVE_TOKENS_ENV}`;
}

/** Tokens from standard input, one a line (blank lines ignored). */
function tokensFromLines(text: string): string[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.some((line) => /\s/.test(line))) throw new CliInputError('Expected one token per line (no spaces inside a token) on standard input');
  if (lines.length === 0) throw new CliInputError('--token-stdin: standard input holds no token (one token per line)');
  return lines;
}

/** Tokens from the environment variable, comma-separated (blanks ignored). */
function tokensFromEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
}

/** The server, or the bad `--cors-origin` as a usage error (exit code 2, before listening). */
function serverFor(options: SimulatorServerOptions): SimulatorServer {
  try {
    return new SimulatorServer(options);
  } catch (error) {
    if (error instanceof CorsOriginError) throw new CliInputError(error.message.replace(/^corsOrigin/, '--cors-origin'), [], { cause: error });
    throw error;
  }
}

export async function serve(_args: readonly string[], raw: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const options = parseOptions(ServeOptions, raw);
  const tokens = [
    ...(options.token ?? []),
    ...(options.tokenStdin ? tokensFromLines(await readAll(io.stdin)) : []),
    ...tokensFromEnv(io.env[SERVE_TOKENS_ENV]),
  ];
  const host = options.host ?? '127.0.0.1';
  const resultMaxAgeMs = secondsToMs(options.resultMaxAge);
  const results: NonNullable<SimulatorServerOptions['results']> = {
    ...(options.resultMemoryMb === undefined ? {} : { memoryBytes: Math.round(options.resultMemoryMb * MIB) }),
    ...(options.resultDiskMb === undefined ? {} : { diskBytes: Math.round(options.resultDiskMb * MIB) }),
    ...(resultMaxAgeMs === undefined ? {} : { maxAgeMs: resultMaxAgeMs }),
    ...(options.dataDir === undefined ? {} : { directory: options.dataDir }),
  };
  const headersTimeoutMs = secondsToMs(options.headersTimeout);
  const requestTimeoutMs = secondsToMs(options.requestTimeout);
  const server = serverFor({
    host,
    port: options.port ?? 8000,
    ...(tokens.length > 0 ? { tokens } : {}),
    ...(options.backends ? { backends: options.backends } : {}),
    ...(options.maxShotsPerJob === undefined ? {} : { maxShotsPerJob: options.maxShotsPerJob }),
    results,
    ...(headersTimeoutMs === undefined ? {} : { headersTimeoutMs }),
    ...(requestTimeoutMs === undefined ? {} : { requestTimeoutMs }),
    ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
    ...(options.maxConnectionsPerClient === undefined ? {} : { maxConnectionsPerClient: options.maxConnectionsPerClient }),
    ...(options.corsOrigin === undefined ? {} : { corsOrigin: options.corsOrigin }),
  });
  const url = await server.listen();
  // The first line is the contract scripts and tests parse: `listening <url>`.
  io.stdout.write(`listening ${url}\n`);
  const names = options.backends ?? referenceBackendNames;
  io.stdout.write(`backends: ${names.map((n) => `${url}/api/v3/${n}`).join(' ')}\n`);
  io.stdout.write(`${tokens.length > 0 ? `tokens: ${new Set(tokens).size} accepted` : 'tokens: none required'}; Ctrl-C stops (accepted jobs finish first)\n`);
  if (options.corsOrigin) io.stdout.write(`cors: web pages on ${options.corsOrigin.join(', ')} may call this server\n`);
  if (options.token)
    io.stderr.write(`note: --token is visible to other users of this machine (ps, shell history); prefer --token-stdin or ${SERVE_TOKENS_ENV}\n`);
  const warning = exposureWarning(host, tokens.length);
  if (warning) io.stderr.write(`${warning}\n`);
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
