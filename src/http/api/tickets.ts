/**
 * Handlers of the tickets API (endpoints in ticketEndpoints.ts; the policy guards run first).
 *
 * - Reading a ticket (it may carry the person's intake, and notes about them), claiming,
 *   noting and closing are written to the staff audit log, with ids and codes only: never a
 *   note's text. The queue is not audited: it holds no personal data and is polled.
 * - Tickets with reason `psea` do not exist here. The dialog opens none today, but a ticket
 *   telling operators that someone reported abuse would break the seal (only psea_focal may
 *   know a report exists), so any such ticket is left out of the queue and answered 404.
 * - Answers go through sendJson: a note, a line or an intake value comes back as escaped JSON.
 * - Live handoff: claiming tells the person's dialog an operator joined (their messages then
 *   come to the ticket's transcript, pushed to the console), closing tells it the ticket is
 *   closed (it asks the person how it went). The change in the store is what counts: if the
 *   person cannot be told (their conversation is gone), the claim or close still stands.
 * - Only the holder writes to the person: two operators answering one person at once would
 *   confuse them, and a supervisor takes over by closing or (later) reassigning.
 */
import type { Request, Response } from 'express';
import type { Ticket, TicketNote } from '../../core/domain.ts';
import type { Logger } from '../../log/logger.ts';
import { PersonUnreachableError, type PersonLink, type TicketChangeEvent } from '../../helpdesk/personLink.ts';
import { lineView, type LiveEvents, staffLineId } from '../../staff/liveEvents.ts';
import type { AuditEntry } from '../../core/staff.ts';
import { can } from '../../staff/policy.ts';
import type { Store, TicketChange } from '../../store/ports.ts';
import { HttpError } from '../errors.ts';
import { sendJson } from './json.ts';
import { callerOf } from './session.ts';
import { heldByAnother, isVisible, mayHandle, noSuchTicket, visibleTicket } from './ticketAccess.ts';
import { inputOf } from './input.ts';

type Handler = (req: Request, res: Response) => Promise<void>;
type Audit = (actor: string, action: string, target?: string, details?: AuditEntry['details']) => Promise<void>;

