import type { ConsentDecision, Intake, Lang, TicketReason } from './domain.ts';

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
  /** Consent withdrawn: erase the person's personal data (contact, intake). */
  | { type: 'data.erase' };
