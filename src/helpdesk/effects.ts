/**
 * What Faro's effects do to the helpdesk's records, registered with the runtime by effect
 * type (src/runtime/effects.ts says when each phase runs). Adding an effect: its type in
 * src/core/effect.ts, its handler here; the compiler asks for one handler per type.
 */
import { createHash } from 'node:crypto';
import type { Case, PseaMessage, PseaReport, Ticket } from '../core/domain.ts';
import type { Effect } from '../core/effect.ts';
import type { EffectContext, EffectHandlers } from '../runtime/effects.ts';
import type { ConversationRecord, Store } from '../store/ports.ts';

type Of<T extends Effect['type']> = Extract<Effect, { type: T }>;

export function helpdeskEffects(store: Store): EffectHandlers {
  return {
    'consent.record': {
      async apply(effect, { record, messageId, now }) {
        const { key: contactKey, channel } = record;
        await store.contacts.recordConsent({ contactKey, decision: effect.decision, textVersion: effect.textVersion, lang: effect.lang, channel, at: now, messageId });
        if (effect.decision === 'accepted') await store.contacts.upsert({ contactKey, channel, lang: effect.lang, consent: 'accepted', updatedAt: now });
      },
    },
    'intake.save': {
      apply: (effect, { record, now }) => store.contacts.saveIntake(record.key, effect.intake, now),
    },
    // The reference is in the reply: taken before the commit (a taken one re-runs the turn),
    // opened again after it (idempotent).
    'ticket.open': {
      async claim(effect, { record, now }) {
        await store.tickets.open(ticketOf(record, effect, now));
        return { effect: 'ticket.open', ref: effect.ref, undo: record.key };
      },
      apply: (effect, { record, now }) => store.tickets.open(ticketOf(record, effect, now)),
      withdraw: (claim) => store.tickets.withdraw(claim.ref, String(claim.undo)),
    },
    'case.open': {
      async claim(effect, { record, now }) {
        await store.cases.open(caseOf(record, effect, now));
        return { effect: 'case.open', ref: effect.ref, undo: record.key };
      },
      apply: (effect, { record, now }) => store.cases.open(caseOf(record, effect, now)),
      withdraw: (claim) => store.cases.withdraw(claim.ref, String(claim.undo)),
    },
    'feedback.record': {
      // Anonymous: the key only makes a retry idempotent and cannot be traced back without the message id.
      apply: (effect, { record, messageId, now }) => store.feedback.record({ key: sha256(`${record.key}|${messageId}`), answerId: effect.answerId, helpful: effect.helpful, at: now }),
    },
    // Sealed: filed before the commit, never kept beside the person's identity; the focal point is alerted.
    'psea.report': {
      sealed: true,
      alerts: true,
      apply: (effect, { record, now }) => store.pseaReports.file(pseaReportOf(record, effect, now)),
      async claim(effect, { now }) {
        return { effect: 'psea.report', ref: effect.code, undo: (await store.pseaReports.get(effect.code))?.createdAt ?? now };
      },
      withdraw: (claim) => store.pseaReports.withdraw(claim.ref, Number(claim.undo)),
    },
    // A person's answer to the focal point is what they wrote, whatever a re-run makes of it: it stays.
    'psea.reply': {
      sealed: true,
      apply: (effect, at) => store.pseaReports.addMessage(effect.code, pseaReplyOf(effect, at)),
    },
    'ticket.rate': {
      apply: (effect, { now }) => store.tickets.rate(effect.ref, { score: effect.score, ...(effect.comment !== undefined && { comment: effect.comment }), at: now }),
    },
    'data.erase': {
      async apply(_effect, { record }) {
        const contactKey = record.key;
        await store.tickets.eraseByContact(contactKey);
        await store.cases.eraseByContact(contactKey);
        await store.transcripts.eraseByContact(contactKey);
        await store.referrals.eraseByContact(contactKey);
        await store.contacts.erase(contactKey);
      },
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

export function ticketOf(record: ConversationRecord, effect: Of<'ticket.open'>, now: number): Ticket {
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

function caseOf(record: ConversationRecord, effect: Of<'case.open'>, now: number): Case {
  return { ref: effect.ref, type: effect.caseType, contactKey: record.key, channel: record.channel, lang: effect.lang, text: effect.text, status: 'open', createdAt: now, updatedAt: now };
}

/** Anonymous unless the person asked to be contacted: then, and only then, who and where. */
function pseaReportOf(record: ConversationRecord, effect: Of<'psea.report'>, now: number): PseaReport {
  const who = effect.contact === 'anonymous' ? {} : { contactKey: record.key, channel: record.channel };
  return { code: effect.code, text: effect.text, contact: effect.contact, ...who, lang: effect.lang, status: 'open', createdAt: now, updatedAt: now };
}

/** The person's answer to the focal point, once per inbound message. */
function pseaReplyOf(effect: Of<'psea.reply'>, { record, messageId, now }: EffectContext): PseaMessage {
  return { id: `${record.key}#in#${messageId}`, from: 'person', text: effect.text, at: now };
}
