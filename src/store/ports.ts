/**
 * Repository ports. Domain, dialog and runtime code talk to these only; adapters (memory,
 * embedded, MongoDB) implement them and pass one contract suite (test/store/contract.ts).
 * Everything crossing a port is plain JSON: adapters may copy, never share, objects.
 */
import type {
  Answer,
  CannedResponse,
  Case,
  CaseStatus,
  CaseType,
  ConsentRecord,
  Contact,
  Intake,
  PseaMessage,
  PseaReport,
  Referral,
  ReferralStatus,
  Ticket,
  TicketNote,
  TicketOutcome,
  TicketRating,
  TicketStatus,
  TranscriptLine,
} from '../core/domain.ts';
import type { PendingEffect } from '../core/effect.ts';
import type { AuditEntry, NewAuditEntry, StaffAccount, StaffChanges } from '../core/staff.ts';
import type { Outbound } from '../core/message.ts';

/** A conversation's saved state. One document, so one turn commits atomically. */
export interface ConversationRecord {
  /** `channel:conversationId` */
  key: string;
  channel: string;
  conversationId: string;
  /** Optimistic concurrency: incremented on every commit. A new record starts at 0 (never saved). */
  rev: number;
  machineVersion: number;
  /** The dialog's persisted snapshot (plain JSON). */
  snapshot: unknown;
  /** Last inbound message ids, newest last, bounded: a redelivery found here is answered with nothing. */
  recentMessageIds: string[];
  /** Bot messages sent so far (the next one gets seq + 1). */
  seq: number;
  /** Replies and effects of the last turn, kept until the next commit so they can be
   * re-applied after a crash (both are idempotent). */
  outbox: Outbound[];
  pendingEffects: PendingEffect[];
  /** The last choices offered, so "2" or a title can be resolved next turn. */
  choices: { action: string; title: string }[];
  updatedAt: number;
}

/** Thrown by `commit` when the stored rev is not the expected one (another writer won). */
export class ConcurrentUpdateError extends Error {
  constructor(key: string) {
    super(`conversation ${key} was updated concurrently`);
    this.name = 'ConcurrentUpdateError';
  }
}

/** Thrown when a unique key already exists (ticket ref, consent idempotency key…). */
export class DuplicateKeyError extends Error {
  constructor(what: string) {
    super(`duplicate key: ${what}`);
    this.name = 'DuplicateKeyError';
  }
}

export interface ConversationRepo {
  get(key: string): Promise<ConversationRecord | null>;
  /** Saves `record` if the stored rev equals `record.rev - 1` (or nothing is stored and rev is 1);
   * otherwise throws ConcurrentUpdateError. A rev below 1 is a caller bug: RangeError.
   * Resolves only once the record is durable (a crash after that loses nothing). */
  commit(record: ConversationRecord): Promise<void>;
  /** Records whose outbox or pending effects are not empty (crash recovery at start-up), in no
   * particular order. */
  listUnfinished(): Promise<ConversationRecord[]>;
  delete(key: string): Promise<void>;
  /** Drops superseded versions of records from durable storage where the adapter keeps them
   * (the embedded store appends every version to its file until a rewrite). The runtime calls
   * it once a reply carrying a PSEA follow-up code was delivered and cleared, so the code does
   * not stay on disk beside the person's channel identity. */
  forgetSuperseded(): Promise<void>;
}

export interface ContactRepo {
  /** Appends a consent decision; the same (contactKey, messageId) twice is stored once. */
  recordConsent(entry: ConsentRecord): Promise<void>;
  /** Oldest decision first (by `at`). */
  consentHistory(contactKey: string): Promise<ConsentRecord[]>;
  get(contactKey: string): Promise<Contact | null>;
  /** Creates or updates the contact (its latest consent decision and language). A stored
   * intake is kept unless `contact.intake` is given. */
  upsert(contact: Contact): Promise<void>;
  /** Replaces the contact's intake and sets `updatedAt`. Does nothing when there is no contact
   * (no consent yet, or erased): intake is never stored on its own. */
  saveIntake(contactKey: string, intake: Intake, at: number): Promise<void>;
  /** Removes personal data (contact and intake); consent history stays as proof of the decisions. */
  erase(contactKey: string): Promise<void>;
}

