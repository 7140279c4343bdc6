import type { IncomingMessage } from 'node:http';
import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Logger } from '../log/logger.ts';
import { errorHandler, notFound } from './errors.ts';

export interface AppDeps {
  log: Logger;
  /** True when the process can serve traffic (store reachable). Must not throw, but may. */
  ready: () => Promise<boolean>;
  /** Mounted in this order, after the health checks and the JSON body parser. */
  routers: Router[];
  /** Largest accepted JSON body (bytes or a string like `'100kb'`). Default 100 kB. */
  jsonLimit?: number | string;
  /** Run before the body parser, e.g. a router's CORS, so that even a 400/413 from the
   * parser carries CORS headers and a browser can read it. */
  beforeBody?: RequestHandler[];
  /** express's `trust proxy` (TRUST_PROXY): which proxies' X-Forwarded-For names the client, so
   * per-IP limits count people, not the proxy. Default: none (the socket's address counts). */
  trustProxy?: boolean | number | string;
}

const rawBodies = new WeakMap<IncomingMessage, Buffer>();

/** The exact bytes of a parsed JSON body, for signature checks (WhatsApp's X-Hub-Signature-256). */
export function rawBodyOf(req: IncomingMessage): Buffer | undefined {
  return rawBodies.get(req);
}

/**
 * The express app: health checks, JSON bodies, the given routers, a JSON 404 and one error
 * handler. Every answer is JSON; nothing says which framework runs it.
 */
export function createApp(deps: AppDeps): Express {
  const { log, ready, routers, jsonLimit = '100kb', beforeBody = [] } = deps;
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  // Every answer is JSON (or the widget's own script/page): never let a browser sniff it as HTML.
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  // API answers are never cached by clients; a per-response SHA-1 ETag was measurable CPU.
  app.set('etag', false);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    let isReady = false;
    try {
      isReady = await ready();
    } catch (err) {
      log.warn({ err }, 'readiness check failed');
    }
    res.status(isReady ? 200 : 503).json({ status: isReady ? 'ready' : 'unavailable' });
  });

  for (const handler of beforeBody) app.use(handler);
  app.use(express.json({ limit: jsonLimit, verify: (req, _res, buf) => void rawBodies.set(req, buf) }));
  for (const router of routers) app.use(router);

  app.use(notFound());
  app.use(errorHandler(log));
  return app;
}
