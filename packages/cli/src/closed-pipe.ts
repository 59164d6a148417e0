/**
 * `coldatom run … | head -1`: once the reader is gone, writing to stdout fails with EPIPE. That is
 * the reader's choice, not a failure of ours, so the process ends at once with exit 0, as Unix
 * tools do, instead of an unhandled 'error' event and a stack trace.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream, exit: (code: number) => void): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') exit(0);
    else throw error;
  });
}
