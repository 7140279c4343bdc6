/**
 * The turn runtime: the only place that loads and saves conversations. One turn:
 *   lock the conversation → load → drop a redelivered message → dialog turn (pure) →
 *   commit {snapshot, replies, effects} in ONE write → apply effects → deliver replies.
 * Replies and effects stay in the committed record until they are done; then the record is
 * marked finished, lazily: a mark waits up to MARK_DELAY_MS and is skipped when the next turn's
 * commit replaces the outbox anyway, so a busy conversation pays one write per turn. After a
 * crash `recover()` applies and delivers unfinished turns again (both are idempotent by id):
 * replies delivered in the last MARK_DELAY_MS before a crash can be delivered twice, with the
 * same ids, so channels that can deduplicate by id (Direct Line clients) show them once.
 *
 * Besides the person's messages (`handle`), staff reach a conversation through the same queue:
 * `send` (an operator's message, a referral's outcome) and `signal` (a ticket claimed or
 * closed, as a turn of the dialog). Turns the dialog lets staff read also write the transcript
 * (an effect naming its lines, see transcript.ts), and `onApplied` feeds the console live.
 *
 * Hot conversations are cached with their live dialog session: a turn then costs one store
 * write. A commit conflict (another process won) or any failure evicts the cache entry and the
 * turn is retried from the store.
 */
import type { Dialog, DialogSession, DialogSignal, ReferenceLookup, TurnInput } from '../core/dialog.ts';
import type { PendingEffect, TranscriptAppend } from '../core/effect.ts';
import { logRef } from '../core/logRef.ts';
import { conversationKey, type Inbound, type Outbound, type Reply } from '../core/message.ts';
import type { Logger } from '../log/logger.ts';
import { ConcurrentUpdateError, DuplicateKeyError, type ConversationRecord, type Store } from '../store/ports.ts';
import { alerts, applyEffects, claimReferences, isSealed, withdrawClaims, type Claim, type EffectHandlers, type TranscriptBatch } from './effects.ts';
import { KeyedQueue } from './keyedQueue.ts';
import { findReference } from './refs.ts';
import { saidBy } from './transcript.ts';
import type { OutboundSink, TurnHandler, TurnOutcome } from './ports.ts';

/** Inbound ids remembered per conversation for dedupe (WhatsApp redelivers for up to a day). */
const REMEMBERED_MESSAGE_IDS = 50;
const MAX_ATTEMPTS = 3;
const MARK_DELAY_MS = 200;

interface Hot {
  record: ConversationRecord;
  session: DialogSession;
  /** False while the record's outbox has not been fully delivered (a send failed). */
  delivered: boolean;
}

export interface TurnRuntimeOptions {
  store: Store;
  dialog: Dialog;
  /** What each of the dialog's effects does, by type (Faro's: src/helpdesk/effects.ts). */
  effects: EffectHandlers;
  /** What a person may learn about a reference they typed (Faro's policy: src/helpdesk/lookup.ts);
   * absent: references are not looked up. */
  lookup?: (ref: string, contactKey: string) => Promise<ReferenceLookup>;
  log: Logger;
  /** Ticket reference for a seed (see refs.ts); deterministic so a re-run turn reuses it. The
   * seed is `conversation|message|draw`: the draw moves on only when a reference was taken by
   * someone else, never when a commit was lost, so every re-run of a message claims the same. */
  ticketRef: (seed: string) => string;
  now?: () => number;
  /** Conversations kept live in memory (default 10,000). */
  cacheSize?: number;
  /** Called (no arguments, on purpose: nothing of the report) once a turn that filed a sealed
   * PSEA report has committed, to alert the focal point (src/staff/pseaNotifier.ts). Must not
   * throw; if it does, the turn goes on regardless. */
  onSealedReport?: () => void;
  /** Called with a turn's effects once they are applied (the console's live updates: new
   * tickets, transcript lines). May be called again for the same effects after a crash.
   * Must not throw; if it does, the turn goes on regardless. */
  onApplied?: (effects: readonly PendingEffect[], transcript: readonly TranscriptBatch[]) => void;
}

/** Who a message sent outside a turn comes from, for the transcript. */
export interface SentBy {
  /** The operator, or null for Faro itself (a referral's outcome). */
  staffId: string | null;
  /** The ticket it belongs to (its console shows the line live). */
  ticketRef: string;
}

