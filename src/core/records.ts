/**
 * What Faro stores, one zod schema per record: the domain types are inferred from these
 * (src/core/domain.ts re-exports them), the staff API's views are derived from them
 * (src/http/api/*Schemas.ts: the record minus what staff must not see, times as ISO strings),
 * and so are the MongoDB collections' fields (src/store/mongo/fromRecord.ts). Changing what a
 * ticket stores is a change here (and in whatever reads the new field).
 *
 * Conventions the derived schemas rely on: times are epoch milliseconds (`epoch`); a string
 * that must not be empty is `.min(1)` (MongoDB `required`), one stored as written (what a
 * person or an operator typed, possibly empty) is a plain `z.string()`.
 */
import { z } from 'zod';
import { INTAKE_SPEC } from './intake.ts';
import { LANGUAGES } from './languages.ts';

/** Epoch milliseconds. */
export const epoch = z.number();
const id = z.string().min(1);

/** The registration matrix: every field of the intake spec, none required. */
export const IntakeRecord = z.object(Object.fromEntries(INTAKE_SPEC.map(({ field, kind }) => [field, (kind === 'codes' ? z.array(z.string()) : z.string()).optional()])));

export const TICKET_STATUSES = ['open', 'claimed', 'closed'] as const;
export const TICKET_REASONS = ['handoff', 'intake', 'psea', 'safety'] as const;
/**
 * How a ticket ended, from a fixed set so queues and statistics can count them:
 * - `resolved`: the person got what they needed;
 * - `referred`: handed to a partner organisation (see `ReferralRecord`);
 * - `no_response`: the person did not answer;
 * - `duplicate`: another ticket covers it;
 * - `other`: none of these (say why in a note).
 */
export const TICKET_OUTCOMES = ['resolved', 'referred', 'no_response', 'duplicate', 'other'] as const;

export const TicketNoteRecord = z.object({
  staffId: id,
  text: z.string(),
  at: epoch,
});

/** 1 (very bad) to 5 (very good), plus what the person chose to add. */
export const TicketRatingRecord = z.object({
  score: z.literal([1, 2, 3, 4, 5]),
  comment: z.string().optional(),
  at: epoch,
});

export const TicketRecord = z.object({
  /** Short reference the person can quote, e.g. `K7P-4QM`. Unique. */
  ref: id,
  contactKey: id,
  channel: id,
  reason: z.enum(TICKET_REASONS),
  status: z.enum(TICKET_STATUSES),
  lang: z.enum(LANGUAGES),
  topic: z.string().optional(),
  createdAt: epoch,
  updatedAt: epoch,
  /** The staff id holding the ticket (set by TicketRepo.claim, which lets exactly one win). */
  claimedBy: z.string().optional(),
  claimedAt: epoch.optional(),
  closedBy: z.string().optional(),
  closedAt: epoch.optional(),
  outcome: z.enum(TICKET_OUTCOMES).optional(),
  /** Internal notes, oldest first. Kept in the ticket so erasing a person's tickets (consent
   * withdrawn) erases what staff wrote about them too. Never shown to the person. */
  notes: z.array(TicketNoteRecord).optional(),
  /** The person's satisfaction answer after talking to an operator (the last one counts). */
  rating: TicketRatingRecord.optional(),
});

export const CASE_TYPES = ['complaint', 'suggestion', 'compliment'] as const;
export const CASE_STATUSES = ['open', 'in_progress', 'closed'] as const;

/** A complaint, suggestion or compliment. The person can ask its status later with `ref`. */
export const CaseRecord = z.object({
  /** Short reference the person can quote. Unique among cases. */
  ref: id,
  type: z.enum(CASE_TYPES),
  contactKey: id,
  channel: id,
  lang: z.enum(LANGUAGES),
  /** What the person wrote. Personal data: a case is only opened after consent, and erased
   * with the person's other data when consent is withdrawn. */
  text: z.string(),
  status: z.enum(CASE_STATUSES),
  createdAt: epoch,
  updatedAt: epoch,
  /** What was done about it, set by staff when the case moves on or closes. */
  outcome: z.string().optional(),
});

/**
 * Where a referral stands. sent → accepted | declined; accepted → done | declined.
 * The person is told each change (in their language, on their channel).
 */
export const REFERRAL_STATUSES = ['sent', 'accepted', 'done', 'declined'] as const;

export const ReferralStepRecord = z.object({
  status: z.enum(REFERRAL_STATUSES),
  by: id,
  at: epoch,
});

/** A ticket handed to a partner organisation from the directory (content/partners). */
export const ReferralRecord = z.object({
  id,
  ticketRef: id,
  /** The person's conversation key (erased with their data). */
  contactKey: id,
  partnerId: id,
  /** The partner's service this is for, if one was named. */
  service: z.string().optional(),
  /** Internal: what the partner should know. Never shown to the person. */
  note: z.string().optional(),
  status: z.enum(REFERRAL_STATUSES),
  createdBy: id,
  createdAt: epoch,
  updatedAt: epoch,
  /** Every status it had, oldest first (the first is `sent`). */
  history: z.array(ReferralStepRecord),
});