export interface TicketRepo {
  /** Creates the ticket; opening the same ref again for the same contact is a no-op
   * (idempotent). A ref already taken by another contact throws DuplicateKeyError. */
  open(ticket: Ticket): Promise<void>;
  /** Takes back a ticket that a turn opened and then lost its commit to another writer (the
   * person was never shown its ref): removed only while it is that contact's and still open;
   * anything else is left as it is. */
  withdraw(ref: string, contactKey: string): Promise<void>;
  get(ref: string): Promise<Ticket | null>;
  /** Oldest first (by `createdAt`, then ref). */
  list(filter?: { status?: TicketStatus }): Promise<Ticket[]>;
  /** Erases tickets of a contact (consent withdrawn), their notes included. */
  eraseByContact(contactKey: string): Promise<void>;
  /**
   * Gives an OPEN ticket to `staffId` (status `claimed`, `claimedBy`, `claimedAt`, `updatedAt`).
   * A compare-and-set on the status, like conversations' rev: of any number of concurrent
   * claims exactly one wins, in every adapter and across processes sharing a database. Claiming
   * again a ticket one already holds succeeds and changes nothing (a retried request).
   */
  claim(ref: string, staffId: string, at: number): Promise<TicketChange>;
  /** Appends an internal note and sets `updatedAt`, whatever the status (a closed ticket may
   * still get a follow-up note). Null when there is no such ref. */
  addNote(ref: string, note: TicketNote): Promise<Ticket | null>;
  /** Closes an open or claimed ticket (`closedBy`, `closedAt`, `outcome`, `updatedAt`; a claim
   * stays recorded). Compare-and-set like `claim`: of concurrent closes exactly one wins. */
  close(ref: string, staffId: string, outcome: TicketOutcome, at: number): Promise<TicketChange>;
  /** Stores the person's satisfaction answer (replacing an earlier one) and sets `updatedAt`,
   * whatever the status. Null when there is no such ref. */
  rate(ref: string, rating: TicketRating): Promise<Ticket | null>;
}

/** Conversation lines from consent onwards (see TranscriptLine). */
export interface TranscriptRepo {
  /** Stores the lines; a line whose id is stored already is skipped (re-applied turns). */
  append(lines: TranscriptLine[]): Promise<void>;
  /** The newest `limit` lines of a person (default 500), returned oldest first (rev, then n).
   * A limit that is not a positive integer is a caller bug: RangeError. */
  list(contactKey: string, options?: { limit?: number }): Promise<TranscriptLine[]>;
  /** Consent withdrawn: every line of the person goes. */
  eraseByContact(contactKey: string): Promise<void>;
}

/** Canned responses for operators. */
export interface CannedResponseRepo {
  /** An id already taken throws DuplicateKeyError. */
  create(response: CannedResponse): Promise<void>;
  get(id: string): Promise<CannedResponse | null>;
  /** By lang, then title (case-insensitive), then id. */
  list(): Promise<CannedResponse[]>;
  /** Applies the given fields and `updatedAt`; null when there is no such id. */
  update(id: string, changes: Partial<Pick<CannedResponse, 'lang' | 'title' | 'text'>>, at: number): Promise<CannedResponse | null>;
  /** False when there was no such id. */
  delete(id: string): Promise<boolean>;
}

/** Referrals of tickets to partners. */
export interface ReferralRepo {
  /** An id already taken throws DuplicateKeyError. */
  create(referral: Referral): Promise<void>;
  get(id: string): Promise<Referral | null>;
  /** Oldest first (createdAt, then id). */
  listByTicket(ticketRef: string): Promise<Referral[]>;
  /**
   * Moves a referral from `from` to `to` (appending to `history`, setting `updatedAt`).
   * Compare-and-set on the status, like TicketRepo.claim: of concurrent changes from the same
   * status exactly one wins; the others get `conflict` with the referral as it is now.
   */
  setStatus(id: string, from: ReferralStatus, to: ReferralStatus, by: string, at: number): Promise<ReferralChange>;
  /** Consent withdrawn: the person's referrals go. */
  eraseByContact(contactKey: string): Promise<void>;
}

