/**
 * A TCP proxy on 127.0.0.1 that can be cut and restored, to stand for a lab network that drops
 * out while the server behind it keeps its jobs: cut, new connections are refused and open ones
 * reset; restored, it listens on the same port again.
 */
import net from 'node:net';

export class CuttableProxy {
  readonly #target: { readonly host: string; readonly port: number };
  readonly #sockets = new Set<net.Socket>();
  #server: net.Server | undefined;
  #port = 0;
  #trigger: { readonly pattern: RegExp; readonly fired: () => void } | undefined;

  constructor(targetUrl: string) {
    const url = new URL(targetUrl);
    this.#target = { host: url.hostname, port: Number(url.port) };
  }

  /** The proxy's base URL. */
  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Starts (or restarts, on the same port) forwarding. */
  async open(): Promise<string> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.#target.port, this.#target.host);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.on('data', (chunk: Buffer) => {
        const trigger = this.#trigger;
        if (trigger?.pattern.test(chunk.toString('latin1'))) {
          this.#trigger = undefined;
          void this.cut().then(trigger.fired);
        }
      });
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as net.AddressInfo).port;
    this.#server = server;
    return this.url;
  }

  /**
   * Cuts the network the moment a request matching `pattern` passes (that request is reset, never
   * answered), so a spec can fail exactly the request it means to, whatever the timing.
   */
  cutOnRequest(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => (this.#trigger = { pattern, fired: resolve }));
  }

  /** Refuses new connections and resets the open ones. */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.resetAndDestroy();
    this.#sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
