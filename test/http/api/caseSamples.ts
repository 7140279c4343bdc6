/** Sample requests of the cases and PSEA report endpoints for the role × endpoint walk, and the records they act on. */
import type { Store } from '../../../src/store/ports.ts';

export const SAMPLE_CASE = 'CAS-001';
export const SAMPLE_REPORT = 'PSE-001';
/** A report whose person asked to be contacted in the chat (their conversation is on `test`). */
export const SAMPLE_CHAT_REPORT = 'PSE-002';
const at = Date.UTC(2026, 0, 10, 11);

/** `chat` starts the person's conversation on the `test` channel (a message needs someone to reach). */
export async function seedCaseSamples(store: Store, chat?: (conversationId: string, text: string) => Promise<unknown>): Promise<void> {
  await store.cases.open({ ref: SAMPLE_CASE, type: 'complaint', contactKey: 'test:c', channel: 'test', lang: 'es', text: 'no me atendieron', status: 'open', createdAt: at, updatedAt: at });
  await store.pseaReports.file({ code: SAMPLE_REPORT, text: 'me pidieron fotos', contact: 'anonymous', lang: 'es', status: 'open', createdAt: at, updatedAt: at });
  await store.pseaReports.file({
    code: SAMPLE_CHAT_REPORT,
    text: 'me pidieron fotos',
    contact: 'this_chat',
    contactKey: 'test:psea-chat',
    channel: 'test',
    lang: 'es',
    status: 'open',
    createdAt: at,
    updatedAt: at,
  });
  await chat?.('psea-chat', 'hola');
}

/** The `type` of GET /api/cases is added by the walk, once per value. */
export const CASE_SAMPLES = {
  listCases: () => ({ path: '/api/cases' }),
  getCase: () => ({ path: `/api/cases/${SAMPLE_CASE}` }),
  setCaseStatus: () => ({ path: `/api/cases/${SAMPLE_CASE}/status`, body: { status: 'in_progress', outcome: 'Llamamos al comedor' } }),
  getPseaReport: () => ({ path: `/api/psea-reports/${SAMPLE_REPORT}` }),
  setPseaReportStatus: () => ({ path: `/api/psea-reports/${SAMPLE_REPORT}/status`, body: { status: 'in_progress' } }),
  sendPseaMessage: () => ({ path: `/api/psea-reports/${SAMPLE_CHAT_REPORT}/messages`, body: { text: 'Hola, soy la punto focal.' } }),
  listPseaAudit: () => ({ path: '/api/psea-audit?limit=5' }),
};
