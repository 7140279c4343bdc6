import type { Intake } from './intake.ts';
/** Domain vocabulary shared by dialogs, runtime, stores and content. Plain data only. */

import type { Lang } from './languages.ts';

export { DEFAULT_LANG, isLang, LANGUAGES, type Lang } from './languages.ts';

/** Information topics (DESIGN.md contract). `complaints` and `human` are menu entries, not topics. */
export const TOPICS = ['regularization', 'health', 'education', 'social_protection', 'housing', 'employment', 'protection'] as const;
export type Topic = (typeof TOPICS)[number];

export function isTopic(value: unknown): value is Topic {
  return typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
}

/** A published, verified answer in one language. `id` is shared by the translations of one answer. */
export interface Answer {
  id: string;
  lang: Lang;
  topic: Topic;
  question: string;
  text: string;
  /** Extra words people use for this question (colloquial, misspelt); helps matching. */
  keywords: string[];
  agency: string;
  source: string;
  /** ISO date (YYYY-MM-DD) the content was last verified. */
  verifiedAt: string;
  /** ISO date by which it must be reviewed again. */
  reviewBy: string;
  status: 'draft' | 'published';
  /** Seed content shipped with Faro that a deployment must verify before going live. */
  sample: boolean;
}

/** The registration matrix (its spec: ./intake.ts), filled only after consent. */
export type { Intake };

export type ConsentDecision = 'accepted' | 'declined' | 'withdrawn';

export interface ConsentRecord {
  /** Conversation key of the person (channel-scoped identity). */
  contactKey: string;
  decision: ConsentDecision;
  /** Version of the consent text shown. */
  textVersion: string;
  lang: Lang;
  channel: string;
  /** Epoch milliseconds. */
  at: number;
  /** Idempotency key: the inbound message that produced the decision. */
  messageId: string;
}

export interface Contact {
  contactKey: string;
  channel: string;
  lang: Lang;
  consent: ConsentDecision;
  intake?: Intake;
  updatedAt: number;
}

