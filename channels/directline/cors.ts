import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * CORS for the web widget on other sites. Web Chat sends all four of these headers; a
 * preflight that leaves one out blocks `POST /conversations` and the widget stays blank
 * (checked in Chromium with botframework-webchat 4.18). A refused origin gets no
 * `Access-Control-Allow-Origin`, so the browser blocks it.
 */
export const ALLOWED_HEADERS = ['authorization', 'content-type', 'x-ms-bot-agent', 'x-requested-with'];

const ORIGIN = /^https?:\/\/[^/\s?#]+$/;

/** CORS for requests under `basePath` only; other paths pass through untouched. */
export function createCors(origins: string[], basePath: string): RequestHandler {
  for (const origin of origins) {
    if (origin !== '*' && !ORIGIN.test(origin)) {
      throw new Error(`Direct Line origin "${origin}" is not an origin: use "https://host[:port]" without a path or trailing slash, or "*".`);
    }
  }
  const allowed = new Set(origins);
  const handler = cors({
    origin: allowed.has('*') ? '*' : (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: ['retry-after'],
    maxAge: 600,
  });
  return (req, res, next) => {
    if (req.path === basePath || req.path.startsWith(`${basePath}/`)) handler(req, res, next);
    else next();
  };
}
