/** Builders for the store contract: valid domain objects with just the fields a test cares about changed. */
import type { Answer, CannedResponse, Case, ConsentRecord, Contact, PseaReport, Referral, Ticket, TranscriptLine } from '../../src/core/domain.ts';
import type { Outbound } from '../../src/core/message.ts';
import type { StaffAccount } from '../../src/core/staff.ts';
import type { ConversationRecord } from '../../src/store/ports.ts';

const T0 = 1_700_000_000_000;

export function conversation(key: string, rev: number, over: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    key,
    channel: 'webchat',
    conversationId: key.replace(/^webchat:/, ''),
    rev,
    machineVersion: 1,
    snapshot: { status: 'active', value: { menu: 'idle' }, context: { lang: 'es', turns: rev } },
    recentMessageIds: [`in-${rev}`],
    seq: rev,
    outbox: [],
    pendingEffects: [],
    choices: [],
    updatedAt: T0 + rev,
    ...over,
  };
}

export function outbound(key: string, seq: number): Outbound {
  return {
    id: `${key}#${seq}`,
    channel: 'webchat',
    conversationId: key.replace(/^webchat:/, ''),
    seq,
    replyTo: `in-${seq}`,
    reply: { text: 'Hola 👋 ¿En qué te ayudo?', choices: [{ action: 'topic:health', title: 'Salud' }], step: 'menu' },
  };
}

export function consent(contactKey: string, messageId: string, at: number, over: Partial<ConsentRecord> = {}): ConsentRecord {
  return { contactKey, decision: 'accepted', textVersion: 'v1', lang: 'es', channel: 'webchat', at: T0 + at, messageId, ...over };
}

export function contact(contactKey: string, over: Partial<Contact> = {}): Contact {
  return { contactKey, channel: 'webchat', lang: 'es', consent: 'accepted', updatedAt: T0, ...over };
}

export function ticket(ref: string, contactKey: string, createdAt: number, over: Partial<Ticket> = {}): Ticket {
  return {
    ref,
    contactKey,
    channel: 'webchat',
    reason: 'handoff',
    status: 'open',
    lang: 'es',
    createdAt: T0 + createdAt,
    updatedAt: T0 + createdAt,
    ...over,
  };
}

export function answer(id: string, lang: Answer['lang'], over: Partial<Answer> = {}): Answer {
  return {
    id,
    lang,
    topic: 'health',
    question: `¿Pregunta ${id}?`,
    text: `Respuesta ${id} (${lang})`,
    keywords: ['salud', 'posta'],
    agency: 'ACNUR',
    source: 'https://example.org/fuente',
    verifiedAt: '2025-01-15',
    reviewBy: '2025-07-15',
    status: 'published',
    sample: false,
    ...over,
  };
}

export function staffAccount(id: string, email: string, createdAt = 1, over: Partial<StaffAccount> = {}): StaffAccount {
  return {
    id,
    email,
    passwordHash: `scrypt$test$${id}`,
    roles: ['operator'],
    disabled: false,
    failedLogins: 0,
    lockedUntil: 0,
    sessionEpoch: 0,
    createdAt: T0 + createdAt,
    updatedAt: T0 + createdAt,
    ...over,
  };
}

export function caseRecord(ref: string, contactKey: string, createdAt: number, over: Partial<Case> = {}): Case {
  return {
    ref,
    type: 'complaint',
    contactKey,
    channel: 'webchat',
    lang: 'es',
    text: `Queja ${ref}: nadie me atendió en la posta`,
    status: 'open',
    createdAt: T0 + createdAt,
    updatedAt: T0 + createdAt,
    ...over,
  };
}

/** An anonymous report unless `over` says otherwise. */
export function pseaReport(code: string, createdAt: number, over: Partial<PseaReport> = {}): PseaReport {
  return {
    code,
    text: `Reporte ${code}: me pidieron algo a cambio de la ayuda`,
    contact: 'anonymous',
    lang: 'es',
    status: 'open',
    createdAt: T0 + createdAt,
    updatedAt: T0 + createdAt,
    ...over,
  };
}

/** Line `n` of the commit at `rev` in `contactKey`'s conversation: the bot's unless `over` says otherwise. */
export function transcriptLine(contactKey: string, rev: number, n: number, over: Partial<TranscriptLine> = {}): TranscriptLine {
  return { id: `${contactKey}#${rev}.${n}`, contactKey, rev, n, from: 'bot', text: `Línea ${rev}.${n} ¿qué necesitas? 👋`, at: T0 + rev, ...over };
}

export function cannedResponse(id: string, lang: CannedResponse['lang'], title: string, over: Partial<CannedResponse> = {}): CannedResponse {
  return { id, lang, title, text: `Texto de ${title}`, createdBy: 'sup1', createdAt: T0, updatedAt: T0, ...over };
}

/** A referral as created: status `sent`, one history entry. */
export function referral(id: string, ticketRef: string, contactKey: string, createdAt: number, over: Partial<Referral> = {}): Referral {
  return {
    id,
    ticketRef,
    contactKey,
    partnerId: 'partner-salud',
    status: 'sent',
    createdBy: 'op1',
    createdAt: T0 + createdAt,
    updatedAt: T0 + createdAt,
    history: [{ status: 'sent', by: 'op1', at: T0 + createdAt }],
    ...over,
  };
}