export class TurnRuntime implements TurnHandler {
  private readonly sinks = new Map<string, OutboundSink>();
  private readonly queue = new KeyedQueue();
  private readonly hot = new Map<string, Hot>();
  /** Conversations whose last turn was delivered, with the rev that holds it, to mark finished. */
  private readonly finished = new Map<string, number>();
  private readonly markTimer: NodeJS.Timeout;
  private readonly now: () => number;
  private readonly cacheSize: number;

  constructor(private readonly opts: TurnRuntimeOptions) {
    this.now = opts.now ?? Date.now;
    this.cacheSize = opts.cacheSize ?? 10_000;
    this.markTimer = setInterval(() => void this.markFinished(), MARK_DELAY_MS);
    this.markTimer.unref();
  }

  /** A channel registers where its replies go. */
  register(channel: string, sink: OutboundSink): void {
    if (this.sinks.has(channel)) throw new Error(`channel "${channel}" registered twice`);
    this.sinks.set(channel, sink);
  }

  handle(inbound: Inbound): Promise<TurnOutcome> {
    const key = conversationKey(inbound.channel, inbound.conversationId);
    return this.queue.run(key, () => this.turn(key, inbound));
  }

  /** Start-up: re-apply and re-deliver what the last turns committed but may not have finished. */
  async recover(): Promise<number> {
    const unfinished = await this.opts.store.conversations.listUnfinished();
    let recovered = 0;
    for (const record of unfinished) {
      // One channel being down (Telegram unreachable…) must not stop Faro: what fails stays
      // unfinished and is tried again with the conversation's next turn or the next start.
      await this.queue
        .run(record.key, async () => {
          await this.finish(record);
          await this.opts.store.conversations.commit({ ...record, rev: record.rev + 1, outbox: [], pendingEffects: [] });
          recovered++;
        })
        .catch((err: unknown) => this.opts.log.warn({ conversation: logRef(record.key), channel: record.channel, err: errorName(err) }, 'could not recover a turn yet'));
    }
    if (unfinished.length > 0) this.opts.log.info({ conversations: unfinished.length, recovered }, 'recovered unfinished turns');
    return recovered;
  }

  /**
   * Sends a message to a person outside a turn (an operator's answer, a referral's outcome),
   * on the channel they used, committed and delivered like a turn's replies, in order with
   * them, and written to the transcript when `by` says who sent it. The dialog's state and the
   * options on screen do not change. `delivered` is false when the channel failed: the message
   * is committed and goes out again with the next turn. Throws `UnknownConversationError` for
   * a conversation that never took place, or on a channel that is not running.
   */
  async send(channel: string, conversationId: string, reply: Reply, by?: SentBy): Promise<{ message: Outbound; delivered: boolean }> {
    // A channel switched off since (say Telegram's token removed): nothing could ever carry it.
    if (!this.sinks.has(channel)) throw new UnknownConversationError();
    const key = conversationKey(channel, conversationId);
    try {
      const message = await this.queue.run(key, () => this.withRetries(key, () => this.sendOnce(key, channel, conversationId, reply, by)));
      return { message, delivered: true };
    } catch (err) {
      if (err instanceof DeliveryError) return { message: err.sent!, delivered: false };
      throw err;
    }
  }

  /** A signal from staff (an operator joined, the ticket closed) as a turn of the dialog.
   * `id` makes it idempotent: the same signal twice is one turn. */
  async signal(channel: string, conversationId: string, signal: DialogSignal, id: string): Promise<void> {
    if (!this.sinks.has(channel)) throw new UnknownConversationError();
    const key = conversationKey(channel, conversationId);
    try {
      await this.queue.run(key, () => this.claiming(key, (turn) => this.attempt(key, { channel, conversationId, messageId: `signal:${id}` }, { signal }, turn)));
    } catch (err) {
      // Committed: what the person is told goes out with their next message.
      if (!(err instanceof DeliveryError)) throw err;
    }
  }

