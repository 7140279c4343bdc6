import { setTimeout as sleepFor } from 'node:timers/promises';
import { SendError } from './sendError.ts';

/** How hard a channel tries one thing again (a send, a turn): every channel's one retry loop. */
export interface RetryPolicy {
  /** Waits before the 2nd, 3rd… attempt; its length is the number of retries. */
  delaysMs: readonly number[];
  /** A platform asking to wait longer than this (a 429's retry-after) is not waited for: the
   * last error is thrown and the outbox keeps the reply. Default: no limit. */
  maxWaitMs?: number;
  /** Aborting (the channel stops) ends the waiting at once with the last error. */
  signal?: AbortSignal;
  /** How to wait; tests pass one that records the delay and resolves at once. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Back-off waits: `base`, doubling, each at most `max`, for `attempts` tries in all. */
export function doubling(attempts: number, baseMs: number, maxMs: number): number[] {
  return Array.from({ length: Math.max(0, attempts - 1) }, (_, i) => Math.min(baseMs * 2 ** i, maxMs));
}

/**
 * Runs `attempt` until it succeeds, fails in a way `isRetryable` says will not get better, or
 * the retries are used up; then throws the last error. A SendError's own retry-after (a 429)
 * replaces the planned wait.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  isRetryable: (err: unknown) => boolean,
  policy: RetryPolicy,
  onRetry: (err: unknown, retry: number, waitMs: number) => void = () => {},
): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number, signal?: AbortSignal) => sleepFor(ms, undefined, { signal }));
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (err) {
      const planned = policy.delaysMs[retry];
      if (planned === undefined || !isRetryable(err) || policy.signal?.aborted) throw err;
      const waitMs = err instanceof SendError && err.retryAfterMs !== undefined ? err.retryAfterMs : planned;
      if (policy.maxWaitMs !== undefined && waitMs > policy.maxWaitMs) throw err;
      onRetry(err, retry + 1, waitMs);
      try {
        await sleep(waitMs, policy.signal);
      } catch {
        throw err;
      }
    }
  }
}
