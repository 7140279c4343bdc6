/**
 * Handlers of the cases API (endpoints in caseEndpoints.ts; the SEALED PSEA reports are
 * psea.ts's, which has no way to the staff audit log). Reading a case (it holds a person's
 * words) and changing one are written to the staff audit log, with ids and counts only;
 * answers go out through json.ts.
 */
import type { Request, Response } from 'express';
import type { Case, CaseStatus, CaseType } from '../../core/domain.ts';
import type { AuditEntry } from '../../core/staff.ts';
import { can, type Permission } from '../../staff/policy.ts';
import type { Store } from '../../store/ports.ts';
import { HttpError } from '../errors.ts';
import { callerOf } from './session.ts';
import { inputOf } from './input.ts';
import { iso, sendJson } from './json.ts';
import type { PseaHandlers } from './psea.ts';

type Handler = (req: Request, res: Response) => Promise<void>;
type Audit = (actor: string, action: string, target?: string, details?: AuditEntry['details']) => Promise<void>;

export interface CaseHandlerDeps {
  store: Store;
  now: () => number;
  /** The staff audit log (admin-readable). Never given anything about PSEA reports. */
  audit: Audit;
  /** `GET /api/cases?type=psea` is answered by the sealed module (psea.ts). */
  psea: Pick<PseaHandlers, 'listReports'>;
}

const FEEDBACK_TYPES: readonly CaseType[] = ['suggestion', 'compliment'];

function permissionFor(type: CaseType): Permission {
  return type === 'complaint' ? 'cases.complaint' : 'cases.feedback';
}

/** Contact keys (a phone number on WhatsApp) stay out: a case is handled, not a way to reach someone. */
function caseView(record: Case): Record<string, unknown> {
  const { contactKey: _contactKey, createdAt, updatedAt, ...rest } = record;
  return { ...rest, createdAt: iso(createdAt), updatedAt: iso(updatedAt) };
}

function noSuchCase(): HttpError {
  return new HttpError(404, 'NotFound', 'No such case.');
}

export function createCaseHandlers(deps: CaseHandlerDeps) {
  const { store, now, audit, psea } = deps;

  /** A case the caller's role may handle, else 404: a complaint-only role learns nothing of feedback refs. */
  async function readableCase(req: Request, ref: string): Promise<Case> {
    const found = await store.cases.get(ref);
    if (!found || !can(callerOf(req).account.roles, permissionFor(found.type))) throw noSuchCase();
    return found;
  }

  const listCases: Handler = async (req, res) => {
    const { query } = inputOf(res, 'listCases');
    const actor = callerOf(req).account.id;
    // Guarded: only psea_focal gets here (requireQueryPermission); the sealed module answers.
    if (query.type === 'psea') return psea.listReports(actor, query.status, res);
    const filter = (status: CaseStatus | undefined) => (status === undefined ? {} : { status });
    const cases =
      query.type === 'complaint'
        ? await store.cases.list({ type: 'complaint', ...filter(query.status) })
        : (await store.cases.list(filter(query.status))).filter((record) => FEEDBACK_TYPES.includes(record.type));
    await audit(actor, 'cases.list', undefined, { type: query.type, count: cases.length, ...(query.status ? { status: query.status } : {}) });
    sendJson(res, 200, { cases: cases.map(caseView) });
  };

  const getCase: Handler = async (req, res) => {
    const found = await readableCase(req, inputOf(res, 'getCase').params.ref);
    await audit(callerOf(req).account.id, 'cases.read', found.ref, { type: found.type });
    sendJson(res, 200, { case: caseView(found) });
  };

  const setCaseStatus: Handler = async (req, res) => {
    const {
      params: { ref },
      body,
    } = inputOf(res, 'setCaseStatus');
    await readableCase(req, ref);
    const updated = await store.cases.setStatus(ref, body.status, body.outcome, now());
    if (!updated) throw noSuchCase();
    // The outcome is free text: the audit log keeps only that one was recorded.
    await audit(callerOf(req).account.id, 'cases.status', ref, { status: body.status, outcome: body.outcome !== undefined });
    sendJson(res, 200, { case: caseView(updated) });
  };

  return { listCases, getCase, setCaseStatus };
}