  private async sendOnce(key: string, channel: string, conversationId: string, reply: Reply, by: SentBy | undefined): Promise<Outbound> {
    const hot = this.hot.get(key) ?? (await this.load(key, { channel, conversationId, messageId: '' }));
    const previous = hot.record;
    if (previous.rev === 0) throw new UnknownConversationError();
    this.finished.delete(key);
    const message: Outbound = { id: `${key}#${previous.seq + 1}`, channel, conversationId, seq: previous.seq + 1, replyTo: '', reply };
    const now = this.now();
    const effects: TranscriptAppend[] = by
      ? [{ type: 'transcript.append', ticketRef: by.ticketRef, rev: previous.rev + 1, at: now, seqs: [message.seq, message.seq], ...(by.staffId !== null && { staffId: by.staffId }) }]
      : [];
    const record: ConversationRecord = {
      ...previous,
      rev: previous.rev + 1,
      seq: message.seq,
      outbox: hot.delivered ? [message] : [...previous.outbox, message],
      pendingEffects: hot.delivered ? effects : [...previous.pendingEffects, ...effects],
      updatedAt: now,
    };
    await this.commitAndDeliver(key, hot.session, record, undefined, message);
    return message;
  }

  /** Commit, then apply effects and deliver (STYLE: commit, then send). A failed delivery
   * keeps the live state marked undelivered, so the next turn sends those replies again. */
  private async commitAndDeliver(key: string, session: DialogSession, record: ConversationRecord, committed?: () => void, sent?: Outbound): Promise<void> {
    await this.opts.store.conversations.commit(record);
    committed?.();
    const current: Hot = { record, session, delivered: false };
    this.remember(key, current);
    try {
      await this.finish(record);
    } catch (cause) {
      throw new DeliveryError(cause, sent);
    }
    current.delivered = true;
    this.finished.set(key, record.rev);
  }

  /** Graceful shutdown: waits for the turns in flight and marks them finished. */
  async close(): Promise<void> {
    clearInterval(this.markTimer);
    await this.queue.idle();
    await this.markFinished();
    for (const key of [...this.hot.keys()]) this.evict(key);
  }

  /** Clears the outbox of conversations whose last turn is fully delivered (see top comment). */
  private async markFinished(): Promise<void> {
    const batch = [...this.finished];
    this.finished.clear();
    await Promise.all(
      batch.map(([key, rev]) =>
        this.queue.run(key, async () => {
          const hot = this.hot.get(key);
          if (!hot || hot.record.rev !== rev) return;
          const record = { ...hot.record, rev: rev + 1, outbox: [], pendingEffects: [] };
          try {
            await this.opts.store.conversations.commit(record);
            hot.record = record;
          } catch {
            this.evict(key); // another writer: the store's version wins; recovery handles the rest
          }
        }),
      ),
    );
  }

  private async turn(key: string, inbound: Inbound): Promise<TurnOutcome> {
    const input: TurnInput = { ...(inbound.text !== undefined && { text: inbound.text }), ...(inbound.action !== undefined && { action: inbound.action }) };
    try {
      return await this.claiming(key, (turn) => this.attempt(key, inbound, input, turn));
    } catch (err) {
      // The turn was committed but a send failed: the caller (the channel) learns of the failure.
      throw err instanceof DeliveryError ? err.cause : err;
    }
  }

  /**
   * One message's attempts, and what they claimed. An attempt that loses its commit to another
   * writer has claimed its references already (a ticket in the queue, a sealed report): the
   * re-run claims the same ones if it still opens them (same seed, the store's open is
   * idempotent), and what it no longer opens (the other writer's turn opened the ticket) is
   * withdrawn once it commits, or when every attempt failed. A crash between claim and commit
   * leaves the claim until the message is worked through again (redelivery, the inbox), which
   * claims the same references. Withdrawing is best effort: a failure is logged, never the turn's.
   */
  private async claiming<T>(key: string, work: (turn: TurnClaims) => Promise<T>): Promise<T> {
    const turn: TurnClaims = { draw: 1, lost: [], kept: [], duplicate: false };
    try {
      return await this.withRetries(key, () => work(turn));
    } finally {
      // A duplicate was committed elsewhere with the same seed, so with the same references: they stay.
      if (!turn.duplicate && turn.lost.length > 0) {
        await withdrawClaims(this.opts.effects, turn.lost, turn.kept).catch((err: unknown) =>
          this.opts.log.warn({ conversation: logRef(key), err: errorName(err) }, "could not withdraw a lost turn's references"),
        );
      }
    }
  }

