/**
 * Rules every adapter applies the same way, kept here so the adapters cannot drift apart
 * (the contract suite checks the outcome; this keeps the code paths identical too).
 */
import { randomBytes } from 'node:crypto';
import type { CannedResponse, Case, ConsentRecord, PseaMessage, PseaReport, Referral, ReferralStatus, Ticket, TicketOutcome, TranscriptLine } from '../core/domain.ts';
import type { AuditEntry, StaffAccount } from '../core/staff.ts';
import type { ConversationRecord, InboxEntry, ReferralChange, TicketChange } from './ports.ts';

/** A commit must name the rev it creates: 1 for a first save, stored rev + 1 afterwards.
 * Anything else is a bug in the caller, not a concurrency conflict, so it fails differently. */
export function assertCommittableRev(record: ConversationRecord): void {
  if (!Number.isSafeInteger(record.rev) || record.rev < 1) {
    throw new RangeError(`conversation ${record.key}: commit needs rev >= 1, got ${String(record.rev)}`);
  }
}

/** Whether start-up recovery must look at this record (see ConversationRepo.listUnfinished).
 * Adapters store it as a field so the query can use an index instead of scanning snapshots. */
export function isUnfinished(record: ConversationRecord): boolean {
  return record.outbox.length > 0 || record.pendingEffects.length > 0;
}

/** Consent history is read oldest first. */
export function byConsentTime(a: ConsentRecord, b: ConsentRecord): number {
  return a.at - b.at;
}

/** Tickets are listed as a queue: oldest first, ref as a stable tie-breaker. */
export function byInboxOrder(a: InboxEntry, b: InboxEntry): number {
  return a.order - b.order || compareStrings(a.id, b.id);
}

