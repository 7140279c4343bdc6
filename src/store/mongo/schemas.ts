/**
 * Collections of the MongoDB store. Field names follow the domain types one to one, so a
 * lean read minus `_id` is the domain object; tickets, cases, referrals and the intake take
 * their fields from their records (src/core/records.ts, through fromRecord.ts). Dialog-owned JSON (snapshot, outbox, pending
 * effects, choices) is Mixed: the store never interprets it.
 */
import { Schema, type Connection } from 'mongoose';
import type { Answer, CannedResponse, Case, ConsentRecord, Contact, Intake, PseaMessage, PseaReport, Referral, Ticket, TranscriptLine } from '../../core/domain.ts';
import { CaseRecord, IntakeRecord, ReferralRecord, TicketRecord } from '../../core/records.ts';
import { STAFF_ROLES, type AuditEntry, type StaffAccount } from '../../core/staff.ts';
import type { FeedbackEntry } from '../common.ts';
import type { ConversationRecord, InboxEntry } from '../ports.ts';
import { fieldsOf } from './fromRecord.ts';

/** No `__v` (rev is our own version field) and no minimising: an empty `{}` snapshot or intake
 * must come back as `{}`, not vanish. */
const options = { versionKey: false, minimize: false } as const;
const Mixed = Schema.Types.Mixed;
const required = <T>(type: T) => ({ type, required: true });

export type ConversationDoc = ConversationRecord & { unfinished: boolean };

const conversation = new Schema<ConversationDoc>(
  {
    key: required(String),
    channel: required(String),
    conversationId: required(String),
    rev: required(Number),
    machineVersion: required(Number),
    snapshot: Mixed,
    recentMessageIds: [String],
    seq: required(Number),
    outbox: Mixed,
    pendingEffects: Mixed,
    choices: Mixed,
    updatedAt: required(Number),
    /** Derived from outbox and pendingEffects so start-up recovery is an index lookup. */
    unfinished: required(Boolean),
  },
  { ...options, collection: 'conversations' },
);
conversation.index({ key: 1 }, { unique: true });
conversation.index({ unfinished: 1 });

// From the intake spec, so a new question is stored, not silently dropped by strict mode.
// Mongoose defaults arrays to []; an intake without needs must stay without needs.
const intake = new Schema<Intake>(fieldsOf(IntakeRecord), { ...options, _id: false });

const contact = new Schema<Contact>(
  {
    contactKey: required(String),
    channel: required(String),
    lang: required(String),
    consent: required(String),
    intake: { type: intake, default: undefined },
    updatedAt: required(Number),
  },
  { ...options, collection: 'contacts' },
);
contact.index({ contactKey: 1 }, { unique: true });

const consent = new Schema<ConsentRecord>(
  {
    contactKey: required(String),
    decision: required(String),
    textVersion: required(String),
    lang: required(String),
    channel: required(String),
    at: required(Number),
    messageId: required(String),
  },
  { ...options, collection: 'consents' },
);
consent.index({ contactKey: 1, messageId: 1 }, { unique: true });
consent.index({ contactKey: 1, at: 1 });

const ticket = new Schema<Ticket>(fieldsOf(TicketRecord), { ...options, collection: 'tickets' });
ticket.index({ ref: 1 }, { unique: true });
ticket.index({ contactKey: 1 });
ticket.index({ status: 1, createdAt: 1 });

const answer = new Schema<Answer>(
  {
    id: required(String),
    lang: required(String),
    topic: required(String),
    question: required(String),
    text: required(String),
    keywords: [String],
    agency: required(String),
    source: required(String),
    verifiedAt: required(String),
    reviewBy: required(String),
    status: required(String),
    sample: required(Boolean),
  },
  // `id` is the answer's own id here, not mongoose's virtual alias of `_id`.
  { ...options, id: false, collection: 'answers' },
);
answer.index({ id: 1, lang: 1 }, { unique: true });
answer.index({ status: 1 });

const feedback = new Schema<FeedbackEntry>(
  {
    key: required(String),
    answerId: required(String),
    helpful: required(Boolean),
    at: required(Number),
  },
  { ...options, collection: 'feedback' },
);
feedback.index({ key: 1 }, { unique: true });
feedback.index({ answerId: 1 });

/** The account plus its normalised email, which carries the unique index. */
export type StaffDoc = StaffAccount & { emailKey: string };

const staff = new Schema<StaffDoc>(
  {
    id: required(String),
    email: required(String),
    emailKey: required(String),
    passwordHash: required(String),
    roles: { type: [{ type: String, enum: STAFF_ROLES }], default: undefined },
    disabled: required(Boolean),
    failedLogins: required(Number),
    lockedUntil: required(Number),
    sessionEpoch: required(Number),
    createdAt: required(Number),
    updatedAt: required(Number),
  },
  { ...options, id: false, collection: 'staff' },
);
staff.index({ id: 1 }, { unique: true });
staff.index({ emailKey: 1 }, { unique: true });

