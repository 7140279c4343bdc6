import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import QRCode from 'qrcode';
import { z } from 'zod';
import { HttpError } from '../kit/http.ts';
import type { Pairing } from './pairing.ts';

export const QR_PAGE_PATH = '/whatsapp-web/qr';

/**
 * `GET /whatsapp-web/qr`: the pairing code as a small HTML page with an inline SVG, for
 * operators who cannot see the server's terminal. Whoever scans it links THEIR phone to this
 * Faro, so the page needs the token: `Authorization: Bearer <token>` or `?token=<token>` (a
 * browser can only send the latter). Answers, all `Cache-Control: no-store`:
 *
 *   200 text/html   the page (reloads itself every 15 s: the code changes about every 20 s)
 *   400             `token` given twice
 *   401             no token (or another scheme than Bearer)
 *   403             a wrong token
 *   404             no token configured (page disabled), or no code waiting (already linked)
 */
export function createQrPageRouter(options: { token: string | undefined; pairing: Pairing }): Router {
  const expected = options.token === undefined ? undefined : digest(options.token);
  const drawings = new SvgCache();
  const router = express.Router();
  router.get(QR_PAGE_PATH, async (req, res) => {
    res.set(NO_STORE);
    if (expected === undefined) throw new HttpError(404, 'NotFound', 'The WhatsApp Web QR page is disabled (no WHATSAPP_WEB_QR_TOKEN is set).');
    authorize(req, expected);
    const qr = options.pairing.pending;
    if (qr === undefined) throw new HttpError(404, 'NotFound', 'No pairing code is waiting: WhatsApp Web is linked already, or has not shown a code yet.');
    res
      .status(200)
      .set(PAGE_HEADERS)
      .type('html')
      .send(page(await drawings.svgOf(qr)));
  });
  return router;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

const PAGE_HEADERS = {
  // Only the inline SVG and style are allowed; the token in the URL never leaves as a referrer.
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

/** Express 5 parses `?token=a&token=b` into an array: refuse it rather than guess. */
const Query = z.object({ token: z.string().max(1024).optional() });

function authorize(req: Request, expected: Buffer): void {
  const header = req.get('authorization');
  let given: string | undefined;
  if (header !== undefined) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!bearer) throw unauthorized('Use "Authorization: Bearer <token>" or "?token=<token>".');
    given = bearer[1];
  } else {
    const query = Query.safeParse(req.query);
    if (!query.success) throw new HttpError(400, 'BadArgument', 'token: give it once, as a string.');
    given = query.data.token;
  }
  if (given === undefined || given === '') throw unauthorized('This page needs the WhatsApp Web QR token.');
  // Comparing fixed-length digests takes the same time whatever the guess, and whatever its length.
  if (!timingSafeEqual(digest(given), expected)) throw new HttpError(403, 'Forbidden', 'Wrong token.');
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, 'Unauthorized', message, { 'WWW-Authenticate': 'Bearer' });
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The code changes every ~20 s while the page may be reloaded more often: draw each code once. */
class SvgCache {
  private last: { qr: string; svg: Promise<string> } | undefined;

  svgOf(qr: string): Promise<string> {
    if (this.last?.qr !== qr) {
      const entry = { qr, svg: QRCode.toString(qr, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
      entry.svg.catch(() => {
        if (this.last === entry) this.last = undefined; // draw it again next time rather than fail forever
      });
      this.last = entry;
    }
    return this.last.svg;
  }
}

function page(svg: string): string {
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="15"><meta name="robots" content="noindex">
<title>Faro · WhatsApp Web</title>
<style>body{font:16px/1.4 system-ui,sans-serif;max-width:26rem;margin:1.5rem auto;padding:0 1rem}svg{display:block;width:100%;height:auto;background:#fff}</style></head>
<body><h1>Vincular WhatsApp Web</h1>
<p>En el teléfono del piloto: WhatsApp → Dispositivos vinculados → Vincular un dispositivo, y escanea este código. Cambia cada ~20 s; la página se recarga sola.</p>
${svg}
<p lang="en">On the pilot phone: WhatsApp → Linked devices → Link a device, and scan this code.</p>
</body></html>
`;
}