  /** Runs `work` again after losing a race (another writer, a taken reference), from the store. */
  private async withRetries<T>(key: string, work: (attempt: number) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work(attempt);
      } catch (err) {
        // Committed but not delivered: keep the live state, so the next turn sends those
        // replies again; the caller still learns of the failure.
        if (err instanceof DeliveryError) throw err;
        this.evict(key);
        const retry = err instanceof ConcurrentUpdateError || err instanceof DuplicateKeyError;
        if (!retry || attempt >= MAX_ATTEMPTS) throw err;
        this.opts.log.warn({ conversation: logRef(key), attempt, reason: err.name }, 'retrying turn');
      }
    }
  }

  private async attempt(key: string, inbound: Inbound, input: TurnInput, turn: TurnClaims): Promise<TurnOutcome> {
    const hot = this.hot.get(key) ?? (await this.load(key, inbound));
    const previous = hot.record;
    // A signal about a conversation that is gone must not start a new one.
    if (input.signal && previous.rev === 0) throw new UnknownConversationError();
    if (previous.recentMessageIds.includes(inbound.messageId)) {
      // A platform redelivering because our answer did not reach it: try the send again.
      if (!hot.delivered)
        await this.finish(previous).then(
          () => (hot.delivered = true),
          () => undefined,
        );
      turn.duplicate = true;
      return { duplicate: true, outbound: [] };
    }

    this.finished.delete(key); // this turn's commit replaces the outbox anyway
    const ref = this.opts.ticketRef(`${key}|${inbound.messageId}|${turn.draw}`);
    const now = this.now();
    // A message naming a reference (`K7P-4QM`) may be asking about it: the dialog cannot read
    // the store, so what is found under it comes with the turn.
    const named = input.text === undefined ? null : findReference(input.text);
    const lookup = named === null || !this.opts.lookup ? undefined : await this.opts.lookup(named, key);
    const result = hot.session.turn(input, previous.choices, { ref, now, ...(lookup && { lookup }) });
    const replies: Outbound[] = result.replies.map((reply, i) => ({
      id: `${key}#${previous.seq + i + 1}`,
      channel: inbound.channel,
      conversationId: inbound.conversationId,
      seq: previous.seq + i + 1,
      replyTo: inbound.messageId,
      reply,
    }));
    // Replies a failed send left behind go out again with this turn's (sinks skip known ids).
    const outbound = hot.delivered ? replies : [...previous.outbox, ...replies];
    const record: ConversationRecord = {
      ...previous,
      rev: previous.rev + 1,
      machineVersion: this.opts.dialog.version,
      snapshot: hot.session.persist(),
      recentMessageIds: [...previous.recentMessageIds.slice(1 - REMEMBERED_MESSAGE_IDS), inbound.messageId],
      seq: previous.seq + replies.length,
      outbox: outbound,
      pendingEffects: result.effects.filter((e) => !isSealed(this.opts.effects, e)),
      choices: result.choices,
      updatedAt: now,
    };
    if (result.transcript) {
      const said = saidBy(input, previous.choices);
      record.pendingEffects.push({
        type: 'transcript.append',
        ticketRef: result.transcript.ticketRef,
        rev: record.rev,
        at: now,
        ...(said !== undefined && { said: { messageId: inbound.messageId, text: said } }),
        seqs: [previous.seq + 1, record.seq],
      });
    }
    // References shown in this turn's reply (ticket, case, PSEA follow-up code) are claimed
    // before committing, so one held by someone else re-runs the turn with another
    // (DuplicateKeyError). A PSEA report (or an answer to the focal point) is filed right here and never kept in the
    // conversation: sealed content must not sit in a record keyed by the person's identity.
    const claims: Claim[] = [];
    const filedReport = alerts(this.opts.effects, result.effects);
    try {
      await claimReferences(this.opts.effects, result.effects, { record, messageId: inbound.messageId, now: record.updatedAt }, claims);
      await this.commitAndDeliver(key, hot.session, record, () => filedReport && this.sealedReportFiled());
      turn.kept.push(...claims);
    } catch (err) {
      // Lost for sure (another writer won, or a reference is someone else's): what this attempt
      // claimed may be withdrawn. Any other failure may have committed: its claims stay.
      const lost = err instanceof ConcurrentUpdateError || err instanceof DuplicateKeyError;
      turn[lost ? 'lost' : 'kept'].push(...claims);
      if (err instanceof DuplicateKeyError) turn.draw++; // the next attempt draws other references
      throw err;
    }
    // A follow-up code, or the focal point's words, was just delivered: not to be kept beside the person.
    if (filedReport || input.signal?.type === 'PSEA_MESSAGE') await this.clearSealedReply(key);
    if (this.opts.log.isLevelEnabled('debug')) this.opts.log.debug({ conversation: logRef(key), step: hot.session.step, replies: replies.length, effects: result.effects.length }, 'turn');
    return { duplicate: false, outbound: replies };
  }

  /**
   * The reply that gave a PSEA follow-up code is delivered: clear it from the record now rather
   * than lazily, and have the store drop older versions, so the code does not stay stored beside
   * the person's channel identity (an anonymous report must not be traceable to them). A failure
   * here is logged and costs the person nothing; the lazy mark or the next turn clears it later.
   */
  private async clearSealedReply(key: string): Promise<void> {
    const hot = this.hot.get(key);
    if (!hot) return;
    const cleared: ConversationRecord = { ...hot.record, rev: hot.record.rev + 1, outbox: [], pendingEffects: [] };
    try {
      await this.opts.store.conversations.commit(cleared);
      hot.record = cleared;
      this.finished.delete(key);
      await this.opts.store.conversations.forgetSuperseded();
    } catch (err) {
      this.evict(key);
      this.opts.log.warn({ conversation: logRef(key), err: errorName(err) }, 'could not clear a delivered sealed reply yet');
    }
  }

  /** Live updates may never cost the person their answer. */
  private applied(effects: readonly PendingEffect[], transcript: readonly TranscriptBatch[]): void {
    try {
      this.opts.onApplied?.(effects, transcript);
    } catch {
      this.opts.log.warn({ kind: 'callback' }, 'live update failed');
    }
  }

  /** A notification may never cost the person their answer. */
  private sealedReportFiled(): void {
    try {
      this.opts.onSealedReport?.();
    } catch {
      this.opts.log.warn({ kind: 'callback' }, 'focal-point notification failed');
    }
  }

  private async load(key: string, inbound: Inbound): Promise<Hot> {
    const stored = await this.opts.store.conversations.get(key);
    const session = this.opts.dialog.open(stored ? { machineVersion: stored.machineVersion, snapshot: stored.snapshot } : null, inbound.locale ? { locale: inbound.locale } : {});
    const record: ConversationRecord = stored ?? {
      key,
      channel: inbound.channel,
      conversationId: inbound.conversationId,
      rev: 0,
      machineVersion: this.opts.dialog.version,
      snapshot: null,
      recentMessageIds: [],
      seq: 0,
      outbox: [],
      pendingEffects: [],
      choices: [],
      updatedAt: this.now(),
    };
    return { record, session, delivered: true };
  }

  private async finish(record: ConversationRecord): Promise<void> {
    if (record.pendingEffects.length > 0) {
      const transcript = await applyEffects(this.opts.effects, this.opts.store, record, this.now());
      this.applied(record.pendingEffects, transcript);
    }
    if (record.outbox.length === 0) return;
    const sink = this.sinks.get(record.channel);
    if (!sink) {
      this.opts.log.error({ conversation: logRef(record.key), channel: record.channel }, 'no channel registered for replies');
      return;
    }
    await sink.deliver(record.outbox);
  }

  /** Least-recently-used cache: a Map keeps insertion order, so re-inserting marks as recent. */
  private remember(key: string, hot: Hot): void {
    this.hot.delete(key);
    this.hot.set(key, hot);
    if (this.hot.size > this.cacheSize) {
      const oldest = this.hot.keys().next().value as string;
      this.evict(oldest);
    }
  }

  private evict(key: string): void {
    this.hot.get(key)?.session.stop();
    this.hot.delete(key);
  }
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : 'unknown';
}

/** A message's references across its attempts: the draw for its seed; what attempts that surely
 * lost claimed, and what the others did (committed, or failed in a way that may have committed);
 * `duplicate`: another writer committed the message. */
interface TurnClaims {
  draw: number;
  lost: Claim[];
  kept: Claim[];
  duplicate: boolean;
}

/** Committed, but the channel did not take it; `sent` is the message `send` committed. */
class DeliveryError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly sent?: Outbound,
  ) {
    super('delivery failed after commit');
  }
}

/** `send` to a conversation that never took place, or on a channel not running (nothing to deliver it through). */
export class UnknownConversationError extends Error {
  override name = 'UnknownConversationError';
  constructor() {
    super('no such conversation');
  }
}
