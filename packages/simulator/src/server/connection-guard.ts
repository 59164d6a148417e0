import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { statusError } from './http-answer.js';
import { pythonJson } from './python-json.js';

/** Limits on open connections. */
export interface ConnectionLimits {
  /** Open connections in all. */
  readonly max: number;
  /** Open connections from one remote address. */
  readonly perClient: number;
  readonly retryAfterSeconds: number;
}

/** How long a refused connection may linger after its 503 is written. */
const REFUSED_LINGER_MS = 1000;

/**
 * Caps open connections, in all and per remote address. A connection beyond a cap is answered at
 * once with a status-shaped 503 (with `Retry-After`) and closed, without its request ever reaching
 * the routes; the others are untouched. Answers whether a socket was refused, so the request
 * handler can ignore what such a socket still sends.
 */
export function guardConnections(server: Server, limits: ConnectionLimits): (socket: Socket) => boolean {
  const refused = new WeakSet<Socket>();
  const perClient = new Map<string, number>();
  let open = 0;
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const mine = perClient.get(address) ?? 0;
    if (open >= limits.max || mine >= limits.perClient) {
      refused.add(socket);
      const which =
        open >= limits.max
          ? `${limits.max} open connections in all (maxConnections)`
          : `${limits.perClient} open connections from one client (maxConnectionsPerClient)`;
      const answer = statusError(503, `This server already serves ${which}; close idle connections or retry later.`, 'Too many connections!');
      const body = pythonJson(answer.body);
      socket.on('error', () => {});
      socket.end(
        `HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nretry-after: ${limits.retryAfterSeconds}\r\nconnection: close\r\n\r\n${body}`,
      );
      setTimeout(() => socket.destroy(), REFUSED_LINGER_MS).unref();
      return;
    }
    open++;
    perClient.set(address, mine + 1);
    socket.once('close', () => {
      open--;
      const left = (perClient.get(address) ?? 1) - 1;
      if (left > 0) perClient.set(address, left);
      else perClient.delete(address);
    });
  });
  return (socket) => refused.has(socket);
}
