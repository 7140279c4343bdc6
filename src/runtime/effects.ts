import { createHash } from 'node:crypto';
import type { Case, PseaMessage, PseaReport, Ticket, TranscriptLine } from '../core/domain.ts';
import type { Effect } from '../core/effect.ts';
import type { ConversationRecord, Store } from '../store/ports.ts';
import { linesOf } from './transcript.ts';

/**
 * Applies a committed turn's effects through the stores. Each effect is idempotent (keyed by
 * the conversation and the message that caused it), because after a crash the last turn's
 * effects are applied again.
 */
export async function applyEffects(store: Store, record: ConversationRecord, now: number): Promise<TranscriptBatch[]> {
  const messageId = record.recentMessageIds.at(-1) ?? '';
  const transcript: TranscriptBatch[] = [];
  for (const effect of record.pendingEffects) {
    if (effect.type !== 'transcript.append') await applyEffect(store, record, effect, messageId, now);
    else {
      const lines = linesOf(record, effect);
      await store.transcripts.append(lines);
      transcript.push({ ticketRef: effect.ticketRef, lines });
    }
  }
  return transcript;
}

/** Lines written to the transcript, and the ticket whose console shows them live. */
export interface TranscriptBatch {
  ticketRef: string | null;
  lines: TranscriptLine[];
}

async function applyEffect(store: Store, record: ConversationRecord, effect: Exclude<Effect, { type: 'transcript.append' }>, messageId: string, now: number): Promise<void> {
  const contactKey = record.key;
  switch (effect.type) {
    case 'consent.record':
      await store.contacts.recordConsent({ contactKey, decision: effect.decision, textVersion: effect.textVersion, lang: effect.lang, channel: record.channel, at: now, messageId });
      if (effect.decision === 'accepted') await store.contacts.upsert({ contactKey, channel: record.channel, lang: effect.lang, consent: 'accepted', updatedAt: now });
      return;
    case 'intake.save':
      await store.contacts.saveIntake(contactKey, effect.intake, now);
      return;
    case 'ticket.open':
      await store.tickets.open(ticketOf(record, effect, now));
      return;
    case 'feedback.record':
      // Anonymous: the key only makes a retry idempotent and cannot be traced back without the message id.
      await store.feedback.record({ key: sha256(`${contactKey}|${messageId}`), answerId: effect.answerId, helpful: effect.helpful, at: now });
      return;
    case 'case.open':
      await store.cases.open(caseOf(record, effect, now));
      return;
    case 'psea.report':
      await store.pseaReports.file(pseaReportOf(record, effect, now));
      return;
    case 'psea.reply':
      await store.pseaReports.addMessage(effect.code, pseaReplyOf(record, effect, messageId, now));
      return;
    case 'ticket.rate':
      await store.tickets.rate(effect.ref, { score: effect.score, ...(effect.comment !== undefined && { comment: effect.comment }), at: now });
      return;
    case 'data.erase':
      await store.tickets.eraseByContact(contactKey);
      await store.cases.eraseByContact(contactKey);
      await store.transcripts.eraseByContact(contactKey);
      await store.referrals.eraseByContact(contactKey);
      await store.contacts.erase(contactKey);
      return;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

export function ticketOf(record: ConversationRecord, effect: Extract<Effect, { type: 'ticket.open' }>, now: number): Ticket {
  return {
    ref: effect.ref,
    contactKey: record.key,
    channel: record.channel,
    reason: effect.reason,
    status: 'open',
    lang: effect.lang,
    ...(effect.topic ? { topic: effect.topic } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

export function caseOf(record: ConversationRecord, effect: Extract<Effect, { type: 'case.open' }>, now: number): Case {
  return { ref: effect.ref, type: effect.caseType, contactKey: record.key, channel: record.channel, lang: effect.lang, text: effect.text, status: 'open', createdAt: now, updatedAt: now };
}

/** Anonymous unless the person asked to be contacted: then, and only then, who and where. */
export function pseaReportOf(record: ConversationRecord, effect: Extract<Effect, { type: 'psea.report' }>, now: number): PseaReport {
  const who = effect.contact === 'anonymous' ? {} : { contactKey: record.key, channel: record.channel };
  return { code: effect.code, text: effect.text, contact: effect.contact, ...who, lang: effect.lang, status: 'open', createdAt: now, updatedAt: now };
}

/** The person's answer to the focal point, once per inbound message. */
export function pseaReplyOf(record: ConversationRecord, effect: Extract<Effect, { type: 'psea.reply' }>, messageId: string, now: number): PseaMessage {
  return { id: `${record.key}#in#${messageId}`, from: 'person', text: effect.text, at: now };
}

/** Sealed effects: applied before the commit and never kept in the conversation record. */
export const isSealed = (effect: Effect): boolean => effect.type === 'psea.report' || effect.type === 'psea.reply';

/** A reference a turn took in the store before its commit: withdrawn if that commit is lost. */
export type Claim = { kind: 'ticket' | 'case'; ref: string; contactKey: string } | { kind: 'psea'; ref: string; createdAt: number };

/**
 * Before the commit: references the person sees in this turn's reply are claimed (a taken
 * one re-runs the turn with another), and sealed effects are applied, since they may not wait
 * in the conversation record (keyed by the person's identity) like other effects do. What was
 * claimed goes into `claims` as it is, so that a turn that then loses its commit (or fails
 * half-way) can take it back.
 */
export async function claimReferences(store: Store, record: ConversationRecord, effects: Effect[], messageId: string, now: number, claims: Claim[]): Promise<void> {
  for (const effect of effects) {
    if (effect.type === 'ticket.open') {
      await store.tickets.open(ticketOf(record, effect, now));
      claims.push({ kind: 'ticket', ref: effect.ref, contactKey: record.key });
    } else if (effect.type === 'case.open') {
      await store.cases.open(caseOf(record, effect, now));
      claims.push({ kind: 'case', ref: effect.ref, contactKey: record.key });
    } else if (isSealed(effect)) {
      await applyEffect(store, record, effect as Exclude<Effect, { type: 'transcript.append' }>, messageId, now);
      // A person's answer to the focal point is what they wrote, whatever the re-run makes of it: it stays.
      if (effect.type === 'psea.report') claims.push({ kind: 'psea', ref: effect.code, createdAt: (await store.pseaReports.get(effect.code))?.createdAt ?? now });
    }
  }
}

/** Takes back what earlier attempts of a turn claimed and its committed attempt did not. */
export async function withdrawClaims(store: Store, claims: readonly Claim[], kept: readonly Claim[]): Promise<void> {
  for (const claim of claims) {
    if (kept.some((k) => k.kind === claim.kind && k.ref === claim.ref)) continue;
    if (claim.kind === 'psea') await store.pseaReports.withdraw(claim.ref, claim.createdAt);
    else await store[claim.kind === 'ticket' ? 'tickets' : 'cases'].withdraw(claim.ref, claim.contactKey);
  }
}
