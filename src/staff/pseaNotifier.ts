/**
 * Tells the PSEA focal point that a new sealed report exists, WITHOUT its content: no code,
 * no text, no channel, no contact. Only that one was filed, and when. The focal point then
 * reads it in Faro, behind the psea_focal check (GET /api/cases?type=psea).
 *
 * Two ways out:
 * - an optional webhook (PSEA_WEBHOOK_URL): a POST of `{"event":"psea.report.filed","at":…}`.
 *   The URL is outside Faro (a chat tool, a mail relay), so even the follow-up code stays home:
 *   a code there would let whoever reads that tool match a person's report to a time and ask
 *   about it. Bounded by a timeout, fire-and-forget, failures logged by kind only (never the
 *   URL, which often embeds a secret);
 * - in-process subscribers (the console's live updates, later), given the same event.
 *
 * `reportFiled` never throws and never waits, so a notification can never fail or slow the
 * person's turn (TurnRuntime's `onSealedReport`).
 */
import type { Logger } from '../log/logger.ts';

export interface SealedReportEvent {
  event: 'psea.report.filed';
  /** ISO time the runtime filed it. */
  at: string;
}

export type SealedReportListener = (event: SealedReportEvent) => void;

export interface PseaNotifier {
  /** Give this to TurnRuntime as `onSealedReport`. */
  reportFiled(): void;
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: SealedReportListener): () => void;
  /** Resolves once the webhook calls in flight have ended (shutdown, tests). */
  idle(): Promise<void>;
}

export interface PseaNotifierOptions {
  log: Logger;
  /** http(s) URL to POST to; unset: no webhook. */
  webhookUrl?: string;
  /** Default 5 seconds. */
  timeoutMs?: number;
  now?: () => number;
}

/** Throws (naming the variable, never the value) when the URL is not http(s). */
export function createPseaNotifier(options: PseaNotifierOptions): PseaNotifier {
  const { log } = options;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 5000;
  const webhook = options.webhookUrl === undefined || options.webhookUrl === '' ? undefined : webhookUrlOf(options.webhookUrl);
  const listeners = new Set<SealedReportListener>();
  const inFlight = new Set<Promise<void>>();

  async function post(url: URL, body: string): Promise<void> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        // A redirect could carry the request somewhere nobody configured.
        redirect: 'error',
      });
      await res.body?.cancel();
      if (!res.ok) log.warn({ kind: 'status', status: res.status }, 'focal-point webhook failed');
    } catch (err) {
      log.warn({ kind: failureKind(err) }, 'focal-point webhook failed');
    }
  }

  return {
    reportFiled() {
      const event: SealedReportEvent = { event: 'psea.report.filed', at: new Date(now()).toISOString() };
      for (const listener of listeners) {
        try {
          listener({ ...event });
        } catch {
          log.warn({ kind: 'listener' }, 'focal-point notification failed');
        }
      }
      if (!webhook) return;
      const call = post(webhook, JSON.stringify(event));
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async idle() {
      await Promise.all([...inFlight]);
    },
  };
}

function webhookUrlOf(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('PSEA_WEBHOOK_URL must be an http:// or https:// URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('PSEA_WEBHOOK_URL must be an http:// or https:// URL');
  return url;
}

function failureKind(err: unknown): string {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  return 'network';
}
