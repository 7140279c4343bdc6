/**
 * In-memory Store for tests and the benchmark. Values are kept as JSON text: a write
 * serialises once and a read parses once, so callers can never share an object with the
 * store (or with each other), and anything that would not survive a real database
 * (undefined fields, class instances) is dropped here exactly as it would be there.
 */
import type { Answer, CannedResponse, Case, ConsentRecord, Contact, Intake, PseaReport, Referral, Ticket, TicketStatus, TranscriptLine } from '../../core/domain.ts';
import { normaliseEmail, type AuditEntry, type StaffAccount } from '../../core/staff.ts';
import {
  assertCommittableRev,
  byConsentTime,
  byAuditIdDescending,
  byCaseAge,
  byCannedOrder,
  byReferralAge,
  cannedChanges,
  referralRefused,
  byTranscriptOrder,
  newestLines,
  referralMove,
  byPseaReportAge,
  byStaffAge,
  byTicketAge,
  claimFields,
  claimRefused,
  closeFields,
  closeRefused,
  compareStrings,
  newAuditId,
  isUnfinished,
  samePseaContent,
  withPseaMessage,
  sealPseaReport,
  summariseFeedback,
  byInboxOrder,
  isWithdrawable,
  isWithdrawableReport,
  type FeedbackEntry,
} from '../common.ts';
import {
  ConcurrentUpdateError,
  DuplicateKeyError,
  type AnswerRepo,
  type AuditRepo,
  type CannedResponseRepo,
  type CaseRepo,
  type ReferralRepo,
  type TranscriptRepo,
  type ContactRepo,
  type ConversationRecord,
  type ConversationRepo,
  type FeedbackRepo,
  type InboxEntry,
  type InboxRepo,
  type PseaReportRepo,
  type StaffRepo,
  type Store,
  type TicketRepo,
} from '../ports.ts';

/** A Map of JSON texts, typed by what they decode to. */
class JsonMap<T> {
  readonly #texts = new Map<string, string>();