export type ReferralChange = { ok: true; referral: Referral } | { ok: false; reason: 'conflict'; referral: Referral } | { ok: false; reason: 'not_found' };

/**
 * What claim and close answer. A refusal says why, with the ticket as it is now:
 * `claimed`: someone else holds it; `closed`: it is closed already; `not_found`: no such ref.
 */
export type TicketChange = { ok: true; ticket: Ticket } | { ok: false; reason: 'claimed' | 'closed'; ticket: Ticket } | { ok: false; reason: 'not_found' };

export interface AnswerRepo {
  /** Published answers only, by id then lang. */
  listPublished(): Promise<Answer[]>;
  /** All answers, drafts included (zero means the store was never seeded). */
  count(): Promise<number>;
  /** Inserts or replaces by (id, lang). */
  upsertMany(answers: Answer[]): Promise<void>;
}

export interface FeedbackRepo {
  /** Records whether an answer helped, anonymously (no contact key), once per idempotency key. */
  record(entry: { key: string; answerId: string; helpful: boolean; at: number }): Promise<void>;
  /** Votes per answer, by answer id. */
  summary(): Promise<{ answerId: string; helpful: number; notHelpful: number }[]>;
}

/** Staff accounts. Emails are unique and looked up case-insensitively (normaliseEmail). */
export interface StaffRepo {
  /** Stores a new account; an id or (normalised) email already taken throws DuplicateKeyError. */
  create(account: StaffAccount): Promise<void>;
  get(id: string): Promise<StaffAccount | null>;
  getByEmail(email: string): Promise<StaffAccount | null>;
  /** Oldest first (by `createdAt`, then id). */
  list(): Promise<StaffAccount[]>;
  count(): Promise<number>;
  /** Applies the given changes and sets `updatedAt`; null when there is no such account. */
  update(id: string, changes: StaffChanges, at: number): Promise<StaffAccount | null>;
  /** Atomically adds one failed login; resolves to the new count (0 for an unknown id). */
  recordFailedLogin(id: string): Promise<number>;
  /** Refuses logins until `until` (epoch ms) and starts counting failures afresh. */
  lockUntil(id: string, until: number): Promise<void>;
  /** After a successful login: no failures, no lock. */
  resetFailedLogins(id: string): Promise<void>;
  /** Invalidates every session token issued so far (sessionEpoch + 1). */
  revokeSessions(id: string): Promise<void>;
}

/** Append-only audit log. */
export interface AuditRepo {
  /** Stores the entry under a new sortable id and returns it. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first, at most `limit`; `before` (an entry id) continues after that entry. */
  list(options: { limit: number; before?: string }): Promise<AuditEntry[]>;
}

/** Complaints, suggestions and compliments. Never holds PSEA reports (see PseaReportRepo). */
export interface CaseRepo {
  /** Creates the case; opening the same ref again for the same contact is a no-op
   * (idempotent). A ref already taken by another contact throws DuplicateKeyError. */
  open(record: Case): Promise<void>;
  /** As TicketRepo.withdraw: only the contact's own case, still open. */
  withdraw(ref: string, contactKey: string): Promise<void>;
  get(ref: string): Promise<Case | null>;
  /** Oldest first (by `createdAt`, then ref); both filters optional and combinable. */
  list(filter?: { type?: CaseType; status?: CaseStatus }): Promise<Case[]>;
  /** Moves the case on and sets `updatedAt`. A given outcome replaces the stored one;
   * `undefined` keeps it. Resolves to the updated case, or null when there is no such ref. */
  setStatus(ref: string, status: CaseStatus, outcome: string | undefined, at: number): Promise<Case | null>;
  /** Erases the cases of a contact (consent withdrawn): what they wrote is personal data. */
  eraseByContact(contactKey: string): Promise<void>;
}

