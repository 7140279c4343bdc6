import type { CaseType, ConsentDecision, Intake, Lang, PseaContactPreference, TicketReason } from './domain.ts';

/**
 * What a dialog asks the world to do. Dialog machines only *describe* effects; the turn runtime
 * commits them with the conversation snapshot and then applies them through the stores.
 * Every effect must be safe to apply twice (it may be re-applied after a crash).
 */
export type Effect =
  | { type: 'consent.record'; decision: ConsentDecision; textVersion: string; lang: Lang }
  | { type: 'intake.save'; intake: Intake }
  | { type: 'ticket.open'; ref: string; reason: TicketReason; lang: Lang; topic?: string }
  | { type: 'feedback.record'; answerId: string; helpful: boolean }
  /** A complaint, suggestion or compliment, with the person's words (only after consent). */
  | { type: 'case.open'; ref: string; caseType: CaseType; text: string; lang: Lang }
  /** A sealed PSEA report. Anonymous unless `contact` says the person agreed to be contacted;
   * the runtime files it before committing the turn and never keeps it in the conversation. */
  | { type: 'psea.report'; code: string; text: string; contact: Exclude<PseaContactPreference, 'phone'>; lang: Lang }
  /** The person's answer to the focal point, added to their sealed report like the report
   * itself: before the turn commits, never kept in the conversation. */
  | { type: 'psea.reply'; code: string; text: string }
  /** The person's satisfaction answer after talking to an operator. */
  | { type: 'ticket.rate'; ref: string; score: 1 | 2 | 3 | 4 | 5; comment?: string }
  /** Consent withdrawn: erase the person's personal data (contact, intake, tickets, cases,
   * transcript, referrals). */
  | { type: 'data.erase' };

/**
 * Added by the runtime, not the dialog: the turn's lines for staff (see DialogTurn.transcript
 * and src/runtime/transcript.ts). Names the lines instead of copying them: what the person
 * said, and the outbox messages with seq in `seqs` (from an operator when `staffId` is set).
 */
export interface TranscriptAppend {
  type: 'transcript.append';
  ticketRef: string | null;
  rev: number;
  at: number;
  said?: { messageId: string; text: string };
  seqs: [number, number];
  staffId?: string;
}

/** What a committed turn still has to apply, kept in the conversation record until it is. */
export type PendingEffect = Effect | TranscriptAppend;
