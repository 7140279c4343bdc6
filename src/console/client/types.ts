/**
 * What the staff API answers, as the console reads it (src/http/api/*Schemas.ts are the source;
 * only the fields the console uses are listed). Every text field is shown with textContent.
 */
import type { Intake } from '../../core/intake.ts';

export type Lang = 'es' | 'en';
export type TicketStatus = 'open' | 'claimed' | 'closed';
export const OUTCOMES = ['resolved', 'referred', 'no_response', 'duplicate', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const REFERRAL_STATUSES = ['sent', 'accepted', 'done', 'declined'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export interface Me {
  user: { id: string; email: string; roles: string[] };
  permissions: string[];
}

export interface TicketSummary {
  ref: string;
  channel: string;
  reason: string;
  status: TicketStatus;
  lang: Lang;
  topic?: string;
  createdAt: string;
  claimedBy?: string;
  outcome?: Outcome;
  /** Open tickets only. */
  waitingMs?: number;
}

export interface Note {
  staffId: string;
  text: string;
  at: string;
}

export interface Ticket extends TicketSummary {
  notes: Note[];
  rating?: { score: number; comment?: string; at: string };
}

export interface Line {
  id: string;
  from: 'person' | 'bot' | 'operator';
  text: string;
  at: string;
  staffId?: string;
}

/** A live line of a ticket someone else holds (or no one): what it is, without the text. */
export type LineNotice = Pick<Line, 'id' | 'from' | 'at'>;

export type { Intake };

export interface TicketDetail {
  ticket: Ticket;
  intake: Intake | null;
  transcript: Line[];
}

export interface CannedResponse {
  id: string;
  lang: Lang;
  title: string;
  text: string;
}

export interface Partner {
  id: string;
  name: string;
  services: string[];
  regions: string[];
  contact: { website?: string; email?: string; phone?: string };
  howToRefer: Record<Lang, string>;
  /** A sample directory entry, to verify before use. */
  sample?: boolean;
}

export interface Referral {
  id: string;
  partnerId: string;
  service?: string;
  note?: string;
  status: ReferralStatus;
  createdAt?: string;
}

export const CASE_STATUSES = ['open', 'in_progress', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type PseaContact = 'anonymous' | 'this_chat' | 'phone';

/** A sealed report (psea_focal only). `channel` and `phone` only when the person asked to be
 * contacted; `text` is the person's words, shown as text with its line breaks. */
export interface PseaReport {
  code: string;
  text: string;
  contact: PseaContact;
  channel?: string;
  phone?: string;
  lang: Lang;
  status: CaseStatus;
  createdAt: string;
  updatedAt: string;
  /** The follow-up in the chat, when the person asked to be contacted there. */
  messages?: { id: string; from: 'focal_point' | 'person'; text: string; at: string; staffId?: string }[];
}
