/**
 * Finding the ticket a request names, the same way for every endpoint under a ticket: a ref
 * that does not exist and a PSEA ticket answer the same 404 as a ref that cannot exist (the
 * router's, from the endpoint table): only psea_focal may know a report exists, and the
 * dialog opens no PSEA tickets anyway.
 */
import type { Ticket } from '../../core/domain.ts';
import type { StaffAccount } from '../../core/staff.ts';
import { can } from '../../staff/policy.ts';
import type { Store } from '../../store/ports.ts';
import { HttpError } from '../errors.ts';

export function noSuchTicket(): HttpError {
  return new HttpError(404, 'NotFound', 'No such ticket.');
}

/** PSEA stays sealed: such a ticket is left out of every list and answer. */
export function isVisible(ticket: Ticket | null): ticket is Ticket {
  return ticket !== null && ticket.reason !== 'psea';
}

/** The visible ticket under `ref`, or null. */
export async function findVisibleTicket(store: Store, ref: string): Promise<Ticket | null> {
  const ticket = await store.tickets.get(ref);
  return isVisible(ticket) ? ticket : null;
}

/** Whether `account` may read a ticket's personal data and act on it: while it is claimed, its
 * holder and supervisors only (issue 10, finding 4). */
export function mayHandle(ticket: Ticket, account: Pick<StaffAccount, 'id' | 'roles'>): boolean {
  return ticket.status !== 'claimed' || ticket.claimedBy === account.id || can(account.roles, 'tickets.othersData');
}

/** A 403 for someone who may not act on a ticket another holds. */
export function heldByAnother(): HttpError {
  return new HttpError(403, 'ClaimedByAnother', 'Another staff member holds this ticket: only they and supervisors see and handle its data.');
}

/** The visible ticket under `ref`, or a 404; checked before any change, so PSEA tickets stay untouched. */
export async function visibleTicket(store: Store, ref: string): Promise<Ticket> {
  const ticket = await findVisibleTicket(store, ref);
  if (!ticket) throw noSuchTicket();
  return ticket;
}