export function byTicketAge(a: Ticket, b: Ticket): number {
  return a.createdAt - b.createdAt || compareStrings(a.ref, b.ref);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface FeedbackEntry {
  key: string;
  answerId: string;
  helpful: boolean;
  at: number;
}

export interface FeedbackCount {
  answerId: string;
  helpful: number;
  notHelpful: number;
}

/** Counts votes per answer, sorted by answer id. Each entry is one vote, or `votes` of them
 * when a database already grouped them. */
export function summariseFeedback(entries: Iterable<Pick<FeedbackEntry, 'answerId' | 'helpful'> & { votes?: number }>): FeedbackCount[] {
  const counts = new Map<string, FeedbackCount>();
  for (const { answerId, helpful, votes = 1 } of entries) {
    let count = counts.get(answerId);
    if (!count) {
      count = { answerId, helpful: 0, notHelpful: 0 };
      counts.set(answerId, count);
    }
    if (helpful) count.helpful += votes;
    else count.notHelpful += votes;
  }
  return [...counts.values()].sort((a, b) => compareStrings(a.answerId, b.answerId));
}

/** Staff are listed oldest first, id as a stable tie-breaker. */
export function byStaffAge(a: StaffAccount, b: StaffAccount): number {
  return a.createdAt - b.createdAt || compareStrings(a.id, b.id);
}

let auditCounter = 0;
/**
 * A new audit entry id that sorts by time: the entry's time (base 36, fixed width), a
 * per-process counter (entries of one millisecond keep their order) and a random tail (two
 * processes never collide). Lists are newest first by id, so every adapter pages the same way.
 */
export function newAuditId(at: number): string {
  auditCounter = (auditCounter + 1) % 36 ** 6;
  const time = Math.max(0, Math.floor(at)).toString(36).padStart(10, '0');
  return `${time}-${auditCounter.toString(36).padStart(6, '0')}-${randomBytes(4).toString('hex')}`;
}

/** Audit entries newest first. */
export function byAuditIdDescending(a: AuditEntry, b: AuditEntry): number {
  return compareStrings(b.id, a.id);
}

/** Cases are listed like tickets: oldest first, ref as a stable tie-breaker. */
export function byCaseAge(a: Case, b: Case): number {
  return a.createdAt - b.createdAt || compareStrings(a.ref, b.ref);
}

/** PSEA reports oldest first, code as a stable tie-breaker. */
export function byPseaReportAge(a: PseaReport, b: PseaReport): number {
  return a.createdAt - b.createdAt || compareStrings(a.code, b.code);
}

/**
 * The PSEA anonymity rule, applied by every adapter before anything is stored (a copy; the
 * argument is left alone). An anonymous report keeps nothing that identifies the channel user,
 * whatever the caller passed: the person was promised that, and a store is the last place
 * that can still keep the promise. A phone number is kept only when they chose a call back.
 */
export function sealPseaReport(report: PseaReport): PseaReport {
  const { contactKey, channel, phone, ...rest } = report;
  if (report.contact === 'anonymous') return rest;
  return {
    ...rest,
    ...(contactKey !== undefined && { contactKey }),
    ...(channel !== undefined && { channel }),
    ...(report.contact === 'phone' && phone !== undefined && { phone }),
  };
}

/** Whether two filings of one code carry the same report: what the person said and how to
 * reach them. Status and times are left out, so re-filing after staff moved the report on is
 * still recognised as the same report. Both sides are sealed first, like what is stored. */
export function samePseaContent(a: PseaReport, b: PseaReport): boolean {
  const x = sealPseaReport(a);
  const y = sealPseaReport(b);
  return x.text === y.text && x.contact === y.contact && x.contactKey === y.contactKey && x.channel === y.channel && x.phone === y.phone && x.lang === y.lang;
}

/** The fields a winning claim sets (every adapter writes exactly these). */
/** What a turn that lost its commit may take back (see TicketRepo.withdraw): the contact's own
 * ticket or case, untouched since it was opened. */
export function isWithdrawable(record: Ticket | Case | null, contactKey: string): record is Ticket | Case {
  return record !== null && record.contactKey === contactKey && record.status === 'open' && !('notes' in record && record.notes?.length);
}

/** As isWithdrawable, for a sealed report: still open, no follow-up, filed at `createdAt`. */
export function isWithdrawableReport(report: PseaReport | null, createdAt: number): report is PseaReport {
  return report !== null && report.status === 'open' && report.createdAt === createdAt && !report.messages?.length;
}

export function claimFields(staffId: string, at: number): Pick<Ticket, 'status' | 'claimedBy' | 'claimedAt' | 'updatedAt'> {
  return { status: 'claimed', claimedBy: staffId, claimedAt: at, updatedAt: at };
}

/** The fields a winning close sets. */
export function closeFields(staffId: string, outcome: TicketOutcome, at: number): Pick<Ticket, 'status' | 'closedBy' | 'closedAt' | 'outcome' | 'updatedAt'> {
  return { status: 'closed', closedBy: staffId, closedAt: at, outcome, updatedAt: at };
}

/**
 * Why a claim's compare-and-set matched nothing, from the ticket as it is now. Holding it
 * already is a success (a retried request), so a lost answer never locks the claimer out.
 */
export function claimRefused(ticket: Ticket | null, staffId: string): TicketChange {
  if (!ticket) return { ok: false, reason: 'not_found' };
  if (ticket.status === 'closed') return { ok: false, reason: 'closed', ticket };
  if (ticket.status === 'claimed' && ticket.claimedBy === staffId) return { ok: true, ticket };
  // Open again here would mean a writer outside the repo; treating it as taken is the safe side.
  return { ok: false, reason: 'claimed', ticket };
}

/** Why a close's compare-and-set matched nothing: the ticket is gone or closed already. */
export function closeRefused(ticket: Ticket | null): TicketChange {
  if (!ticket) return { ok: false, reason: 'not_found' };
  return { ok: false, reason: 'closed', ticket };
}

/** Plain JSON, as in every adapter: undefined fields and class instances are dropped on the
 * way in exactly as a database file would drop them (nedb keeps them in memory otherwise). */
export function plainJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Transcript lines in conversation order: the commit that stored them, then their place in it. */
export function byTranscriptOrder(a: TranscriptLine, b: TranscriptLine): number {
  return a.rev - b.rev || a.n - b.n;
}

/** Canned responses as the console lists them: by language, then title, then id. */
export function byCannedOrder(a: CannedResponse, b: CannedResponse): number {
  return compareStrings(a.lang, b.lang) || compareStrings(a.title.toLowerCase(), b.title.toLowerCase()) || compareStrings(a.id, b.id);
}

/** Referrals oldest first, id as a stable tie-breaker. */
export function byReferralAge(a: Referral, b: Referral): number {
  return a.createdAt - b.createdAt || compareStrings(a.id, b.id);
}

/** The fields a status change writes (history grows by one). */
export function referralMove(referral: Referral, to: ReferralStatus, by: string, at: number): Referral {
  return { ...referral, status: to, updatedAt: at, history: [...referral.history, { status: to, by, at }] };
}

/** Why a status change's compare-and-set did not apply, from the referral as it is now. */
export function referralRefused(referral: Referral | null): ReferralChange {
  if (!referral) return { ok: false, reason: 'not_found' };
  return { ok: false, reason: 'conflict', referral };
}

/**
 * The fields a canned-response update may change, without the ones given as undefined: a
 * `{ title: undefined }` from a form must keep the title, not erase it (nedb would store
 * undefined, MongoDB null), and nothing else (id, createdBy…) can slip in at run time.
 */
export function cannedChanges(changes: Partial<Pick<CannedResponse, 'lang' | 'title' | 'text'>>): Partial<Pick<CannedResponse, 'lang' | 'title' | 'text'>> {
  const { lang, title, text } = changes;
  return { ...(lang !== undefined && { lang }), ...(title !== undefined && { title }), ...(text !== undefined && { text }) };
}

export const DEFAULT_TRANSCRIPT_LIMIT = 500;

/** How many transcript lines a list returns. Not a positive integer is a caller bug (MongoDB
 * and nedb read a limit of 0 as "no limit"), so it fails instead of meaning something else per adapter. */
export function transcriptLimit(limit: number = DEFAULT_TRANSCRIPT_LIMIT): number {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`transcript limit must be a positive integer, got ${String(limit)}`);
  return limit;
}

/** The newest `limit` lines of a list already in conversation order. */
export function newestLines(lines: TranscriptLine[], limit?: number): TranscriptLine[] {
  const n = transcriptLimit(limit);
  return lines.length > n ? lines.slice(lines.length - n) : lines;
}

/** A report with one more follow-up message, or null when the message is there already.
 * `updatedAt` moves strictly forward, so adapters can compare-and-set on it. */
export function withPseaMessage(report: PseaReport, message: PseaMessage): Pick<PseaReport, 'messages' | 'updatedAt'> | null {
  if (report.messages?.some((m) => m.id === message.id)) return null;
  return { messages: [...(report.messages ?? []), message], updatedAt: Math.max(message.at, report.updatedAt + 1) };
}

/** Tries a compare-and-set change a few times (another writer moved the record meanwhile). */
export async function retryingChange<T>(attempt: () => Promise<T | 'conflict'>, tries = 5): Promise<T> {
  for (let i = 1; ; i++) {
    const result = await attempt();
    if (result !== 'conflict') return result;
    if (i >= tries) throw new Error('gave up after repeated concurrent changes');
  }
}
