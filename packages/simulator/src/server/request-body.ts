import type { IncomingMessage } from 'node:http';
import { statusError, type HttpAnswer } from './http-answer.js';

/**
 * Reads a request body as UTF-8, refusing it with a 413 as soon as it is known to exceed
 * `limitBytes` (from `Content-Length`, or while streaming), so a huge upload costs no memory. The
 * 413 asks for the connection to close: the rest of the upload is never read. How long the body
 * may take is bounded by the server (`requestTimeoutMs`), which then cuts the connection.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<string | HttpAnswer> {
  const tooLarge = (): HttpAnswer =>
    statusError(413, `The request body is larger than this server's limit of ${limitBytes} bytes (maxBodyBytes).`, 'Request body too large!', {
      connection: 'close',
    });
  if (Number(req.headers['content-length'] ?? 0) > limitBytes) return Promise.resolve(tooLarge());
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limitBytes) return void chunks.push(chunk);
      // Not destroyed here: that would take the socket down before the 413 is written.
      req.off('data', onData).pause();
      resolve(tooLarge());
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    // The client went away, or the server cut it (requestTimeoutMs: Node has already answered 408).
    req.once('error', () => resolve(statusError(408, 'The request body did not arrive in time.', 'Request timeout!', { connection: 'close' })));
  });
}