/** An audit log in `collection`: the staff one, and the sealed PSEA trail (its own collection). */
function auditSchema(collection: string): Schema<AuditEntry> {
  const schema = new Schema<AuditEntry>(
    {
      id: required(String),
      at: required(Number),
      actor: required(String),
      action: required(String),
      target: String,
      details: Mixed,
    },
    { ...options, id: false, collection },
  );
  // Ids sort by time, so this one index serves both uniqueness and newest-first paging.
  schema.index({ id: 1 }, { unique: true });
  return schema;
}
const audit = auditSchema('audit');

const caseRecord = new Schema<Case>(fieldsOf(CaseRecord), { ...options, collection: 'cases' });
caseRecord.index({ ref: 1 }, { unique: true });
caseRecord.index({ contactKey: 1 });
caseRecord.index({ type: 1, status: 1, createdAt: 1 });

/** Appended without mongoose's casting (see transcripts.ts): this schema serves the indexes. */
const transcriptLine = new Schema<TranscriptLine>(
  {
    id: required(String),
    contactKey: required(String),
    rev: required(Number),
    n: required(Number),
    from: required(String),
    text: String, // as in cases: an empty line must not fail validation
    at: required(Number),
    staffId: String,
  },
  { ...options, id: false, collection: 'transcripts' },
);
transcriptLine.index({ id: 1 }, { unique: true });
// A person's newest lines: read backwards along this index, then reversed.
transcriptLine.index({ contactKey: 1, rev: 1, n: 1 });

const cannedResponse = new Schema<CannedResponse>(
  {
    id: required(String),
    lang: required(String),
    title: String,
    text: String,
    createdBy: required(String),
    createdAt: required(Number),
    updatedAt: required(Number),
  },
  { ...options, id: false, collection: 'canned_responses' },
);
cannedResponse.index({ id: 1 }, { unique: true });

const referral = new Schema<Referral>(fieldsOf(ReferralRecord), { ...options, id: false, collection: 'referrals' });
referral.index({ id: 1 }, { unique: true });
referral.index({ ticketRef: 1, createdAt: 1 });
referral.index({ contactKey: 1 });

const pseaMessage = new Schema<PseaMessage>(
  {
    id: required(String),
    from: required(String),
    text: String,
    at: required(Number),
    staffId: String,
  },
  { ...options, _id: false },
);

/** Sealed (see PseaReportRepo): a collection of its own that no other model reads. */
const pseaReport = new Schema<PseaReport>(
  {
    code: required(String),
    text: String, // as in cases: an empty string must not fail validation
    contact: required(String),
    // Absent for anonymous reports (sealPseaReport); no defaults, so absent stays absent.
    contactKey: String,
    channel: String,
    phone: String,
    lang: required(String),
    status: required(String),
    createdAt: required(Number),
    updatedAt: required(Number),
    messages: { type: [pseaMessage], default: undefined },
  },
  { ...options, collection: 'psea_reports' },
);
pseaReport.index({ code: 1 }, { unique: true });

// The payload is the channel's own JSON text: a string, so strict mode can drop no field of it.
const inboxEntry = new Schema<InboxEntry>(
  {
    id: required(String),
    channel: required(String),
    order: required(Number),
    payload: required(String),
  },
  { ...options, id: false, collection: 'inbox' },
);
inboxEntry.index({ id: 1 }, { unique: true });
inboxEntry.index({ channel: 1, order: 1 });

export function registerModels(connection: Connection) {
  return {
    conversations: connection.model('Conversation', conversation),
    contacts: connection.model('Contact', contact),
    consents: connection.model('Consent', consent),
    tickets: connection.model('Ticket', ticket),
    answers: connection.model('Answer', answer),
    feedback: connection.model('Feedback', feedback),
    staff: connection.model('Staff', staff),
    audit: connection.model('Audit', audit),
    cases: connection.model('Case', caseRecord),
    transcripts: connection.model('TranscriptLine', transcriptLine),
    cannedResponses: connection.model('CannedResponse', cannedResponse),
    referrals: connection.model('Referral', referral),
    pseaReports: connection.model('PseaReport', pseaReport),
    /** Sealed (see PseaReportRepo.audit). */
    pseaAudit: connection.model('PseaAudit', auditSchema('psea_audit')),
    inbox: connection.model('InboxEntry', inboxEntry),
  };
}
export type Models = ReturnType<typeof registerModels>;
