/**
 * Sample requests of the tickets endpoints for the role × endpoint walk, and the tickets they
 * act on. Claiming and closing succeed once per ticket, so each call takes the next seeded one.
 */
import type { Ticket } from '../../../src/core/domain.ts';
import type { Store } from '../../../src/store/ports.ts';

export const SAMPLE_TICKET = 'TKT-000';
/** Calls per endpoint in the walk: one without a token plus one per role, with room to spare. */
const SPARE = 16;
const at = Date.UTC(2026, 0, 10, 11);

function ticket(ref: string): Ticket {
  return { ref, contactKey: `test:${ref}`, channel: 'test', reason: 'handoff', status: 'open', lang: 'es', createdAt: at, updatedAt: at };
}

export async function seedTicketSamples(store: Store): Promise<void> {
  await store.tickets.open(ticket(SAMPLE_TICKET));
  for (let i = 0; i < SPARE; i++) {
    await store.tickets.open(ticket(`TKC-${i}`));
    await store.tickets.open(ticket(`TKX-${i}`));
  }
}

let claims = 0;
let closes = 0;
export const TICKET_SAMPLES = {
  listTickets: () => ({ path: '/api/tickets?status=open' }),
  getTicket: () => ({ path: `/api/tickets/${SAMPLE_TICKET}` }),
  claimTicket: () => ({ path: `/api/tickets/TKC-${claims++ % SPARE}/claim` }),
  addTicketNote: () => ({ path: `/api/tickets/${SAMPLE_TICKET}/notes`, body: { text: 'Volver a llamar el lunes' } }),
  closeTicket: () => ({ path: `/api/tickets/TKX-${closes++ % SPARE}/close`, body: { outcome: 'resolved' } }),
};