/**
 * SEALED reports of sexual exploitation and abuse. Only the `psea_focal` role may see them,
 * so they live in their own storage (map, file, collection), never beside tickets or cases:
 * no list, search, count or export of any other repository can include one, whatever filter
 * it is given. Nothing else in the store reads this storage; code outside must reach it only
 * through an access check for `psea_focal`. Every adapter also enforces the anonymity rule on
 * the way in (sealPseaReport): an anonymous report is stored without `contactKey`, `channel`
 * and `phone`, so nothing identifies the channel user even if the caller passed them.
 */
export interface PseaReportRepo {
  /** Files the report. Filing the same code again with the same content (the person's words,
   * language and contact details) is a no-op, so a re-applied effect is harmless; the same
   * code with other content throws DuplicateKeyError and keeps the stored report. That error
   * names no code: errors get logged, and no log may reveal that a report exists. */
  file(report: PseaReport): Promise<void>;
  /** Takes back a report that a turn filed and then lost its commit (the person was never shown
   * its code, and the turn run again did not file it): removed only while it is still open, has
   * no follow-up message and was filed at `createdAt`; anything else is left as it is. */
  withdraw(code: string, createdAt: number): Promise<void>;
  get(code: string): Promise<PseaReport | null>;
  /** Oldest first (by `createdAt`, then code). */
  list(): Promise<PseaReport[]>;
  count(): Promise<number>;
  /** Moves the report on and sets `updatedAt`; resolves to the updated report, or null when
   * there is no such code. Nothing else changes (the person's words and contact stay). */
  setStatus(code: string, status: CaseStatus, at: number): Promise<PseaReport | null>;
  /** Appends a follow-up message (the focal point's, or the person's answer) and sets
   * `updatedAt`; a message id already there is not added again. Resolves to the report, or
   * null when there is no such code. Concurrent additions are all kept (compare-and-set on
   * `updatedAt`, which every addition moves strictly forward). */
  addMessage(code: string, message: PseaMessage): Promise<PseaReport | null>;
  /**
   * The SEALED audit trail: who read or changed which report. Its own storage beside the
   * reports (map, file, collection), never the staff audit log: `Store.audit` is readable by
   * admins, and an entry there would tell them a report exists. Same behaviour as AuditRepo.
   */
  audit: AuditRepo;
}

/**
 * A message a channel acknowledged before working it through (WhatsApp answers its webhook at
 * once, and Meta never delivers it again): kept until its turn is done, so a crash loses
 * nothing; the channel works through what is left when it resumes. It holds what the person wrote, so
 * it is removed as soon as the turn has committed (the embedded file is then rewritten soon,
 * see createEmbeddedStore).
 */
export interface InboxEntry {
  /** Unique per message, e.g. `whatsapp:<wamid>`: a message delivered twice is kept once. */
  id: string;
  channel: string;
  /** Orders a channel's entries (the channel's choice: arrival time and place in the webhook). */
  order: number;
  /** The channel's own serialisation of the message. */
  payload: string;
}

export interface InboxRepo {
  /** Keeps the entries durably before resolving; an id already kept is left as it was. */
  add(entries: InboxEntry[]): Promise<void>;
  /** One channel's entries, by `order`, then `id`. */
  list(channel: string): Promise<InboxEntry[]>;
  /** Forgets an entry once its turn is done; an unknown id is no error. */
  remove(id: string): Promise<void>;
}

export interface Store {
  conversations: ConversationRepo;
  contacts: ContactRepo;
  tickets: TicketRepo;
  answers: AnswerRepo;
  feedback: FeedbackRepo;
  staff: StaffRepo;
  audit: AuditRepo;
  cases: CaseRepo;
  transcripts: TranscriptRepo;
  cannedResponses: CannedResponseRepo;
  referrals: ReferralRepo;
  /** Sealed: see PseaReportRepo. */
  pseaReports: PseaReportRepo;
  inbox: InboxRepo;
  /** True when the backing database answers (GET /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
