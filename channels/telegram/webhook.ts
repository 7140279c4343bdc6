import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import { HttpError } from '../kit/http.ts';
import { errorName, receiveUpdate, type ReceiveDeps } from './receive.ts';
import { checkUpdate } from './update.ts';

/** Telegram sends the `secret_token` given to setWebhook in this header on every update. */
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export interface WebhookDeps extends ReceiveDeps {
  /** Where the app serves the webhook, e.g. `/telegram/webhook`. */
  path: string;
  secretToken: string;
}

/**
 * `POST <path>`: one Telegram update per request.
 *
 * - No `X-Telegram-Bot-Api-Secret-Token` header → 401; a wrong one → 403. Nothing is processed.
 *   Both are compared as SHA-256 digests in constant time, so neither the length nor a prefix
 *   of the secret leaks through timing.
 * - A body that is not an update → 400 naming the field. (Unknown update kinds are 204.)
 * - The update's turn is committed and its replies sent before the answer: a 204 means done.
 *   If the turn fails → 503, and Telegram delivers the same update again (the runtime drops
 *   it if the turn had in fact been committed).
 *
 * A route on the main app, not `app.use(path, …)`: express strips mount paths, which is why
 * `app.use('/tg', bot.webhookCallback('/tg'))` never matches.
 */
export function createWebhookRouter(deps: WebhookDeps): Router {
  const router = express.Router();
  const expected = digest(deps.secretToken);

  router.post(deps.path, async (req, res) => {
    const given = req.get(SECRET_HEADER);
    if (given === undefined || given === '') throw new HttpError(401, 'Unauthorized', 'The X-Telegram-Bot-Api-Secret-Token header is missing.');
    if (!timingSafeEqual(digest(given), expected)) throw new HttpError(403, 'Forbidden', 'The X-Telegram-Bot-Api-Secret-Token header does not match.');

    const check = checkUpdate(req.body);
    if (!check.ok) throw new HttpError(400, 'BadArgument', check.problem);

    try {
      await receiveUpdate(deps, check.update);
    } catch (err) {
      deps.log.error({ updateId: check.update.update_id, err: errorName(err) }, 'update not handled; Telegram will send it again');
      throw new HttpError(503, 'TurnFailed', 'The update could not be handled now; send it again.', { 'Retry-After': '1' });
    }
    res.status(204).end();
  });

  return router;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
