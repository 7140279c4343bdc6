/** Sample requests of the cases and PSEA report endpoints for the role × endpoint walk, and the records they act on. */
import type { Store } from '../../../src/store/ports.ts';

export const SAMPLE_CASE = 'CAS-001';
export const SAMPLE_REPORT = 'PSE-001';
const at = Date.UTC(2026, 0, 10, 11);

export async function seedCaseSamples(store: Store): Promise<void> {
  await store.cases.open({ ref: SAMPLE_CASE, type: 'complaint', contactKey: 'test:c', channel: 'test', lang: 'es', text: 'no me atendieron', status: 'open', createdAt: at, updatedAt: at });
  await store.pseaReports.file({ code: SAMPLE_REPORT, text: 'me pidieron fotos', contact: 'anonymous', lang: 'es', status: 'open', createdAt: at, updatedAt: at });
}

/** The `type` of GET /api/cases is added by the walk, once per value. */
export const CASE_SAMPLES = {
  listCases: () => ({ path: '/api/cases' }),
  getCase: () => ({ path: `/api/cases/${SAMPLE_CASE}` }),
  setCaseStatus: () => ({ path: `/api/cases/${SAMPLE_CASE}/status`, body: { status: 'in_progress', outcome: 'Llamamos al comedor' } }),
  getPseaReport: () => ({ path: `/api/psea-reports/${SAMPLE_REPORT}` }),
  setPseaReportStatus: () => ({ path: `/api/psea-reports/${SAMPLE_REPORT}/status`, body: { status: 'in_progress' } }),
  listPseaAudit: () => ({ path: '/api/psea-audit?limit=5' }),
};