export const TICKET_STATUSES = ['open', 'claimed', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketReason = 'handoff' | 'intake' | 'psea' | 'safety';

export interface Ticket {
  /** Short reference the person can quote, e.g. `K7P-4QM`. Unique. */
  ref: string;
  contactKey: string;
  channel: string;
  reason: TicketReason;
  status: TicketStatus;
  lang: Lang;
  topic?: string;
  createdAt: number;
  updatedAt: number;
  /** The staff id holding the ticket (set by TicketRepo.claim, which lets exactly one win). */
  claimedBy?: string;
  claimedAt?: number;
  closedBy?: string;
  closedAt?: number;
  outcome?: TicketOutcome;
  /** Internal notes, oldest first. Kept in the ticket so erasing a person's tickets (consent
   * withdrawn) erases what staff wrote about them too. Never shown to the person. */
  notes?: TicketNote[];
  /** The person's satisfaction answer after talking to an operator (the last one counts). */
  rating?: TicketRating;
}

/** 1 (very bad) to 5 (very good), plus what the person chose to add. */
export interface TicketRating {
  score: 1 | 2 | 3 | 4 | 5;
  comment?: string;
  at: number;
}

/**
 * How a ticket ended, from a fixed set so queues and statistics can count them:
 * - `resolved`: the person got what they needed;
 * - `referred`: handed to a partner organisation (the referral itself comes with issue 4's referrals);
 * - `no_response`: the person did not answer;
 * - `duplicate`: another ticket covers it;
 * - `other`: none of these (say why in a note).
 */
export const TICKET_OUTCOMES = ['resolved', 'referred', 'no_response', 'duplicate', 'other'] as const;
export type TicketOutcome = (typeof TICKET_OUTCOMES)[number];

export interface TicketNote {
  staffId: string;
  text: string;
  at: number;
}

export const CASE_TYPES = ['complaint', 'suggestion', 'compliment'] as const;
export type CaseType = (typeof CASE_TYPES)[number];
export const CASE_STATUSES = ['open', 'in_progress', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A complaint, suggestion or compliment. The person can ask its status later with `ref`. */
export interface Case {
  /** Short reference the person can quote. Unique among cases. */
  ref: string;
  type: CaseType;
  contactKey: string;
  channel: string;
  lang: Lang;
  /** What the person wrote. Personal data: a case is only opened after consent, and erased
   * with the person's other data when consent is withdrawn. */
  text: string;
  status: CaseStatus;
  createdAt: number;
  updatedAt: number;
  /** What was done about it, set by staff when the case moves on or closes. */
  outcome?: string;
}

/** How the person wants to hear back about a PSEA report. */
export const PSEA_CONTACT_PREFERENCES = ['anonymous', 'this_chat', 'phone'] as const;
export type PseaContactPreference = (typeof PSEA_CONTACT_PREFERENCES)[number];

/**
 * A report of sexual exploitation and abuse. SEALED: only the `psea_focal` role may ever see
 * it, so it is kept apart from tickets and cases (its own repository and storage) and never
 * appears in their lists, counts or exports. Anonymous reports may be filed without consent
 * and then hold nothing that identifies the channel user: `contactKey`, `channel` and `phone`
 * are present only when the person agreed to be contacted (stores drop them otherwise).
 */
export interface PseaReport {
  /** The follow-up code the person keeps. Unique among reports. */
  code: string;
  /** What happened, in the person's words. */
  text: string;
  contact: PseaContactPreference;
  /** Only when `contact` is not 'anonymous'. */
  contactKey?: string;
  /** Only when `contact` is not 'anonymous'. */
  channel?: string;
  /** The number to call back, only when `contact` is 'phone'. */
  phone?: string;
  lang: Lang;
  status: CaseStatus;
  createdAt: number;
  updatedAt: number;
  /** The follow-up in the chat, when the person chose `this_chat`: the focal point's messages
   * and the person's answers, oldest first. Sealed with the report. */
  messages?: PseaMessage[];
}

export interface PseaMessage {
  /** Unique within the report, so a repeated request or a re-run turn adds it once. */
  id: string;
  from: 'focal_point' | 'person';
  text: string;
  at: number;
  /** The focal point who wrote it. */
  staffId?: string;
}

/**
 * One line of a conversation as staff see it, kept only from consent onwards (and never for
 * the PSEA steps: see the runtime). Erased with the person's other data.
 */
export interface TranscriptLine {
  /** Unique and stable, so a re-applied turn stores a line once: the bot's lines take the
   * outbound id (`<key>#<seq>`), the person's `<key>#in#<messageId>`, an operator's
   * `<key>#op#<seq>`. */
  id: string;
  /** The conversation key (`channel:conversationId`) of the person. */
  contactKey: string;
  /** Order: the conversation rev that committed the line, then `n` within that commit. */
  rev: number;
  n: number;
  from: 'person' | 'bot' | 'operator';
  text: string;
  at: number;
  /** Operator lines only: who wrote it. */
  staffId?: string;
}

/** A reusable answer operators pick in the console; supervisors manage them. */
export interface CannedResponse {
  id: string;
  lang: Lang;
  title: string;
  text: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * Where a referral stands. sent → accepted | declined; accepted → done | declined.
 * The person is told each change (in their language, on their channel).
 */
export const REFERRAL_STATUSES = ['sent', 'accepted', 'done', 'declined'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** A ticket handed to a partner organisation from the directory (content/partners). */
export interface Referral {
  id: string;
  ticketRef: string;
  /** The person's conversation key (erased with their data). */
  contactKey: string;
  partnerId: string;
  /** The partner's service this is for, if one was named. */
  service?: string;
  /** Internal: what the partner should know. Never shown to the person. */
  note?: string;
  status: ReferralStatus;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  /** Every status it had, oldest first (the first is `sent`). */
  history: { status: ReferralStatus; by: string; at: number }[];
}
