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
  /** Consent withdrawn: erase the person's personal data (contact, intake). */
  | { type: 'data.erase' };
