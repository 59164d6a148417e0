import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../../src/index.js';

/** A captured output stream. */
export class CapturedOutput extends PassThrough {
  readonly isTTY: boolean;
  readonly columns = 200;
  #text = '';

  constructor(isTTY = false) {
    super();
    this.isTTY = isTTY;
    this.on('data', (chunk: Buffer) => (this.#text += chunk.toString('utf8')));
  }

  get text(): string {
    return this.#text;
  }

  // The cursor moves a live display makes on a terminal; recorded as nothing.
  cursorTo(): boolean {
    return true;
  }
  moveCursor(): boolean {
    return true;
  }
  clearLine(): boolean {
    return true;
  }
  clearScreenDown(): boolean {
    return true;
  }
}

/** In-process I/O for `main`: captured output, given stdin and environment, a Ctrl-C button. */
export interface FakeIo extends CliIo {
  readonly stdout: CapturedOutput;
  readonly stderr: CapturedOutput;
  /** Delivers Ctrl-C to the registered handlers. */
  interrupt(): void;
  /** Delivers Ctrl-C to the next handler as soon as it is registered (a command's first wait). */
  interruptAtFirstWait(): void;
}

export function fakeIo(
  options: { readonly env?: Record<string, string | undefined>; readonly stdin?: string; readonly cwd?: string; readonly tty?: boolean } = {},
): FakeIo {
  const handlers = new Set<(signal: string) => void>();
  let armed = false;
  return {
    stdout: new CapturedOutput(options.tty),
    stderr: new CapturedOutput(options.tty),
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    onStop(handler) {
      handlers.add(handler);
      if (armed) {
        armed = false;
        queueMicrotask(() => handler('SIGINT'));
      }
      return () => handlers.delete(handler);
    },
    interrupt() {
      for (const handler of [...handlers]) handler('SIGINT');
    },
    interruptAtFirstWait() {
      armed = true;
    },
  };
}
