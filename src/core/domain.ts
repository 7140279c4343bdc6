import type { Intake } from './intake.ts';
/** Domain vocabulary shared by dialogs, runtime, stores and content. Plain data only. */

import type { z } from 'zod';
import type { Lang } from './languages.ts';
import type { CaseRecord, ReferralRecord, TicketNoteRecord, TicketRatingRecord, TicketRecord } from './records.ts';

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

// Tickets, cases and referrals: their zod schemas in ./records.ts are the one definition.
export type Ticket = z.infer<typeof TicketRecord>;
export type TicketStatus = Ticket['status'];
export type TicketReason = Ticket['reason'];
export type TicketOutcome = NonNullable<Ticket['outcome']>;
export type TicketNote = z.infer<typeof TicketNoteRecord>;
export type TicketRating = z.infer<typeof TicketRatingRecord>;
export type Case = z.infer<typeof CaseRecord>;
export type CaseType = Case['type'];
export type CaseStatus = Case['status'];
export type Referral = z.infer<typeof ReferralRecord>;
export type ReferralStatus = Referral['status'];
export { CASE_STATUSES, CASE_TYPES, REFERRAL_STATUSES, TICKET_OUTCOMES, TICKET_REASONS, TICKET_STATUSES } from './records.ts';

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
