import express, { type Router } from 'express';
import { negotiate } from '../http/browserAssets.ts';
import { HttpError } from '../http/errors.ts';
import type { ConsoleAsset, ConsoleAssets } from './build.ts';
import { consolePage } from './page.ts';

/**
 *   GET /console                  the page (no-cache: it names the current assets)
 *   GET /console/console-<h>.js   the script  } brotli or gzip when accepted, cached for a year:
 *   GET /console/console-<h>.css  the styles  } the name changes with the content
 *   anything else under /console  JSON 404
 *
 * The page may run only this server's script and styles and talk only to this server (the
 * staff API); it may not be framed, and sends no Referer.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONSOLE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

export function createConsoleRouter(assets: ConsoleAssets): Router {
  const router = express.Router({ strict: true });
  const page = Buffer.from(consolePage(assets));
  const byName = new Map<string, ConsoleAsset>([assets.script, assets.style].map((a) => [a.name, a]));

  const sendPage: express.RequestHandler = (_req, res) => {
    res.set({ ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
    res.end(page);
  };
  router.get('/console', sendPage);
  router.get('/console/', sendPage);

  router.get('/console/:name', (req, res) => {
    const found = byName.get(req.params.name);
    if (!found) throw new HttpError(404, 'NotFound', 'No such console file.');
    const encoding = negotiate(req.get('accept-encoding'));
    const body = encoding === 'identity' ? found.identity : found[encoding];
    res.set({ ...SECURITY_HEADERS, 'Content-Type': found.contentType, 'Cache-Control': 'public, max-age=31536000, immutable', Vary: 'Accept-Encoding', 'Content-Length': String(body.length) });
    if (encoding !== 'identity') res.set('Content-Encoding', encoding);
    res.end(body);
  });

  router.all('/console/*rest', () => {
    throw new HttpError(404, 'NotFound', 'No such console page.');
  });
  return router;
}
