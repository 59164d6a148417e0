/** A stream the command writes to; `isTTY` decides between live displays and plain lines. */
export type CliOutput = NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };

/**
 * Everything a command touches outside itself, so that tests run commands in-process with fake
 * streams, environment and signals.
 */
export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths resolve against. */
  readonly cwd: string;
  /** `--quiet`: no progress and no chatter, only results, warnings and errors. */
  readonly quiet?: boolean;
  /** Calls `handler` on Ctrl-C (SIGINT) or SIGTERM until the returned function is called. */
  onStop(handler: (signal: string) => void): () => void;
}

/** The real process: its streams, environment, folder and signals. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    onStop(handler) {
      const signals = ['SIGINT', 'SIGTERM'] as const;
      const listeners = signals.map((signal) => {
        const listener = (): void => handler(signal);
        process.on(signal, listener);
        return [signal, listener] as const;
      });
      return () => {
        for (const [signal, listener] of listeners) process.off(signal, listener);
      };
    },
  };
}

/** A terminal that understands escape codes: `TERM=dumb` (Emacs shells, some CI logs) does not. */
const escapeCodesAllowed = (io: CliIo, stream: CliOutput): boolean => stream.isTTY === true && io.env.TERM !== 'dumb';

/**
 * Whether to colour a stream: a terminal that understands escape codes, unless NO_COLOR is set (or
 * `--no-color` given); FORCE_COLOR forces it.
 */
export function colorsFor(io: CliIo, stream: CliOutput): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return escapeCodesAllowed(io, stream);
}

/** Whether progress on `stream` is redrawn in place (a capable terminal) or written as plain lines. */
export function liveOutputFor(io: CliIo, stream: CliOutput): boolean {
  return escapeCodesAllowed(io, stream);
}

/** The global flags every command takes (`--no-color`, `--quiet`), applied to an io. */
export function withGlobalFlags(io: CliIo, flags: { readonly color?: unknown; readonly quiet?: unknown }): CliIo {
  const noColor = flags.color === false ? { NO_COLOR: '1' } : {};
  return { ...io, env: { ...io.env, ...noColor }, quiet: io.quiet === true || flags.quiet === true };
}

/** Reads a readable stream to the end as UTF-8 text. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
