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

/** `chat` starts the person's conversation on the `test` channel (a message needs someone to reach). */
export async function seedTicketSamples(store: Store, chat: (conversationId: string, text: string) => Promise<unknown>): Promise<void> {
  await store.tickets.open(ticket(SAMPLE_TICKET));
  for (let i = 0; i < SPARE; i++) {
    await store.tickets.open(ticket(`TKC-${i}`));
    await store.tickets.open(ticket(`TKX-${i}`));
    await store.tickets.open(ticket(`TKM-${i}`));
    await chat(`TKM-${i}`, 'hola');
  }
}

let claims = 0;
let closes = 0;
let messages = 0;
export const TICKET_SAMPLES = {
  listTickets: () => ({ path: '/api/tickets?status=open' }),
  getTicket: () => ({ path: `/api/tickets/${SAMPLE_TICKET}` }),
  claimTicket: () => ({ path: `/api/tickets/TKC-${claims++ % SPARE}/claim` }),
  // Only the holder writes to the person: the caller claims a ticket of its own first.
  sendTicketMessage: () => {
    const ref = `TKM-${messages++ % SPARE}`;
    return { path: `/api/tickets/${ref}/messages`, body: { text: 'Hola, te escribe el equipo.' }, setup: `/api/tickets/${ref}/claim` };
  },
  addTicketNote: () => ({ path: `/api/tickets/${SAMPLE_TICKET}/notes`, body: { text: 'Volver a llamar el lunes' } }),
  closeTicket: () => ({ path: `/api/tickets/TKX-${closes++ % SPARE}/close`, body: { outcome: 'resolved' } }),
};
