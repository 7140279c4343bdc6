/**
 * How the runtime applies a turn's effects, knowing none of them: each effect type has a
 * handler (the helpdesk's are in src/helpdesk/effects.ts) that says in which phase it runs.
 *   claim  — before the commit, for what the reply shows (a ticket's reference): a reference
 *            someone else holds re-runs the turn with another, and a lost commit withdraws it;
 *   sealed — applied before the commit and never kept in the conversation record (PSEA);
 *   apply  — after the commit, and again after a crash (so idempotent, keyed by the
 *            conversation and the message that caused it).
 * The runtime's own effect, `transcript.append`, is applied here.
 */
import type { Effect, PendingEffect, TranscriptAppend } from '../core/effect.ts';
import type { TranscriptLine } from '../core/domain.ts';
import type { ConversationRecord, Store } from '../store/ports.ts';
import { linesOf } from './transcript.ts';

/** What a handler knows of the turn: the committed (or about to be committed) record. */
export interface EffectContext {
  record: ConversationRecord;
  /** The inbound message that caused the turn ('' for a message sent outside a turn). */
  messageId: string;
  now: number;
}

/** Something a turn took before its commit; `undo` is the handler's own, handed back to `withdraw`. */
export interface Claim {
  effect: Effect['type'];
  ref: string;
  undo: string | number;
}

export interface EffectHandler<E extends Effect = Effect> {
  /** Applied before the commit and never kept in the conversation record. */
  sealed?: boolean;
  /** The turn's `onSealedReport` is told once it commits (never what the effect holds). */
  alerts?: boolean;
  /** Before the commit (after `apply` for a sealed effect): what to withdraw if the commit is lost. */
  claim?(effect: E, at: EffectContext): Promise<Claim | null>;
  /** After the commit (a sealed effect: before it). */
  apply(effect: E, at: EffectContext): Promise<unknown>;
  withdraw?(claim: Claim): Promise<void>;
}

export type EffectHandlers = { readonly [T in Effect['type']]: EffectHandler<Extract<Effect, { type: T }>> };

const handlerOf = (handlers: EffectHandlers, type: Effect['type']) => handlers[type] as EffectHandler;

export const isSealed = (handlers: EffectHandlers, effect: Effect): boolean => handlerOf(handlers, effect.type).sealed === true;
export const alerts = (handlers: EffectHandlers, effects: readonly Effect[]): boolean => effects.some((e) => handlerOf(handlers, e.type).alerts === true);

/** Lines written to the transcript, and the ticket whose console shows them live. */
export interface TranscriptBatch {
  ticketRef: string | null;
  lines: TranscriptLine[];
}

/** After the commit: every pending effect, in order; the transcript lines written. */
export async function applyEffects(handlers: EffectHandlers, store: Store, record: ConversationRecord, now: number): Promise<TranscriptBatch[]> {
  const at = { record, messageId: record.recentMessageIds.at(-1) ?? '', now };
  const transcript: TranscriptBatch[] = [];
  for (const effect of record.pendingEffects) {
    if (isTranscript(effect)) {
      const lines = linesOf(record, effect);
      await store.transcripts.append(lines);
      transcript.push({ ticketRef: effect.ticketRef, lines });
    } else await handlerOf(handlers, effect.type).apply(effect, at);
  }
  return transcript;
}

const isTranscript = (effect: PendingEffect): effect is TranscriptAppend => effect.type === 'transcript.append';

/**
 * Before the commit: sealed effects applied, and what each effect claims pushed to `claims` as
 * it is taken, so that a turn that then loses its commit (or fails half-way) can take it back.
 */
export async function claimReferences(handlers: EffectHandlers, effects: readonly Effect[], at: EffectContext, claims: Claim[]): Promise<void> {
  for (const effect of effects) {
    const handler = handlerOf(handlers, effect.type);
    if (handler.sealed) await handler.apply(effect, at);
    const claim = await handler.claim?.(effect, at);
    if (claim) claims.push(claim);
  }
}

/** Takes back what earlier attempts of a turn claimed and its committed attempt did not. */
export async function withdrawClaims(handlers: EffectHandlers, claims: readonly Claim[], kept: readonly Claim[]): Promise<void> {
  for (const claim of claims) {
    if (kept.some((k) => k.effect === claim.effect && k.ref === claim.ref)) continue;
    await handlerOf(handlers, claim.effect).withdraw?.(claim);
  }
}
