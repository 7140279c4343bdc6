import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Express } from 'express';
import type { Logger } from '../log/logger.ts';

/** Handles an HTTP upgrade (WebSocket); returns false when the URL is not its own. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

export interface ServerOptions {
  app: Express;
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  log: Logger;
  onUpgrade?: UpgradeHandler;
  /** Runs when closing, after the listener stopped: say goodbye to WebSockets, stop timers. */
  onClose?: () => Promise<void> | void;
  /** How long `close()` waits for requests in flight before cutting connections. Default 10 s. */
  graceMs?: number;
}

export interface RunningServer {
  /** `http://host:port`, with a loopback address when listening on all interfaces. */
  url: string;
  port: number;
  /** Stops accepting, closes WebSockets, waits for requests in flight (up to `graceMs`). */
  close(): Promise<void>;
}

const ANY_HOST = new Set(['0.0.0.0', '::', '']);

/** Starts listening; the caller wires signals (`process.once('SIGTERM', () => server.close())`). */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { app, port, host = '0.0.0.0', log, onUpgrade, onClose, graceMs = 10_000 } = options;
  const server = createServer(app);
  // Upgraded sockets leave the HTTP server's bookkeeping, so we keep our own list.
  const upgraded = new Set<Duplex>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    let handled = false;
    try {
      handled = onUpgrade?.(req, socket, head) ?? false;
    } catch (err) {
      log.error({ err }, 'upgrade handler failed');
    }
    if (!handled) {
      socket.once('finish', () => socket.destroy());
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  const shownHost = ANY_HOST.has(host) ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  log.info({ port: address.port }, 'listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      try {
        await onClose?.();
      } catch (err) {
        log.error({ err }, 'close hook failed');
      }
      for (const socket of upgraded) socket.destroy();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      timer.unref();
      // Keep-alive connections that finish their request become idle; close them as they do.
      const sweeper = setInterval(() => server.closeIdleConnections(), 50);
      sweeper.unref();
      await drained;
      clearTimeout(timer);
      clearInterval(sweeper);
      log.info('server closed');
    })();
    return closing;
  };

  return { url, port: address.port, close };
}
