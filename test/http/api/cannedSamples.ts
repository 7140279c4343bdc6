/**
 * Sample requests of the canned responses endpoints for the role × endpoint walk, and the
 * responses they act on. Deleting succeeds once per response, so each call takes the next one.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../../../src/store/ports.ts';

/** Calls per endpoint in the walk: one without a token plus one per role, with room to spare. */
const SPARE = 16;
const at = Date.UTC(2026, 0, 10, 11);
const SAMPLE_RESPONSE = randomUUID();
const deletable = Array.from({ length: SPARE }, () => randomUUID());

export async function seedCannedSamples(store: Store): Promise<void> {
  for (const id of [SAMPLE_RESPONSE, ...deletable]) {
    await store.cannedResponses.create({ id, lang: 'es', title: 'Horario', text: 'Atendemos de lunes a viernes.', createdBy: 'system', createdAt: at, updatedAt: at });
  }
}

let deletes = 0;
export const CANNED_SAMPLES = {
  listCannedResponses: () => ({ path: '/api/canned-responses' }),
  createCannedResponse: () => ({ path: '/api/canned-responses', body: { lang: 'en', title: 'Hours', text: 'We answer Monday to Friday.' } }),
  updateCannedResponse: () => ({ path: `/api/canned-responses/${SAMPLE_RESPONSE}`, body: { title: 'Horario de atención' } }),
  deleteCannedResponse: () => ({ path: `/api/canned-responses/${deletable[deletes++ % SPARE]}` }),
};
