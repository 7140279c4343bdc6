import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryPolicy {
  /** Waits before the 2nd, 3rd… attempt; its length is the number of retries. */
  delaysMs: readonly number[];
  /** Aborting (the channel stops) ends the waiting at once with the last error. */
  signal: AbortSignal;
}

/**
 * Runs `attempt` until it succeeds, fails in a way `isRetryable` says will not get better, or
 * the retries are used up; then throws the last error.
 */
export async function withRetries<T>(attempt: () => Promise<T>, isRetryable: (err: unknown) => boolean, policy: RetryPolicy, onRetry: (err: unknown, retry: number) => void = () => {}): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (err) {
      const delay = policy.delaysMs[retry];
      if (delay === undefined || !isRetryable(err) || policy.signal.aborted) throw err;
      onRetry(err, retry + 1);
      try {
        await sleep(delay, undefined, { signal: policy.signal });
      } catch {
        throw err;
      }
    }
  }
}
