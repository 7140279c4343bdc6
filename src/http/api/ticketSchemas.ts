/** Shapes of the tickets API (validate at the edge and generate the OpenAPI document, like schemas.ts). */
import { z } from 'zod';
import { LANGUAGES, TICKET_OUTCOMES, TICKET_STATUSES } from '../../core/domain.ts';

/** References are short (`K7P-4QM`); anything else cannot name a ticket, so it is a 404. */
export const TicketRefParams = z.strictObject({ ref: z.string().regex(/^[0-9A-Za-z-]{1,32}$/) });
export const TicketsQuery = z.strictObject({ status: z.enum(TICKET_STATUSES).optional().describe('Omit for every ticket.') });
/** Claiming takes no input; a body, if sent, must be empty so a confused client is told. */
export const ClaimBody = z.strictObject({});
export const NoteBody = z.strictObject({ text: z.string().trim().min(1).max(2000).describe('Internal: never shown to the person.') });
export const CloseBody = z.strictObject({
  outcome: z
    .enum(TICKET_OUTCOMES)
    .describe('resolved: helped; referred: handed to a partner; no_response: the person did not answer; duplicate: another ticket covers it; other: say why in a note.'),
});

const Note = z.object({ staffId: z.string(), text: z.string().describe('Render as text, never as HTML.'), at: z.iso.datetime() });

export const TicketView = z.object({
  ref: z.string(),
  channel: z.string(),
  reason: z.enum(['handoff', 'intake', 'safety']),
  status: z.enum(TICKET_STATUSES),
  lang: z.enum(LANGUAGES),
  topic: z.string().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  claimedBy: z.string().optional().describe('Staff id of the holder.'),
  claimedAt: z.iso.datetime().optional(),
  closedBy: z.string().optional(),
  closedAt: z.iso.datetime().optional(),
  outcome: z.enum(TICKET_OUTCOMES).optional(),
});
export const QueueItem = TicketView.extend({ waitingMs: z.number().int().optional().describe('Open tickets only: how long the person has waited.') });
export const TicketsAnswer = z.object({ tickets: z.array(QueueItem).describe('Oldest first.') });
const Intake = z.object({
  ageGroup: z.string().optional(),
  gender: z.string().optional(),
  nationality: z.string().optional(),
  region: z.string().optional(),
  householdSize: z.string().optional(),
  needs: z.array(z.string()).optional(),
  contact: z.string().optional(),
});
export const TicketAnswer = z.object({ ticket: TicketView.extend({ notes: z.array(Note) }) });
export const TicketDetailAnswer = z.object({
  ticket: TicketView.extend({ notes: z.array(Note) }),
  intake: Intake.nullable().describe('What the person registered, only while their consent stands; null otherwise.'),
});
