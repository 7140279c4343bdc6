/**
 * Handlers of the tickets API (endpoints in ticketEndpoints.ts; the policy guards run first).
 *
 * - Reading a ticket (it may carry the person's intake, and notes about them), claiming,
 *   noting and closing are written to the staff audit log, with ids and codes only: never a
 *   note's text. The queue is not audited: it holds no personal data and is polled.
 * - Tickets with reason `psea` do not exist here. The dialog opens none today, but a ticket
 *   telling operators that someone reported abuse would break the seal (only psea_focal may
 *   know a report exists), so any such ticket is left out of the queue and answered 404.
 * - Answers go through sendJson: a note or an intake value comes back as escaped JSON.
 * - The transcript is not part of a ticket yet: conversations keep no message history to show
 *   (it comes with live handoff). There is deliberately no `transcript` field, rather than an
 *   empty one that would read as "the person said nothing".
 */
import type { Request, Response } from 'express';
import type { Ticket, TicketNote } from '../../core/domain.ts';
import type { AuditEntry } from '../../core/staff.ts';
import { can } from '../../staff/policy.ts';
import type { Store, TicketChange } from '../../store/ports.ts';
import { HttpError } from '../errors.ts';
import { sendJson } from './cases.ts';
import * as s from './schemas.ts';
import { callerOf } from './session.ts';
import * as t from './ticketSchemas.ts';

type Handler = (req: Request, res: Response) => Promise<void>;
type Audit = (actor: string, action: string, target?: string, details?: AuditEntry['details']) => Promise<void>;

export interface TicketHandlerDeps {
  store: Store;
  now: () => number;
  audit: Audit;
}

const iso = (ms: number) => new Date(ms).toISOString();

function noSuchTicket(): HttpError {
  return new HttpError(404, 'NotFound', 'No such ticket.');
}

/** See the file comment: PSEA stays sealed. */
function visible(ticket: Ticket | null): ticket is Ticket {
  return ticket !== null && ticket.reason !== 'psea';
}

/** The contact key (a phone number on WhatsApp) stays out, as in cases: reaching the person
 * will go through the ticket, never around it. Notes only where asked for. */
function ticketView(ticket: Ticket): Record<string, unknown> {
  const { contactKey: _contactKey, notes: _notes, createdAt, updatedAt, claimedAt, closedAt, ...rest } = ticket;
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
  return { ...ticketView(ticket), notes: (ticket.notes ?? []).map(noteView) };
}

/** A ref that cannot exist is answered like one that does not. */
function refOf(req: Request): string {
  const params = t.TicketRefParams.safeParse(req.params);
  if (!params.success) throw noSuchTicket();
  return params.data.ref;
}

function refused(change: Exclude<TicketChange, { ok: true }>): HttpError {
  if (change.reason === 'not_found') return noSuchTicket();
  if (change.reason === 'closed') return new HttpError(409, 'TicketClosed', 'This ticket is closed.');
  return new HttpError(409, 'AlreadyClaimed', 'Another staff member has claimed this ticket.');
}

export function createTicketHandlers(deps: TicketHandlerDeps) {
  const { store, now, audit } = deps;

  /** The ticket behind the ref, or 404; checked before any change so PSEA tickets stay untouched. */
  async function visibleTicket(ref: string): Promise<Ticket> {
    const ticket = await store.tickets.get(ref);
    if (!visible(ticket)) throw noSuchTicket();
    return ticket;
  }

  const listTickets: Handler = async (req, res) => {
    const query = s.parse(t.TicketsQuery, req.query, 'query');
    const at = now();
    const tickets = (await store.tickets.list(query.status ? { status: query.status } : {})).filter(visible);
    sendJson(res, 200, {
      tickets: tickets.map((ticket) => ({ ...ticketView(ticket), ...(ticket.status === 'open' && { waitingMs: Math.max(0, at - ticket.createdAt) }) })),
    });
  };

  const getTicket: Handler = async (req, res) => {
    const ticket = await visibleTicket(refOf(req));
    const contact = await store.contacts.get(ticket.contactKey);
    // Only while consent stands: a withdrawn consent erases the contact, but check the
    // decision too rather than trust that erasure already ran.
    const intake = contact?.consent === 'accepted' && contact.intake ? contact.intake : null;
    // Written before answering: the read of personal data leaves a trace even if the answer is lost.
    await audit(callerOf(req).account.id, 'tickets.read', ticket.ref, { intake: intake !== null });
    sendJson(res, 200, { ticket: withNotes(ticket), intake });
  };

  const claimTicket: Handler = async (req, res) => {
    const ref = refOf(req);
    s.parse(t.ClaimBody, req.body);
    await visibleTicket(ref);
    const actor = callerOf(req).account.id;
    const change = await store.tickets.claim(ref, actor, now());
    if (!change.ok) throw refused(change);
    await audit(actor, 'tickets.claim', ref);
    sendJson(res, 200, { ticket: withNotes(change.ticket) });
  };

  const addTicketNote: Handler = async (req, res) => {
    const ref = refOf(req);
    const body = s.parse(t.NoteBody, req.body);
    await visibleTicket(ref);
    const actor = callerOf(req).account.id;
    const ticket = await store.tickets.addNote(ref, { staffId: actor, text: body.text, at: now() });
    if (!ticket) throw noSuchTicket();
    // The note may describe the person: the log keeps only that one was written.
    await audit(actor, 'tickets.note', ref);
    sendJson(res, 201, { ticket: withNotes(ticket) });
  };

  const closeTicket: Handler = async (req, res) => {
    const ref = refOf(req);
    const body = s.parse(t.CloseBody, req.body);
    const ticket = await visibleTicket(ref);
    const { id: actor, roles } = callerOf(req).account;
    if (ticket.status === 'claimed' && ticket.claimedBy !== actor && !can(roles, 'tickets.closeOthers')) {
      throw new HttpError(403, 'ClaimedByAnother', 'Only the staff member who claimed this ticket, or a supervisor, may close it.');
    }
    const change = await store.tickets.close(ref, actor, body.outcome, now());
    if (!change.ok) throw refused(change);
    await audit(actor, 'tickets.close', ref, { outcome: body.outcome });
    sendJson(res, 200, { ticket: withNotes(change.ticket) });
  };

  return { listTickets, getTicket, claimTicket, addTicketNote, closeTicket };
}
