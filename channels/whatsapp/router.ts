import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Router } from 'express';
import { rawBodyOf } from '../kit/http.ts';
import { HttpError } from '../kit/http.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { Receiver } from './receive.ts';
import { parseWebhook } from './schema.ts';
import { checkSignature } from './signature.ts';

export const WEBHOOK_PATH = '/webhooks/whatsapp';

export interface RouterDeps {
  appSecret: string;
  verifyToken: string;
  receiver: Receiver;
  log: Logger;
}

/** Meta's challenge is a number today; only a plain token is echoed back, never anything that could be markup. */
const CHALLENGE = /^[A-Za-z0-9._~-]{1,512}$/;

/**
 * The webhook, thin: check, validate, answer, then work.
 *
 *   GET  /webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…
 *        → 200 text/plain <challenge> | 403 {error} (wrong mode or token) | 400 (no challenge)
 *   POST /webhooks/whatsapp   (X-Hub-Signature-256)
 *        → 200 {received} once the messages are in the durable inbox; the turns run afterwards (receive.ts)
 *        → 503 when the inbox cannot be written (Meta retries)
 *        → 401 unsigned | 403 mis-signed | 415 not JSON | 400 malformed JSON or wrong shape
 *        → 503 while shutting down (Meta retries)
 */
export function createWhatsAppRouter(deps: RouterDeps): Router {
  const router = express.Router();
  const verifyTokenDigest = digest(deps.verifyToken);

  router.get(WEBHOOK_PATH, (req, res) => {
    const mode = queryString(req, 'hub.mode');
    const token = queryString(req, 'hub.verify_token');
    if (mode !== 'subscribe' || token === undefined || !timingSafeEqual(digest(token), verifyTokenDigest)) {
      deps.log.warn({ mode: mode === 'subscribe' ? mode : 'other' }, 'webhook verification refused');
      throw new HttpError(403, 'Forbidden', 'Verification failed: hub.mode must be "subscribe" and hub.verify_token must match.');
    }
    const challenge = queryString(req, 'hub.challenge');
    if (challenge === undefined || !CHALLENGE.test(challenge)) {
      throw new HttpError(400, 'BadArgument', 'hub.challenge is missing or not a plain token.');
    }
    deps.log.info('webhook verified');
    res.set('x-content-type-options', 'nosniff').type('text/plain').send(challenge);
  });

  router.post(WEBHOOK_PATH, async (req, res) => {
    checkSignature(deps.appSecret, req.get('x-hub-signature-256'), rawBodyOf(req));
    const accepted = deps.receiver.accept(parseWebhook(req.body));
    try {
      await deps.receiver.keep(accepted);
    } catch (err) {
      deps.log.error({ err: err instanceof Error ? err.name : typeof err }, "could not keep the webhook's messages; Meta will deliver it again");
      throw new HttpError(503, 'ServiceUnavailable', 'Could not keep the messages now; deliver this webhook again.', { 'Retry-After': '5' });
    }
    res.json({ received: accepted.turns.length });
    deps.receiver.process(accepted);
  });

  return router;
}

/** A single string query parameter; repeated or nested ones are a 400. */
function queryString(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined || typeof value === 'string') return value;
  throw new HttpError(400, 'BadArgument', `${name} must be given once, as a string.`);
}

/** Fixed-length digests, so comparing never leaks the token's length. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
