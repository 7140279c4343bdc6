import type { Outbound } from '../../src/core/message.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { OutboundSink } from '../../src/runtime/ports.ts';
import { WhatsAppSendError } from './errors.ts';
import type { GraphClient } from './graph.ts';
import type { Pseudonymizer } from './ids.ts';
import { CHANNEL } from './inbound.ts';
import { LIMITS, renderOutbound } from './render.ts';
import { type RetryPolicy, withRetries } from '../kit/retry.ts';
import { split, withNumberedMenu } from '../kit/text.ts';
import type { CustomerServiceWindow } from './window.ts';
import { envelope, type GraphMessage } from './wire.ts';
import { RecentIds } from '../kit/recentIds.ts';

export interface TemplateRef {
  /** An approved template without variables, e.g. "we have an answer for you: write to continue". */
  name: string;
  /** Its language code as approved (`es`, `es_PE`, `en_US`). */
  lang: string;
}

export interface SinkDeps {
  graph: GraphClient;
  window: CustomerServiceWindow;
  template: TemplateRef | undefined;
  retry: RetryPolicy;
  ref: Pseudonymizer;
  log: Logger;
}

/** Outbound ids remembered as done (sent, or given up for good). */
const REMEMBERED = 10_000;
/** Staff messages held per person while their window is closed, and people held for. */
const HELD_PER_PERSON = 20;
const HELD_PEOPLE = 10_000;

/**
 * Puts replies on WhatsApp through the Graph API. Per reply:
 * - already done (same `Outbound.id`): nothing, so the runtime's redelivery is a no-op;
 * - the person's 24-hour window is open: the rendered messages (render.ts);
 * - it is closed: the configured template instead, at most once per delivery and person, or
 *   nothing and a warning when none is configured. A reply to the person's own message is not
 *   sent (they will get a fresh one when they write again); a message from staff (an
 *   operator's answer hours later, a referral's outcome: `replyTo` '') is held, and sent
 *   first when the person writes again (`releaseHeld`, called by the receiver before their
 *   turn), so the template's "write to continue" leads to it. Held messages are kept in
 *   memory (20 per person): a restart in between loses them from the chat, not from the
 *   ticket's transcript, where the operator still sees them.
 *
 * Failures (errors.ts): `throttled`/`unavailable` are retried with backoff; when retries run
 * out, and on `unauthorized`, `deliver` throws, so the reply stays in the runtime's outbox and
 * is delivered again by `recover()` at the next start. `window_closed` (Meta knows better than
 * our memory) sends the template; `contact_unreachable` gives up on that person's remaining
 * replies; `rejected` on an interactive message tries once more as numbered text, then gives up.
 * Given-up replies are logged (ids and codes only) and count as done.
 *
 * Idempotency is in memory: after a restart, a reply delivered just before a crash may be sent
 * again (WhatsApp has no message idempotency key).
 */
export class WhatsAppSink implements OutboundSink {
  private readonly done = new RecentIds(REMEMBERED);
  private readonly held = new Map<string, Outbound[]>();

  constructor(private readonly deps: SinkDeps) {}

  async deliver(messages: Outbound[]): Promise<void> {
    const templated = new Set<string>();
    const givenUp = new Set<string>();
    for (const message of messages) {
      if (message.channel !== CHANNEL) {
        this.deps.log.warn({ channel: message.channel, seq: message.seq }, "whatsapp sink got another channel's message");
        continue;
      }
      if (this.done.has(message.id)) continue;
      const waId = message.conversationId;
      const at = { contact: this.deps.ref(waId), seq: message.seq, step: message.reply.step };
      if (givenUp.has(waId)) {
        this.markDone(message.id);
        continue;
      }
      if (!this.deps.window.isOpen(waId)) {
        if (!templated.has(waId)) {
          templated.add(waId);
          if (!(await this.sendTemplate(waId, at))) givenUp.add(waId);
        }
        if (message.replyTo === '' && !givenUp.has(waId)) this.hold(message);
        this.markDone(message.id);
        continue;
      }
      const outcome = await this.sendReply(message, at);
      if (outcome === 'window_closed') {
        templated.add(waId);
        if (!(await this.sendTemplate(waId, at))) givenUp.add(waId);
      }
      if (outcome === 'contact_unreachable' || outcome === 'window_closed') givenUp.add(waId);
      this.markDone(message.id);
    }
  }