export interface TicketHandlerDeps {
  store: Store;
  now: () => number;
  audit: Audit;
  person: PersonLink;
  events: LiveEvents;
  log: Logger;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The contact key (a phone number on WhatsApp) stays out, as in cases: reaching the person
 * will go through the ticket, never around it. Notes only where asked for. */
function ticketView(ticket: Ticket): Record<string, unknown> {
  const { contactKey: _contactKey, notes: _notes, rating: _rating, createdAt, updatedAt, claimedAt, closedAt, ...rest } = ticket;
  return {
    ...rest,
    createdAt: iso(createdAt),
    updatedAt: iso(updatedAt),
    ...(claimedAt !== undefined && { claimedAt: iso(claimedAt) }),
    ...(closedAt !== undefined && { closedAt: iso(closedAt) }),
  };
}
function noteView(note: TicketNote): Record<string, unknown> {
  return { staffId: note.staffId, text: note.text, at: iso(note.at) };
}
function withNotes(ticket: Ticket): Record<string, unknown> {
  const rating = ticket.rating && { ...ticket.rating, at: iso(ticket.rating.at) };
  return { ...ticketView(ticket), notes: (ticket.notes ?? []).map(noteView), ...(rating && { rating }) };
}

function refused(change: Exclude<TicketChange, { ok: true }>): HttpError {
  if (change.reason === 'not_found') return noSuchTicket();
  if (change.reason === 'closed') return new HttpError(409, 'TicketClosed', 'This ticket is closed.');
  return new HttpError(409, 'AlreadyClaimed', 'Another staff member has claimed this ticket.');
}

export function createTicketHandlers(deps: TicketHandlerDeps) {
  const { store, now, audit, person, events, log } = deps;

  /** Consoles hear of the claim or close first (the holder then gets the lines that follow),
   * then the person; the change stands even if they cannot be told. */
  async function announce(ticket: Ticket, change: TicketChangeEvent): Promise<void> {
    events.publish({ type: 'ticket', ref: ticket.ref, status: ticket.status, ...(ticket.status === 'claimed' && ticket.claimedBy !== undefined && { claimedBy: ticket.claimedBy }) });
    try {
      await person.ticketChanged(ticket, change);
    } catch (err) {
      log.warn({ ticket: ticket.ref, change, err: err instanceof Error ? err.name : 'unknown' }, 'could not tell the person about their ticket');
    }
  }

  const listTickets: Handler = async (_req, res) => {
    const { query } = inputOf(res, 'listTickets');
    const at = now();
    const tickets = (await store.tickets.list(query.status ? { status: query.status } : {})).filter(isVisible);
    sendJson(res, 200, {
      tickets: tickets.map((ticket) => ({ ...ticketView(ticket), ...(ticket.status === 'open' && { waitingMs: Math.max(0, at - ticket.createdAt) }) })),
    });
  };

  const getTicket: Handler = async (req, res) => {
    const ticket = await visibleTicket(store, inputOf(res, 'getTicket').params.ref);
    // Someone else holds it: the queue entry only, nothing of the person (and nothing to audit).
    if (!mayHandle(ticket, callerOf(req).account)) return sendJson(res, 200, { ticket: { ...ticketView(ticket), notes: [] }, intake: null, transcript: [] });
    const contact = await store.contacts.get(ticket.contactKey);
    // Only while consent stands: a withdrawn consent erases the contact, but check the
    // decision too rather than trust that erasure already ran.
    const consented = contact?.consent === 'accepted';
    const intake = consented && contact.intake ? contact.intake : null;
    const transcript = consented ? (await store.transcripts.list(ticket.contactKey)).map(lineView) : [];
    // Written before answering: the read of personal data leaves a trace even if the answer is lost.
    await audit(callerOf(req).account.id, 'tickets.read', ticket.ref, { intake: intake !== null, lines: transcript.length });
    sendJson(res, 200, { ticket: withNotes(ticket), intake, transcript });
  };

  const claimTicket: Handler = async (req, res) => {
    const ref = inputOf(res, 'claimTicket').params.ref;
    await visibleTicket(store, ref);
    const actor = callerOf(req).account.id;
    const change = await store.tickets.claim(ref, actor, now());
    if (!change.ok) throw refused(change);
    await audit(actor, 'tickets.claim', ref);
    await announce(change.ticket, 'claimed');
    sendJson(res, 200, { ticket: withNotes(change.ticket) });
  };

  const sendTicketMessage: Handler = async (req, res) => {
    const {
      params: { ref },
      body,
    } = inputOf(res, 'sendTicketMessage');
    const ticket = await visibleTicket(store, ref);
    const actor = callerOf(req).account.id;
    if (ticket.status === 'closed') throw new HttpError(409, 'TicketClosed', 'This ticket is closed.');
    if (ticket.status === 'open') throw new HttpError(409, 'NotClaimed', 'Claim this ticket before writing to the person.');
    if (ticket.claimedBy !== actor) throw new HttpError(409, 'ClaimedByAnother', 'Another staff member holds this ticket.');
    let sent: { id: string; delivered: boolean };
    try {
      sent = await person.say(ticket, body.text, actor);
    } catch (err) {
      if (err instanceof PersonUnreachableError) throw new HttpError(409, 'PersonUnreachable', 'The person cannot be reached: their conversation is gone, or their channel is not running.');
      throw err;
    }
    // The text may describe the person: the log keeps only that a message was sent.
    await audit(actor, 'tickets.message', ref, { delivered: sent.delivered });
    sendJson(res, 201, { line: { id: staffLineId(sent.id), from: 'operator', text: body.text, at: iso(now()), staffId: actor }, delivered: sent.delivered });
  };

  const addTicketNote: Handler = async (req, res) => {
    const {
      params: { ref },
      body,
    } = inputOf(res, 'addTicketNote');
    if (!mayHandle(await visibleTicket(store, ref), callerOf(req).account)) throw heldByAnother();
    const actor = callerOf(req).account.id;
    const ticket = await store.tickets.addNote(ref, { staffId: actor, text: body.text, at: now() });
    if (!ticket) throw noSuchTicket();
    // The note may describe the person: the log keeps only that one was written.
    await audit(actor, 'tickets.note', ref);
    sendJson(res, 201, { ticket: withNotes(ticket) });
  };

  const closeTicket: Handler = async (req, res) => {
    const {
      params: { ref },
      body,
    } = inputOf(res, 'closeTicket');
    const ticket = await visibleTicket(store, ref);
    const { id: actor, roles } = callerOf(req).account;
    if (ticket.status === 'claimed' && ticket.claimedBy !== actor && !can(roles, 'tickets.closeOthers')) {
      throw new HttpError(403, 'ClaimedByAnother', 'Only the staff member who claimed this ticket, or a supervisor, may close it.');
    }
    const change = await store.tickets.close(ref, actor, body.outcome, now());
    if (!change.ok) throw refused(change);
    await audit(actor, 'tickets.close', ref, { outcome: body.outcome });
    await announce(change.ticket, 'closed');
    sendJson(res, 200, { ticket: withNotes(change.ticket) });
  };

  return { listTickets, getTicket, claimTicket, sendTicketMessage, addTicketNote, closeTicket };
}
