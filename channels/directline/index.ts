import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RequestHandler, Router } from 'express';
import type { Logger } from '../../src/log/logger.ts';
import type { OutboundSink, TurnHandler } from '../../src/runtime/ports.ts';
import { createAuthenticator } from './auth.ts';
import { Conversations } from './conversations.ts';
import { createCors } from './cors.ts';
import { BASE, createDirectLineRouter } from './router.ts';
import { DirectLineSink } from './sink.ts';
import { Stream } from './stream.ts';
import { createTokenService } from './tokens.ts';

/**
 * The web chat channel: a self-hosted Direct Line 3.0 service, so Microsoft Web Chat and
 * DirectLineJS connect unchanged with `domain: 'https://<host>/v3/directline'`.
 *
 * Wiring (composition root):
 *
 *   const dl = createDirectLine({ turns, tokenKey, origins, log, secret: env.DIRECTLINE_SECRET });
 *   const app = createApp({ log, ready, routers: [dl.router], beforeBody: [dl.cors] });
 *   const server = await startServer({ app, port, log, onUpgrade: dl.handleUpgrade, onClose: dl.close });
 *   runtime.registerSink('webchat', dl.sink);
 */
export interface DirectLineOptions {
  turns: TurnHandler;
  /** When set, token generation needs it; when unset, tokens and conversations are free for all. */
  secret?: string;
  /** Signs tokens (≥ 16 bytes). Keep it stable so tokens survive restarts. */
  tokenKey: Buffer;
  /** Origins allowed to call from a browser (`https://host[:port]`), or `'*'`. */
  origins: string[];
  /** Public base URL (`https://chat.example.org`); stream URLs use its host. Default: the
   * request's Host and protocol, which behind a TLS-terminating proxy says `ws://` unless
   * express `trust proxy` is set: set this in production. */
  publicUrl?: string;
  /** Default 1800 (Direct Line's `expires_in`). */
  tokenTtlSeconds?: number;
  /** Activities per conversation per minute. Default 60. */
  rateLimitPerMinute?: number;
  /** Activities kept per conversation. Default 500. */
  historySize?: number;
  /** Conversations idle this long are forgotten. Default 24 h. */
  idleEvictMs?: number;
  /** Empty keep-alive frames on open sockets. Default 30 s. */
  keepAliveMs?: number;
  log: Logger;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

export interface DirectLine {
  router: Router;
  /** The router's CORS (only acts under /v3/directline), for `createApp({ beforeBody })` so
   * even body-parser errors carry it. */
  cors: RequestHandler;
  sink: OutboundSink;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Closes sockets (1001) and stops timers. */
  close(): Promise<void>;
}

export function createDirectLine(options: DirectLineOptions): DirectLine {
  const now = options.now ?? Date.now;
  const log = options.log.child({ channel: 'webchat' });
  const tokens = createTokenService({ key: options.tokenKey, ttlSeconds: options.tokenTtlSeconds ?? 1800, now });
  const auth = createAuthenticator(tokens, options.secret || undefined);
  const cors = createCors(options.origins, BASE);
  const streamBase = options.publicUrl === undefined ? undefined : streamBaseOf(options.publicUrl);
  const rateLimitPerMinute = options.rateLimitPerMinute ?? 60;
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1) {
    throw new Error(`Direct Line rateLimitPerMinute must be a positive whole number, got ${rateLimitPerMinute}.`);
  }
  // Timers start below this line, once the configuration is known to be good.
  const conversations = new Conversations({
    capacity: options.historySize ?? 500,
    idleMs: options.idleEvictMs ?? 24 * 60 * 60 * 1000,
    sweepEveryMs: 10 * 60 * 1000,
    now,
  });
  const routes = createDirectLineRouter({
    turns: options.turns,
    auth,
    tokens,
    conversations,
    cors,
    streamBase,
    rateLimitPerMinute,
    log,
    now,
  });
  const stream = new Stream({ auth, conversations, log, keepAliveMs: options.keepAliveMs ?? 30_000 });

  let closing: Promise<void> | undefined;
  return {
    router: routes.router,
    cors,
    sink: new DirectLineSink(conversations, log, now),
    handleUpgrade: (req, socket, head) => stream.handleUpgrade(req, socket, head),
    close: () => {
      closing ??= stream.close().finally(() => {
        routes.close();
        conversations.close();
      });
      return closing;
    },
  };
}

/** `https://chat.example.org/` → `wss://chat.example.org`; anything else fails at start-up. */
function streamBaseOf(publicUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error(`Direct Line publicUrl "${publicUrl}" is not a URL; use e.g. "https://chat.example.org".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Direct Line publicUrl must start with http:// or https://, got "${publicUrl}".`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`Direct Line publicUrl must be an origin without a path, got "${publicUrl}".`);
  }
  return `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;
}