  get(key: string): T | null {
    const text = this.#texts.get(key);
    return text === undefined ? null : (JSON.parse(text) as T);
  }
  has(key: string): boolean {
    return this.#texts.has(key);
  }
  set(key: string, value: T): void {
    this.#texts.set(key, JSON.stringify(value));
  }
  delete(key: string): void {
    this.#texts.delete(key);
  }
  *values(): IterableIterator<T> {
    for (const text of this.#texts.values()) yield JSON.parse(text) as T;
  }
  *entries(): IterableIterator<[string, T]> {
    for (const [key, text] of this.#texts) yield [key, JSON.parse(text) as T];
  }
  get size(): number {
    return this.#texts.size;
  }
}

function conversationRepo(): ConversationRepo {
  const records = new JsonMap<ConversationRecord>();
  // Revs are kept beside the JSON so a commit checks them without parsing the stored record.
  const revs = new Map<string, number>();
  return {
    async forgetSuperseded() {}, // a map keeps only the current version
    async get(key) {
      return records.get(key);
    },
    async commit(record) {
      assertCommittableRev(record);
      const stored = revs.get(record.key);
      const expected = record.rev === 1 ? undefined : record.rev - 1;
      if (stored !== expected) throw new ConcurrentUpdateError(record.key);
      records.set(record.key, record);
      revs.set(record.key, record.rev);
    },
    async listUnfinished() {
      return [...records.values()].filter(isUnfinished);
    },
    async delete(key) {
      records.delete(key);
      revs.delete(key);
    },
  };
}

function contactRepo(): ContactRepo {
  const contacts = new JsonMap<Contact>();
  const consents = new JsonMap<ConsentRecord>();
  return {
    async recordConsent(entry) {
      const id = JSON.stringify([entry.contactKey, entry.messageId]);
      if (!consents.has(id)) consents.set(id, entry);
    },
    async consentHistory(contactKey) {
      return [...consents.values()].filter((c) => c.contactKey === contactKey).sort(byConsentTime);
    },
    async get(contactKey) {
      return contacts.get(contactKey);
    },
    async upsert(contact) {
      // Only a given intake replaces the stored one: a consent or language change keeps it.
      const intake = contact.intake ?? contacts.get(contact.contactKey)?.intake;
      contacts.set(contact.contactKey, intake ? { ...contact, intake } : contact);
    },
    async saveIntake(contactKey: string, intake: Intake, at: number) {
      const contact = contacts.get(contactKey);
      if (contact) contacts.set(contactKey, { ...contact, intake, updatedAt: at });
    },
    async erase(contactKey) {
      contacts.delete(contactKey);
    },
  };
}

function ticketRepo(): TicketRepo {
  const tickets = new JsonMap<Ticket>();
  return {
    async open(ticket) {
      const existing = tickets.get(ticket.ref);
      if (!existing) tickets.set(ticket.ref, ticket);
      else if (existing.contactKey !== ticket.contactKey) throw new DuplicateKeyError(`ticket ref ${ticket.ref}`);
    },
    async withdraw(ref, contactKey) {
      if (isWithdrawable(tickets.get(ref), contactKey)) tickets.delete(ref);
    },
    async get(ref) {
      return tickets.get(ref);
    },
    async list(filter?: { status?: TicketStatus }) {
      const all = [...tickets.values()];
      const status = filter?.status;
      return (status ? all.filter((t) => t.status === status) : all).sort(byTicketAge);
    },
    async eraseByContact(contactKey) {
      for (const [ref, ticket] of tickets.entries()) if (ticket.contactKey === contactKey) tickets.delete(ref);
    },
    // Check and write run without an await between them: one JS turn is the compare-and-set.
    async claim(ref, staffId, at) {
      const ticket = tickets.get(ref);
      if (ticket?.status !== 'open') return claimRefused(ticket, staffId);
      tickets.set(ref, { ...ticket, ...claimFields(staffId, at) });
      return { ok: true, ticket: tickets.get(ref)! };
    },
    async addNote(ref, note) {
      const ticket = tickets.get(ref);
      if (!ticket) return null;
      tickets.set(ref, { ...ticket, notes: [...(ticket.notes ?? []), note], updatedAt: note.at });
      return tickets.get(ref);
    },
    async close(ref, staffId, outcome, at) {
      const ticket = tickets.get(ref);
      if (!ticket || ticket.status === 'closed') return closeRefused(ticket);
      tickets.set(ref, { ...ticket, ...closeFields(staffId, outcome, at) });
      return { ok: true, ticket: tickets.get(ref)! };
    },
    async rate(ref, rating) {
      const ticket = tickets.get(ref);
      if (!ticket) return null;
      tickets.set(ref, { ...ticket, rating, updatedAt: rating.at });
      return tickets.get(ref);
    },
  };
}

function transcriptRepo(): TranscriptRepo {
  const lines = new JsonMap<TranscriptLine>();
  return {
    async append(batch) {
      for (const line of batch) if (!lines.has(line.id)) lines.set(line.id, line);
    },
    async list(contactKey, options) {
      const mine = [...lines.values()].filter((l) => l.contactKey === contactKey).sort(byTranscriptOrder);
      return newestLines(mine, options?.limit);
    },
    async eraseByContact(contactKey) {
      for (const [id, line] of lines.entries()) if (line.contactKey === contactKey) lines.delete(id);
    },
  };
}

function cannedResponseRepo(): CannedResponseRepo {
  const responses = new JsonMap<CannedResponse>();
  return {
    async create(response) {
      if (responses.has(response.id)) throw new DuplicateKeyError(`canned response ${response.id}`);
      responses.set(response.id, response);
    },
    async get(id) {
      return responses.get(id);
    },
    async list() {
      return [...responses.values()].sort(byCannedOrder);
    },
    async update(id, changes, at) {
      const existing = responses.get(id);
      if (!existing) return null;
      responses.set(id, { ...existing, ...cannedChanges(changes), updatedAt: at });
      return responses.get(id);
    },
    async delete(id) {
      const existed = responses.has(id);
      responses.delete(id);
      return existed;
    },
  };
}

function referralRepo(): ReferralRepo {
  const referrals = new JsonMap<Referral>();
  return {
    async create(referral) {
      if (referrals.has(referral.id)) throw new DuplicateKeyError(`referral ${referral.id}`);
      referrals.set(referral.id, referral);
    },
    async get(id) {
      return referrals.get(id);
    },
    async listByTicket(ticketRef) {
      return [...referrals.values()].filter((r) => r.ticketRef === ticketRef).sort(byReferralAge);
    },
    // No await between the check and the write: one JS turn is the compare-and-set.
    async setStatus(id, from, to, by, at) {
      const referral = referrals.get(id);
      if (referral?.status !== from) return referralRefused(referral);
      referrals.set(id, referralMove(referral, to, by, at));
      return { ok: true, referral: referrals.get(id)! };
    },
    async eraseByContact(contactKey) {
      for (const [id, referral] of referrals.entries()) if (referral.contactKey === contactKey) referrals.delete(id);
    },
  };
}

function answerRepo(): AnswerRepo {
  const answers = new JsonMap<Answer>();
  return {
    async listPublished() {
      return [...answers.values()].filter((a) => a.status === 'published').sort((a, b) => compareStrings(a.id, b.id) || compareStrings(a.lang, b.lang));
    },
    async count() {
      return answers.size;
    },
    async upsertMany(list) {
      for (const answer of list) answers.set(JSON.stringify([answer.id, answer.lang]), answer);
    },
  };
}

function feedbackRepo(): FeedbackRepo {
  const entries = new JsonMap<FeedbackEntry>();
  return {
    async record(entry) {
      if (!entries.has(entry.key)) entries.set(entry.key, entry);
    },
    async summary() {
      return summariseFeedback(entries.values());
    },
  };
}

function staffRepo(): StaffRepo {
  const accounts = new JsonMap<StaffAccount>();
  /** normalised email → id: the unique index. */
  const emails = new Map<string, string>();
  function change(id: string, apply: (account: StaffAccount) => StaffAccount): StaffAccount | null {
    const account = accounts.get(id);
    if (!account) return null;
    const changed = apply(account);
    accounts.set(id, changed);
    return changed;
  }
  return {
    async create(account) {
      const email = normaliseEmail(account.email);
      if (accounts.has(account.id)) throw new DuplicateKeyError(`staff id ${account.id}`);
      if (emails.has(email)) throw new DuplicateKeyError('staff email');
      accounts.set(account.id, account);
      emails.set(email, account.id);
    },
    async get(id) {
      return accounts.get(id);
    },
    async getByEmail(email) {
      const id = emails.get(normaliseEmail(email));
      return id === undefined ? null : accounts.get(id);
    },
    async list() {
      return [...accounts.values()].sort(byStaffAge);
    },
    async count() {
      return accounts.size;
    },
    async update(id, changes, at) {
      return change(id, (account) => ({ ...account, ...changes, updatedAt: at }));
    },
    async recordFailedLogin(id) {
      return change(id, (account) => ({ ...account, failedLogins: account.failedLogins + 1 }))?.failedLogins ?? 0;
    },
    async lockUntil(id, until) {
      change(id, (account) => ({ ...account, failedLogins: 0, lockedUntil: until }));
    },
    async resetFailedLogins(id) {
      change(id, (account) => ({ ...account, failedLogins: 0, lockedUntil: 0 }));
    },
    async revokeSessions(id) {
      change(id, (account) => ({ ...account, sessionEpoch: account.sessionEpoch + 1 }));
    },
  };
}

function auditRepo(): AuditRepo {
  const entries = new JsonMap<AuditEntry>();
  return {
    async append(entry) {
      const stored: AuditEntry = { ...entry, id: newAuditId(entry.at) };
      entries.set(stored.id, stored);
      return entries.get(stored.id)!;
    },
    async list({ limit, before }) {
      const all = [...entries.values()].sort(byAuditIdDescending);
      return (before === undefined ? all : all.filter((e) => e.id < before)).slice(0, limit);
    },
  };
}

function caseRepo(): CaseRepo {
  const cases = new JsonMap<Case>();
  return {
    async open(record) {
      const existing = cases.get(record.ref);
      if (!existing) cases.set(record.ref, record);
      else if (existing.contactKey !== record.contactKey) throw new DuplicateKeyError(`case ref ${record.ref}`);
    },
    async withdraw(ref, contactKey) {
      if (isWithdrawable(cases.get(ref), contactKey)) cases.delete(ref);
    },
    async get(ref) {
      return cases.get(ref);
    },
    async list(filter) {
      const { type, status } = filter ?? {};
      return [...cases.values()].filter((c) => (type === undefined || c.type === type) && (status === undefined || c.status === status)).sort(byCaseAge);
    },
    async setStatus(ref, status, outcome, at) {
      const existing = cases.get(ref);
      if (!existing) return null;
      cases.set(ref, { ...existing, status, ...(outcome !== undefined && { outcome }), updatedAt: at });
      return cases.get(ref);
    },
    async eraseByContact(contactKey) {
      for (const [ref, record] of cases.entries()) if (record.contactKey === contactKey) cases.delete(ref);
    },
  };
}

/** Sealed: a map of its own, which nothing else in this store reads (see PseaReportRepo). */
function pseaReportRepo(): PseaReportRepo {
  const reports = new JsonMap<PseaReport>();
  return {
    async file(report) {
      const existing = reports.get(report.code);
      if (!existing) reports.set(report.code, sealPseaReport(report));
      else if (!samePseaContent(existing, report)) throw new DuplicateKeyError('psea report code');
    },
    async withdraw(code, createdAt) {
      if (isWithdrawableReport(reports.get(code), createdAt)) reports.delete(code);
    },
    async get(code) {
      return reports.get(code);
    },
    async list() {
      return [...reports.values()].sort(byPseaReportAge);
    },
    async count() {
      return reports.size;
    },
    async setStatus(code, status, at) {
      const existing = reports.get(code);
      if (!existing) return null;
      reports.set(code, { ...existing, status, updatedAt: at });
      return reports.get(code);
    },
    async addMessage(code, message) {
      const existing = reports.get(code);
      if (!existing) return null;
      const change = withPseaMessage(existing, message);
      if (change) reports.set(code, { ...existing, ...change });
      return reports.get(code);
    },
    // An audit log of its own, like every other sealed thing here.
    audit: auditRepo(),
  };
}

function inboxRepo(): InboxRepo {
  const entries = new JsonMap<InboxEntry>();
  return {
    async add(list) {
      for (const entry of list) if (!entries.has(entry.id)) entries.set(entry.id, entry);
    },
    async list(channel) {
      return [...entries.values()].filter((e) => e.channel === channel).sort(byInboxOrder);
    },
    async remove(id) {
      entries.delete(id);
    },
  };
}

export function createMemoryStore(): Store {
  return {
    conversations: conversationRepo(),
    contacts: contactRepo(),
    tickets: ticketRepo(),
    answers: answerRepo(),
    feedback: feedbackRepo(),
    staff: staffRepo(),
    audit: auditRepo(),
    cases: caseRepo(),
    transcripts: transcriptRepo(),
    cannedResponses: cannedResponseRepo(),
    referrals: referralRepo(),
    pseaReports: pseaReportRepo(),
    inbox: inboxRepo(),
    async ping() {
      return true;
    },
    async close() {},
  };
}
