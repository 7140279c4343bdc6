import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../src/log/logger.ts';
import { HttpError } from '../kit/http.ts';
import type { ActivitySet } from './activity.ts';
import type { Authenticator } from './auth.ts';
import type { Conversations } from './conversations.ts';

/**
 * The WebSocket half of Direct Line: `GET /v3/directline/conversations/:id/stream?t=<token>`
 * (pre-authorised by the token in the URL; `watermark=` says where to replay from). Frames
 * are ActivitySets `{activities, watermark}` or empty keep-alives; the client's own empty
 * pings are ignored. One socket per conversation: a newer one closes the older with reason
 * `collision`, as the Direct Line service does.
 */
export const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/stream\/?$/;

export interface StreamOptions {
  auth: Authenticator;
  conversations: Conversations;
  log: Logger;
  /** Empty keep-alive frames, so proxies do not drop a quiet socket. */
  keepAliveMs: number;
}

/** A client reading slower than this much queued output is cut off; it can reconnect. */
const MAX_BUFFERED_BYTES = 1 << 20;

export class Stream {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096, perMessageDeflate: false });
  private readonly sockets = new Map<string, WebSocket>();
  private readonly keepAlive: NodeJS.Timeout;

  constructor(private readonly options: StreamOptions) {
    this.keepAlive = setInterval(() => {
      for (const ws of this.sockets.values()) send(ws, '');
    }, options.keepAliveMs);
    this.keepAlive.unref();
  }

  /** For `server.on('upgrade')`: false when the URL is not a Direct Line stream. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return false;
    const conversationId = match[1]!;
    const token = url.searchParams.get('t');
    if (!token) {
      refuse(socket, 401, 'Unauthorized');
      return true;
    }
    try {
      const claims = this.options.auth.fromToken(token);
      if (claims.conversationId !== conversationId) throw new HttpError(403, 'Forbidden', 'token is for another conversation');
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 403;
      this.options.log.info({ conversationId, status }, 'stream refused');
      refuse(socket, status, status === 401 ? 'Unauthorized' : 'Forbidden');
      return true;
    }
    const watermark = url.searchParams.get('watermark');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, conversationId, watermark));
    return true;
  }

  private attach(ws: WebSocket, conversationId: string, watermark: string | null): void {
    const conversation = this.options.conversations.ensure(conversationId);
    const previous = this.sockets.get(conversationId);
    if (previous) previous.close(1000, 'collision');
    this.sockets.set(conversationId, ws);

    // Replay and subscribe in the same tick, so nothing falls between the two. Without a
    // watermark the stream carries only what happens from now on (Direct Line semantics).
    if (watermark !== null) {
      const backlog = conversation.log.since(watermark);
      if (backlog.activities.length > 0) send(ws, frame(backlog));
    }
    const unsubscribe = conversation.log.subscribe((set) => send(ws, frame(set)));
    this.options.log.debug({ conversationId, collision: previous !== undefined }, 'stream open');

    ws.on('message', () => {
      // Client frames are keep-alive pings (""); anything else is ignored as well.
      this.options.conversations.get(conversationId);
    });
    ws.on('error', (err) => this.options.log.debug({ conversationId, err: err.message }, 'stream error'));
    ws.on('close', () => {
      unsubscribe();
      if (this.sockets.get(conversationId) === ws) this.sockets.delete(conversationId);
    });
  }

  get openSockets(): number {
    return this.sockets.size;
  }

  /** Says goodbye (1001) to every client; they reconnect to whoever serves next. */
  close(): Promise<void> {
    clearInterval(this.keepAlive);
    const closed = [...this.sockets.values()].map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            ws.terminate();
            resolve();
          }, 1000);
          timer.unref();
          ws.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          ws.close(1001, 'server shutting down');
        }),
    );
    this.sockets.clear();
    return Promise.all(closed).then(() => new Promise<void>((resolve) => this.wss.close(() => resolve())));
  }
}

function frame(set: ActivitySet): string {
  return JSON.stringify(set);
}

function send(ws: WebSocket, data: string): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
    ws.terminate();
    return;
  }
  ws.send(data);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
