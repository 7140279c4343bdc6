import { setTimeout as delay } from 'node:timers/promises';
import { doubling, type RetryPolicy as KitRetryPolicy, withRetries } from '../kit/retry.ts';
import { classifySendError, type TelegramSendError } from './sendError.ts';

/** How hard one Bot API call (or one update's turn, in long polling) is tried. */
export interface RetryPolicy {
  /** Tries in all, the first included. Default 4. */
  attempts: number;
  /** Wait after the first retryable failure; doubles each time (500 ms, 1 s, 2 s). */
  baseDelayMs: number;
  /** Longest single wait. A 429 asking for longer fails at once: holding a conversation's
   * queue for minutes helps nobody, and the outbox keeps the reply. Default 30 s. */
  maxDelayMs: number;
  /** One call's time limit (telegraf's own is 500 s): a hung request must not hold a
   * conversation's queue. Counts as `unavailable`. Default 30 s. */
  timeoutMs: number;
  /** How to wait; tests pass one that records the delay and resolves at once. */
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 30_000,
  sleep: (ms) => delay(ms),
};

export function retryPolicyOf(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY, ...overrides };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1) throw new Error(`Telegram retry.attempts must be a whole number ≥ 1, got ${policy.attempts}.`);
  if (!(policy.baseDelayMs >= 0) || !(policy.maxDelayMs >= 0) || !(policy.timeoutMs > 0)) throw new Error('Telegram retry delays must be ≥ 0 ms and timeoutMs > 0.');
  return policy;
}

/** The kit's policy for this one: `attempts` tries, waits doubling from `baseDelayMs`. */
export function kitPolicy(policy: RetryPolicy): KitRetryPolicy {
  return { delaysMs: doubling(policy.attempts, policy.baseDelayMs, policy.maxDelayMs), maxWaitMs: policy.maxDelayMs, sleep: (ms) => policy.sleep(ms) };
}

/**
 * Runs one Bot API call on the kit's retry loop: `throttled` (after Telegram's `retry_after`)
 * and `unavailable` (with back-off) failures are tried again; anything else, or the last
 * failure, is thrown as a TelegramSendError. A retried send may reach the person twice if only
 * the answer was lost: Telegram has no idempotency key, and a duplicate beats a lost reply.
 */
export function callWithRetries<T>(policy: RetryPolicy, call: () => Promise<T>, onRetry: (failure: TelegramSendError, attempt: number, waitMs: number) => void): Promise<T> {
  const classified = async () => {
    try {
      return await call();
    } catch (err) {
      throw classifySendError(err);
    }
  };
  return withRetries(
    classified,
    (err) => (err as TelegramSendError).retryable,
    kitPolicy(policy),
    (err, retry, waitMs) => onRetry(err as TelegramSendError, retry, waitMs),
  );
}
