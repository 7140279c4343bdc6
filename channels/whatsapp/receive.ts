import { HttpError } from '../kit/http.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { TurnHandler } from '../../src/runtime/ports.ts';
import type { InboxEntry, InboxRepo } from '../../src/store/ports.ts';
import type { Pseudonymizer } from './ids.ts';
import { CHANNEL, receivedOf, type Received } from './inbound.ts';
import { type RetryPolicy, withRetries } from '../kit/retry.ts';
import type { Webhook, WebhookStatus } from './schema.ts';
import type { CustomerServiceWindow } from './window.ts';

export interface ReceiverDeps {
  turns: TurnHandler;
  window: CustomerServiceWindow;
  /** Sends what staff wrote while the person's window was closed, before their turn (sink.ts). */
  releaseHeld: (waId: string) => Promise<void>;
  phoneNumberId: string;
  /** Where accepted messages wait for their turn (Store.inbox): a crash loses none. */
  inbox: InboxRepo;
  /** Milliseconds since the epoch: the order of inbox entries. */
  now: () => number;
  retry: RetryPolicy;
  ref: Pseudonymizer;
  log: Logger;
}

type Turn = Extract<Received, { kind: 'turn' }>;

/** A validated webhook, ready to be answered 200 and then worked through. */
export interface Accepted {
  turns: Turn[];
  failed: WebhookStatus[];
}

/**
 * The work behind the webhook, done AFTER Meta got its 200 (Meta waits only seconds and retries
 * what it thinks failed, for up to a day):
 *
 * - `accept` (before answering) maps every message (a 400 for an inconsistent one), keeps only
 *   this phone number's, and drops repeats of one wamid within the payload;
 * - `keep` (before answering) writes each message to the durable inbox: Meta never delivers a
 *   webhook again once it got its 200, so a message is answered 200 only once it is on disk,
 *   and leaves the inbox only once its turn is done (or found to be a duplicate). A message
 *   whose turn gave up (the store was down) stays there; `drain`, when the channel resumes, works
 *   through whatever a crash or a failure left behind, in the order it arrived;
 * - `process` (after answering) refreshes each person's 24-hour window, runs one turn per message
 *   through the runtime, which deduplicates durably by `Inbound.messageId` (the wamid: a webhook
 *   Meta delivers again gets no second answer) and keeps each conversation's messages in order.
 *   A turn that fails (the store is down) is tried again with backoff, safely: a retry of a turn
 *   that did commit is a duplicate. Statuses are only logged, and only failures.
 */
/**
 * A signed webhook could be replayed once newer messages pushed its ids out of the runtime's
 * per-conversation memory (issue 10, finding 11). Meta redelivers for about 24 hours
 * (shared notes, CHANNELS.md): a message older than that, with a margin, is no redelivery and is
 * refused. Within the window the runtime's memory of recent message ids answers a duplicate.
 */
export const MAX_MESSAGE_AGE_MS = 26 * 60 * 60 * 1000;

