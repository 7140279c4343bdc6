/**
 * Sample requests of the partners and referrals endpoints for the role × endpoint walk, and the
 * ticket and referrals they act on. A referral moves from `sent` once, so each call takes the
 * next one. The ticket's person has no conversation: referring still succeeds (personTold false).
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../../../src/store/ports.ts';

const SAMPLE_TICKET = 'RFT-000';
/** Calls per endpoint in the walk: one without a token plus one per role, with room to spare. */
const SPARE = 16;
const at = Date.UTC(2026, 0, 10, 11);
const sent = Array.from({ length: SPARE }, () => randomUUID());

export async function seedReferralSamples(store: Store): Promise<void> {
  const contactKey = `test:${SAMPLE_TICKET}`;
  await store.tickets.open({ ref: SAMPLE_TICKET, contactKey, channel: 'test', reason: 'handoff', status: 'open', lang: 'es', createdAt: at, updatedAt: at });
  for (const id of sent) {
    await store.referrals.create({
      id,
      ticketRef: SAMPLE_TICKET,
      contactKey,
      partnerId: 'oim',
      status: 'sent',
      createdBy: 'system',
      createdAt: at,
      updatedAt: at,
      history: [{ status: 'sent', by: 'system', at }],
    });
  }
}

let updates = 0;
export const REFERRAL_SAMPLES = {
  listPartners: () => ({ path: '/api/partners?service=health' }),
  createReferral: () => ({ path: `/api/tickets/${SAMPLE_TICKET}/referrals`, body: { partnerId: 'unicef', service: 'health', note: 'Vacunas del bebé' } }),
  listReferrals: () => ({ path: `/api/tickets/${SAMPLE_TICKET}/referrals` }),
  updateReferral: () => ({ path: `/api/referrals/${sent[updates++ % SPARE]}`, body: { status: 'accepted' } }),
};