  /** The person wrote again (their window is open): what staff sent meanwhile, in order. */
  async releaseHeld(waId: string): Promise<void> {
    const waiting = this.held.get(waId);
    if (!waiting) return;
    this.held.delete(waId);
    for (const message of waiting) {
      const at = { contact: this.deps.ref(waId), seq: message.seq, step: message.reply.step };
      try {
        if ((await this.sendReply(message, at)) !== 'sent') return;
      } catch {
        // Throttled or unauthorized for now: the rest waits for the person's next message.
        this.held.set(waId, waiting.slice(waiting.indexOf(message)));
        return;
      }
    }
  }

  private hold(message: Outbound): void {
    const waId = message.conversationId;
    const waiting = [...(this.held.get(waId) ?? []), message].slice(-HELD_PER_PERSON);
    this.held.delete(waId);
    this.held.set(waId, waiting);
    if (this.held.size > HELD_PEOPLE) this.held.delete(this.held.keys().next().value as string);
  }

  /** Sends one reply; throws only what should keep it in the outbox. */
  private async sendReply(message: Outbound, at: LogIds): Promise<'sent' | 'window_closed' | 'contact_unreachable' | 'rejected'> {
    const callbackData = `${at.contact}#${message.seq}`;
    const parts = renderOutbound(message, callbackData);
    if (parts.length === 0) {
      this.deps.log.warn(at, 'empty reply not sent');
      return 'sent';
    }
    try {
      for (const part of parts) await this.send(part, at);
      this.deps.log.debug({ ...at, parts: parts.length, type: parts[0]!.type }, 'reply sent');
      return 'sent';
    } catch (err) {
      const refusedInteractive = err instanceof WhatsAppSendError && err.kind === 'rejected' && parts[0]!.type === 'interactive';
      if (!refusedInteractive) return this.settle(err, at);
      this.deps.log.warn({ ...at, code: err.code }, 'interactive reply refused; trying numbered text');
    }
    // Meta refused the interactive form (a limit we did not know of): the same reply as text.
    const text = withNumberedMenu(message.reply.text, message.reply.choices);
    try {
      for (const body of split(text, LIMITS.textBody)) await this.send({ ...envelope(message.conversationId, callbackData), type: 'text', text: { body, preview_url: false } }, at);
      return 'sent';
    } catch (err) {
      return this.settle(err, at);
    }
  }

  /** True when the template went out (or there is none to send and the reply is dropped). */
  private async sendTemplate(waId: string, at: LogIds): Promise<boolean> {
    const { template } = this.deps;
    if (!template) {
      this.deps.log.warn(at, 'outside the 24-hour window and no template configured: reply not sent');
      return true;
    }
    try {
      await this.send({ ...envelope(waId, `${at.contact}#${at.seq}`), type: 'template', template: { name: template.name, language: { code: template.lang } } }, at);
      this.deps.log.info({ ...at, template: template.name }, 'outside the 24-hour window: template sent instead of the reply');
      return true;
    } catch (err) {
      this.settle(err, at);
      return false;
    }
  }

  private send(message: GraphMessage, at: LogIds): Promise<string | undefined> {
    return withRetries(
      () => this.deps.graph.send(message),
      (err) => err instanceof WhatsAppSendError && err.retryable,
      this.deps.retry,
      (err, retry) => this.deps.log.info({ ...at, retry, kind: (err as WhatsAppSendError).kind }, 'retrying send'),
    );
  }

  /** A final failure: rethrown when the reply must stay in the outbox, else logged and named. */
  private settle(err: unknown, at: LogIds): 'window_closed' | 'contact_unreachable' | 'rejected' {
    if (!(err instanceof WhatsAppSendError)) throw err;
    const fields = { ...at, kind: err.kind, code: err.code, status: err.status };
    if (err.retryable || err.kind === 'unauthorized') {
      this.deps.log.error(fields, 'send failed; the reply stays in the outbox for recovery');
      throw err;
    }
    this.deps.log.warn(fields, 'send failed for good');
    return err.kind === 'window_closed' || err.kind === 'contact_unreachable' ? err.kind : 'rejected';
  }

  private markDone(id: string): void {
    this.done.add(id);
  }
}

interface LogIds {
  contact: string;
  seq: number;
  step: string;
}
