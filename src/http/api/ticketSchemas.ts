/** Shapes of the tickets API (validate at the edge and generate the OpenAPI document, like schemas.ts). */
import { z } from 'zod';
import { TICKET_OUTCOMES, TICKET_STATUSES } from '../../core/domain.ts';
import { IntakeRecord, TicketNoteRecord, TicketRatingRecord, TicketRecord } from '../../core/records.ts';
import { viewOf } from './views.ts';

/** References are short (`K7P-4QM`); anything else cannot name a ticket, so it is a 404. */
export const TicketRefParams = z.strictObject({ ref: z.string().regex(/^[0-9A-Za-z-]{1,32}$/) });
export const TicketsQuery = z.strictObject({ status: z.enum(TICKET_STATUSES).optional().describe('Omit for every ticket.') });
/** Claiming takes no input; a body, if sent, must be empty so a confused client is told. */
export const ClaimBody = z.strictObject({});
export const NoteBody = z.strictObject({ text: z.string().trim().min(1).max(2000).describe('Internal: never shown to the person.') });
/** What an operator writes to the person: plain text (channels render it as text, never markup). */
export const MessageBody = z.strictObject({ text: z.string().trim().min(1).max(2000).describe("Sent to the person on their channel, as plain text, and kept in the ticket's transcript.") });
export const CloseBody = z.strictObject({
  outcome: z.enum(TICKET_OUTCOMES).describe('resolved: helped; referred: handed to a partner; no_response: the person did not answer; duplicate: another ticket covers it; other: say why in a note.'),
});

const AsText = 'Render as text, never as HTML.';
const Note = viewOf(TicketNoteRecord).extend({ text: z.string().describe(AsText) });

export const TicketView = viewOf(TicketRecord, ['contactKey', 'notes', 'rating']).extend({
  // Reports are never tickets staff list: the PSEA path files a sealed report instead.
  reason: z.enum(['handoff', 'intake', 'safety']),
  claimedBy: z.string().optional().describe('Staff id of the holder.'),
});
export const QueueItem = TicketView.extend({ waitingMs: z.number().int().optional().describe('Open tickets only: how long the person has waited.') });
export const TicketsAnswer = z.object({ tickets: z.array(QueueItem).describe('Oldest first.') });
const Rating = viewOf(TicketRatingRecord).extend({ comment: z.string().optional().describe(AsText) });
const TicketWithNotes = TicketView.extend({ notes: z.array(Note), rating: Rating.optional().describe("The person's satisfaction answer after talking to an operator.") });
export const Line = z.object({
  id: z.string(),
  from: z.enum(['person', 'bot', 'operator']),
  text: z.string().describe('Render as text, never as HTML.'),
  at: z.iso.datetime(),
  staffId: z.string().optional().describe('Operator lines: who wrote it.'),
});
export const TicketAnswer = z.object({ ticket: TicketWithNotes });
export const TicketDetailAnswer = z.object({
  ticket: TicketWithNotes,
  intake: IntakeRecord.nullable().describe('What the person registered, only while their consent stands; null otherwise.'),
  transcript: z.array(Line).describe('The conversation from consent onwards (newest 500 lines), oldest first. PSEA steps are never in it.'),
});
export const MessageAnswer = z.object({
  line: Line,
  delivered: z.boolean().describe("False when the person's channel did not take it now: it is sent again with their next message."),
});
