/**
 * What a person may learn about a reference they typed (`K7P-4QM`), on any channel.
 * - A case (complaint, suggestion, compliment): its type and status to anyone holding the
 *   reference (people change phones and channels); the outcome staff wrote only to the person
 *   who filed it, since it may describe them.
 * - A ticket: its status only to its own person (tickets are tied to one conversation).
 * - Sealed PSEA reports are never looked up here: the follow-up code is for the focal point,
 *   and a different answer for a code would tell whoever typed it that a report exists.
 */
import type { ReferenceLookup } from '../core/dialog.ts';
import type { Store } from '../store/ports.ts';

export async function lookupReference(store: Store, ref: string, contactKey: string): Promise<ReferenceLookup> {
  const found = await store.cases.get(ref);
  if (found) {
    const mine = found.contactKey === contactKey;
    return { ref, found: 'case', type: found.type, status: found.status, mine, ...(mine && found.outcome !== undefined && { outcome: found.outcome }) };
  }
  const ticket = await store.tickets.get(ref);
  if (ticket && ticket.contactKey === contactKey && ticket.reason !== 'psea') return { ref, found: 'ticket', status: ticket.status, mine: true };
  return { ref, found: 'nothing' };
}
