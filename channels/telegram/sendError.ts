/**
 * Every way a Bot API call can fail, in the kit's closed set of send errors
 * (channels/kit/sendError.ts): 429 Too Many Requests → `throttled` (after
 * `parameters.retry_after` seconds); 5xx, network error, timeout, unreadable answer →
 * `unavailable`; 403 (bot blocked, user deactivated) or 400 chat not found →
 * `contact_unreachable`; 401/404 (the token is wrong or revoked) → `unauthorized`; any other
 * 400 → `rejected`. Descriptions are Telegram's, e.g. "Forbidden: bot was blocked by the user";
 * the error never carries the request payload (the message text) or the token.
 */
import { TelegramError } from 'telegraf';
import { SendError, type SendErrorKind } from '../kit/sendError.ts';

export class TelegramSendError extends SendError {
  override readonly name = 'TelegramSendError';
  constructor(kind: SendErrorKind, code: number | undefined, retryAfterMs: number | undefined, description: string) {
    super(kind, code, `Telegram ${kind}${code !== undefined ? ` (${code})` : ''}: ${description}`, retryAfterMs);
  }
}

const CHAT_GONE = /chat not found|user not found|PEER_ID_INVALID|bot was blocked|user is deactivated|bot can't initiate/i;

export function classifySendError(err: unknown): TelegramSendError {
  if (err instanceof TelegramSendError) return err;
  if (err instanceof TelegramError) {
    const code = err.code;
    const description = typeof err.description === 'string' ? err.description : 'no description';
    if (code === 429) {
      const seconds = err.parameters?.retry_after;
      return new TelegramSendError('throttled', code, typeof seconds === 'number' && seconds >= 0 ? seconds * 1000 : undefined, description);
    }
    if (code >= 500) return new TelegramSendError('unavailable', code, undefined, description);
    if (code === 403 || (code === 400 && CHAT_GONE.test(description))) return new TelegramSendError('contact_unreachable', code, undefined, description);
    if (code === 401 || code === 404) return new TelegramSendError('unauthorized', code, undefined, description);
    return new TelegramSendError('rejected', code, undefined, description);
  }
  // node-fetch's FetchError (refused, reset, DNS), AbortError (our timeout), or a body that was
  // not JSON (a proxy's HTML error page): all say "try again later". telegraf already removed
  // the token from these messages; we keep only the error's name.
  const name = err instanceof Error ? err.name : typeof err;
  return new TelegramSendError('unavailable', undefined, undefined, name);
}