export class Receiver {
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly deps: ReceiverDeps) {}

  accept(webhook: Webhook): Accepted {
    // While shutting down, a 503 makes Meta deliver the webhook again later (to whoever serves
    // then) instead of it being accepted here and never worked through.
    if (this.closed) throw new HttpError(503, 'ServiceUnavailable', 'Shutting down; deliver this webhook again.', { 'Retry-After': '5' });
    const accepted: Accepted = { turns: [], failed: [] };
    const seen = new Set<string>();
    for (const change of webhook.changes) {
      if (change.phoneNumberId !== this.deps.phoneNumberId) {
        this.deps.log.warn({ messages: change.messages.length, statuses: change.statuses.length }, 'webhook for another phone number id: ignored');
        continue;
      }
      if (change.errorCodes.length > 0) this.deps.log.warn({ codes: change.errorCodes }, 'Meta reports errors for this number');
      for (const message of change.messages) {
        const received = receivedOf(message);
        if (seen.has(message.id)) continue;
        seen.add(message.id);
        if (received.kind === 'turn' && this.deps.now() - received.writtenAt > MAX_MESSAGE_AGE_MS) {
          this.deps.log.warn({ message: this.deps.ref(message.id) }, 'message older than Meta redelivers: refused (a replayed webhook?)');
          continue;
        }
        if (received.kind === 'ignored') {
          this.deps.log.debug({ message: this.deps.ref(message.id), type: received.type }, 'message ignored');
          continue;
        }
        accepted.turns.push(received);
      }
      accepted.failed.push(...change.statuses.filter((s) => s.status === 'failed'));
    }
    return accepted;
  }

  /** Writes the accepted messages to the inbox; resolves once they are durable. */
  async keep(accepted: Accepted): Promise<void> {
    const at = this.deps.now() * 1000;
    await this.deps.inbox.add(accepted.turns.map((turn, i): InboxEntry => ({ id: inboxId(turn), channel: CHANNEL, order: at + i, payload: JSON.stringify(turn) })));
  }

  /** Works through the messages left in the inbox (by a crash, or a turn that gave up); returns how many. */
  async drain(): Promise<number> {
    const entries = await this.deps.inbox.list(CHANNEL);
    if (entries.length === 0) return 0;
    this.deps.log.info({ messages: entries.length }, 'working through messages accepted before the last stop');
    this.process({ turns: entries.map((e) => JSON.parse(e.payload) as Turn), failed: [] });
    return entries.length;
  }

  /** Starts the work and returns at once; `idle()` says when it is done. */
  process(accepted: Accepted): void {
    const work = this.run(accepted).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /** Accepts no more webhooks; `idle()` then waits for the ones already accepted. */
  close(): void {
    this.closed = true;
  }

  /** Resolves when every webhook accepted so far has been worked through. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async run(accepted: Accepted): Promise<void> {
    for (const status of accepted.failed) {
      this.deps.log.warn(
        {
          message: this.deps.ref(status.id),
          ...(status.recipient_id !== undefined && { contact: this.deps.ref(status.recipient_id) }),
          ...(status.biz_opaque_callback_data !== undefined && { reply: status.biz_opaque_callback_data }),
          codes: (status.errors ?? []).map((e) => e.code),
        },
        'message delivery failed',
      );
    }
    // All windows first: a reply to the first message must see the second one's time too.
    for (const turn of accepted.turns) this.deps.window.opened(turn.waId, turn.writtenAt);
    await Promise.all(accepted.turns.map((turn) => this.turn(turn)));
  }

  private async turn(turn: Turn): Promise<void> {
    const ids = { contact: this.deps.ref(turn.waId), message: this.deps.ref(turn.inbound.messageId) };
    try {
      await this.deps.releaseHeld(turn.waId);
      const outcome = await withRetries(
        () => this.deps.turns.handle(turn.inbound),
        () => true,
        this.deps.retry,
        (err, retry) => this.deps.log.warn({ ...ids, retry, err: errorName(err) }, 'turn failed; retrying'),
      );
      this.deps.log.info({ ...ids, duplicate: outcome.duplicate, replies: outcome.outbound.length }, 'turn done');
    } catch (err) {
      this.deps.log.error({ ...ids, err: errorName(err) }, 'turn failed; the message stays in the inbox for the next start');
      return;
    }
    // Committed: the runtime delivers the replies (and recovers them after a crash) from here on.
    await this.deps.inbox
      .remove(inboxId(turn))
      .catch((err: unknown) => this.deps.log.warn({ ...ids, err: errorName(err) }, 'could not remove a done message from the inbox; it is a duplicate at the next start'));
  }
}

const inboxId = (turn: Turn) => `${CHANNEL}:${turn.inbound.messageId}`;

/** Only the error's name: a runtime error's message may quote the conversation key (a wa_id). */
function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}
