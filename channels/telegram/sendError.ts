import { TelegramError } from 'telegraf';

/**
 * Every way a Bot API call can fail, as a closed set that says what to do next:
 *
 * | kind             | cause                                                    | then                       |
 * |------------------|----------------------------------------------------------|----------------------------|
 * | `throttled`      | 429 Too Many Requests (`parameters.retry_after` seconds) | wait that long, retry      |
 * | `unavailable`    | 5xx, network error, timeout, unreadable answer           | back off, retry            |
 * | `contactStopped` | 403 (bot blocked, user deactivated), 400 chat not found  | drop: nobody will read it  |
 * | `rejected`       | any other 400: this message is malformed                 | drop (or resend plainer)   |
 * | `unauthorized`   | 401/404: the bot token is wrong or was revoked           | fail now, keep the outbox  |
 *
 * Descriptions are Telegram's, e.g. "Forbidden: bot was blocked by the user". The error never
 * carries the request payload (the message text) or the token.
 */
export type SendFailureKind = 'throttled' | 'unavailable' | 'contactStopped' | 'rejected' | 'unauthorized';

export class TelegramSendError extends Error {
  override readonly name = 'TelegramSendError';
  constructor(
    readonly kind: SendFailureKind,
    /** Telegram's `error_code`, or undefined for network failures. */
    readonly code: number | undefined,
    /** From 429 answers: how long Telegram asks us to wait. */
    readonly retryAfterMs: number | undefined,
    description: string,
  ) {
    super(`Telegram ${kind}${code !== undefined ? ` (${code})` : ''}: ${description}`);
  }

  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'unavailable';
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
    if (code === 403 || (code === 400 && CHAT_GONE.test(description))) return new TelegramSendError('contactStopped', code, undefined, description);
    if (code === 401 || code === 404) return new TelegramSendError('unauthorized', code, undefined, description);
    return new TelegramSendError('rejected', code, undefined, description);
  }
  // node-fetch's FetchError (refused, reset, DNS), AbortError (our timeout), or a body that was
  // not JSON (a proxy's HTML error page): all say "try again later". telegraf already removed
  // the token from these messages; we keep only the error's name.
  const name = err instanceof Error ? err.name : typeof err;
  return new TelegramSendError('unavailable', undefined, undefined, name);
}
