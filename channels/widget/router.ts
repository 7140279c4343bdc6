import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { HttpError, negotiate } from '../kit/http.ts';
import type { WidgetBundle } from './build.ts';
import { demoPage } from './demo.ts';

/**
 *   GET /widget.js   the bundle: brotli or gzip when the client accepts it (compressed once at
 *                    start), ETag + 304, cacheable for 10 minutes
 *   GET /            the demo page (`?lang=es|en`)
 */
export interface WidgetRouterDeps {
  bundle: WidgetBundle;
  /** `https://faro.example.org`, shown in the demo page's snippet; from the request when absent. */
  publicOrigin?: string;
}

/**
 * The URL agencies embed has no version in it, so the script cannot be cached forever: ten
 * minutes, then a cheap revalidation (304) against the ETag. A new release reaches every page
 * within that time.
 */
const CACHE_CONTROL = 'public, max-age=600';

const DemoQuery = z.looseObject({ lang: z.enum(['es', 'en']).optional() });

export function createWidgetRouter(deps: WidgetRouterDeps): Router {
  const { bundle } = deps;
  const router = express.Router();

  router.get('/widget.js', (req, res) => {
    const encoding = negotiate(req.get('accept-encoding'));
    const etag = `"${bundle.hash}-${encoding}"`;
    res.set({
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': CACHE_CONTROL,
      ETag: etag,
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
      // Pages with Cross-Origin-Embedder-Policy may load it; `crossorigin` + SRI work too.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
    });
    if (matches(req.get('if-none-match'), etag)) {
      res.status(304).end();
      return;
    }
    const body = encoding === 'identity' ? bundle.identity : bundle[encoding];
    if (encoding !== 'identity') res.set('Content-Encoding', encoding);
    res.set('Content-Length', String(body.length));
    res.end(body);
  });

  router.get('/', (req, res) => {
    const query = DemoQuery.safeParse(req.query);
    if (!query.success) throw new HttpError(400, 'BadArgument', 'lang must be "es" or "en", given once.');
    const lang = query.data.lang ?? 'es';
    res.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Language': lang,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.send(demoPage(lang, deps.publicOrigin ?? requestOrigin(req)));
  });

  return router;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The origin the browser used; a Host header that is not a host name shows a relative snippet. */
function requestOrigin(req: Request): string {
  const host = req.get('host');
  return host && HOST.test(host) ? `${req.protocol}://${host}` : '';
}
