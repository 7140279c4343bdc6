/**
 * Finding the ticket a request names, the same way for every endpoint under a ticket: a ref
 * that cannot exist, one that does not, and a PSEA ticket all answer the same 404 (only
 * psea_focal may know a report exists, and the dialog opens no PSEA tickets anyway).
 */
import type { Request } from 'express';
import type { Ticket } from '../../core/domain.ts';
import type { Store } from '../../store/ports.ts';
import { HttpError } from '../errors.ts';
import { TicketRefParams } from './ticketSchemas.ts';

export function noSuchTicket(): HttpError {
  return new HttpError(404, 'NotFound', 'No such ticket.');
}

/** PSEA stays sealed: such a ticket is left out of every list and answer. */
export function isVisible(ticket: Ticket | null): ticket is Ticket {
  return ticket !== null && ticket.reason !== 'psea';
}

/** The `{ref}` of the path; a ref that cannot exist is answered like one that does not. */
export function ticketRefOf(req: Request): string {
  const params = TicketRefParams.safeParse(req.params);
  if (!params.success) throw noSuchTicket();
  return params.data.ref;
}

/** The visible ticket under `ref`, or null. */
export async function findVisibleTicket(store: Store, ref: string): Promise<Ticket | null> {
  const ticket = await store.tickets.get(ref);
  return isVisible(ticket) ? ticket : null;
}

/** The visible ticket under `ref`, or a 404; checked before any change, so PSEA tickets stay untouched. */
export async function visibleTicket(store: Store, ref: string): Promise<Ticket> {
  const ticket = await findVisibleTicket(store, ref);
  if (!ticket) throw noSuchTicket();
  return ticket;
}
