import net from 'node:net';

/**
 * A TCP proxy on the loopback interface in front of one server (PostgreSQL, SMTP…) that a test can cut —
 * every open connection destroyed, new ones refused (the port stops listening) — and restore on the same
 * port, so the clients behind it see the server go down and come back.
 */
export interface TcpProxy {
  port: number;
  /** True between `cut()` and `restore()`. */
  readonly isCut: boolean;
  /** Connections accepted since the proxy started. */
  readonly accepted: number;
  /** Destroys every connection and stops listening: new connections are refused. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  /** Holds every chunk this long before passing it on, both ways (0: none): a slow network. */
  latencyMs: number;
  stop(): Promise<void>;
}

export async function startTcpProxy(target: { host?: string; port: number }, host = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  let cut = false;

  const server = net.createServer((client) => {
    accepted += 1;
    const upstream = net.connect({ host: target.host ?? '127.0.0.1', port: target.port });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.once('close', () => sockets.delete(socket));
      // a reset on one side ends the other; the error itself is the client's to see
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    forward(client, upstream);
    forward(upstream, client);
  });

  /** Passes `from`'s chunks to `to`, each after the latency set when it arrived (order kept). */
  const forward = (from: net.Socket, to: net.Socket) => {
    let last = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      const delay = proxy.latencyMs;
      if (delay <= 0) {
        last = last.then(() => void to.write(chunk));
        return;
      }
      last = last.then(() => new Promise<void>((resolve) => setTimeout(() => resolve(void to.write(chunk)), delay)));
    });
    from.once('end', () => void last.then(() => to.end()));
  };

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });

  await listen(0);
  const port = (server.address() as net.AddressInfo).port;

  const destroyAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  const close = () =>
    new Promise<void>((resolve) => {
      destroyAll();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });

  const proxy: TcpProxy = {
    latencyMs: 0,
    port,
    get isCut() {
      return cut;
    },
    get accepted() {
      return accepted;
    },
    async cut() {
      cut = true;
      await close();
    },
    async restore() {
      if (!server.listening) await listen(port);
      cut = false;
    },
    stop: close,
  };
  return proxy;
}
