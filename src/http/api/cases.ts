/**
 * Handlers of the cases API and the SEALED PSEA reports API (endpoints in caseEndpoints.ts;
 * the guards that keep reports to psea_focal run before these, see session.ts).
 *
 * - Reading a case (it holds a person's words) and changing one are written to the staff
 *   audit log, with ids and counts only.
 * - Everything about PSEA reports is written to the sealed trail (`store.pseaReports.audit`)
 *   and nowhere else: not the staff audit log an admin reads, not the application log.
 * - Answers are JSON with `<`, `>` and `&` written as \u escapes: what a person typed reaches a
 *   client intact but can never be read as markup, even by something that sniffs or
 *   concatenates the body into a page.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Case, CaseStatus, CaseType, PseaReport } from '../../core/domain.ts';
import type { AuditEntry } from '../../core/staff.ts';
import { can, type Permission } from '../../staff/policy.ts';
import type { AuditRepo, Store } from '../../store/ports.ts';
import { PersonUnreachableError, type PersonLink } from '../../helpdesk/personLink.ts';
import { HttpError } from '../errors.ts';
import { callerOf } from './session.ts';
import { inputOf } from './input.ts';

type Handler = (req: Request, res: Response) => Promise<void>;
type Audit = (actor: string, action: string, target?: string, details?: AuditEntry['details']) => Promise<void>;

export interface CaseHandlerDeps {
  store: Store;
  now: () => number;
  /** The staff audit log (admin-readable). Never given anything about PSEA reports. */
  audit: Audit;
  /** Reaches the person behind a report filed with "contact me in this chat". */
  person: PersonLink;
}

const FEEDBACK_TYPES: readonly CaseType[] = ['suggestion', 'compliment'];

function permissionFor(type: CaseType): Permission {
  return type === 'complaint' ? 'cases.complaint' : 'cases.feedback';
}

/** JSON that no browser can take for HTML; JSON.parse gives back the exact text. */
export function sendJson(res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  res.status(status).type('application/json').send(text);
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** Contact keys (a phone number on WhatsApp) stay out: a case is handled, not a way to reach someone. */
function caseView(record: Case): Record<string, unknown> {
  const { contactKey: _contactKey, createdAt, updatedAt, ...rest } = record;
  return { ...rest, createdAt: iso(createdAt), updatedAt: iso(updatedAt) };
}

/** The focal point may call back whoever asked for it; anonymous reports have nothing to show. */
function reportView(report: PseaReport): Record<string, unknown> {
  const { createdAt, updatedAt, messages, ...rest } = report;
  return { ...rest, createdAt: iso(createdAt), updatedAt: iso(updatedAt), ...(messages && { messages: messages.map((m) => ({ ...m, at: iso(m.at) })) }) };
}

function noSuchCase(): HttpError {
  return new HttpError(404, 'NotFound', 'No such case.');
}
function noSuchReport(): HttpError {
  return new HttpError(404, 'NotFound', 'No such report.');
}

export function createCaseHandlers(deps: CaseHandlerDeps) {
  const { store, now, audit, person } = deps;
  const sealed: AuditRepo = store.pseaReports.audit;
  const sealedAudit = async (actor: string, action: string, target?: string, details?: AuditEntry['details']) => {
    await sealed.append({ at: now(), actor, action, ...(target ? { target } : {}), ...(details ? { details } : {}) });
  };

  /** A case the caller's role may handle, else 404: a complaint-only role learns nothing of feedback refs. */
  async function readableCase(req: Request, ref: string): Promise<Case> {
    const found = await store.cases.get(ref);
    if (!found || !can(callerOf(req).account.roles, permissionFor(found.type))) throw noSuchCase();
    return found;
  }

  const listCases: Handler = async (req, res) => {
    const { query } = inputOf(res, 'listCases');
    const actor = callerOf(req).account.id;
    if (query.type === 'psea') {
      // Guarded: only psea_focal gets here (requireQueryPermission).
      const reports = (await store.pseaReports.list()).filter((r) => query.status === undefined || r.status === query.status);
      await sealedAudit(actor, 'psea.list', undefined, { count: reports.length, ...(query.status ? { status: query.status } : {}) });
      sendJson(res, 200, { reports: reports.map(reportView) });
      return;
    }
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

  const getPseaReport: Handler = async (req, res) => {
    const code = inputOf(res, 'getPseaReport').params.code;
    const report = await store.pseaReports.get(code);
    if (!report) throw noSuchReport();
    await sealedAudit(callerOf(req).account.id, 'psea.read', code);
    sendJson(res, 200, { report: reportView(report) });
  };

  const setPseaReportStatus: Handler = async (req, res) => {
    const {
      params: { code },
      body,
    } = inputOf(res, 'setPseaReportStatus');
    const updated = await store.pseaReports.setStatus(code, body.status, now());
    if (!updated) throw noSuchReport();
    await sealedAudit(callerOf(req).account.id, 'psea.status', code, { status: body.status });
    sendJson(res, 200, { report: reportView(updated) });
  };

  const sendPseaMessage: Handler = async (req, res) => {
    const {
      params: { code },
      body,
    } = inputOf(res, 'sendPseaMessage');
    const report = await store.pseaReports.get(code);
    if (!report) throw noSuchReport();
    if (report.contact !== 'this_chat' || !report.contactKey || !report.channel) {
      throw new HttpError(409, 'NoChatContact', 'The person did not ask to be contacted in the chat.');
    }
    const actor = callerOf(req).account.id;
    const message = { id: randomUUID(), from: 'focal_point' as const, text: body.text, at: now(), staffId: actor };
    try {
      await person.pseaMessage({ ...report, contactKey: report.contactKey, channel: report.channel }, body.text, message.id);
    } catch (err) {
      if (err instanceof PersonUnreachableError) throw new HttpError(409, 'PersonUnreachable', 'The person cannot be reached: their conversation is gone, or their channel is not running.');
      throw err;
    }
    const updated = await store.pseaReports.addMessage(code, message);
    await sealedAudit(actor, 'psea.message', code);
    sendJson(res, 201, { report: reportView(updated ?? report) });
  };

  const listPseaAudit: Handler = async (req, res) => {
    const { query } = inputOf(res, 'listPseaAudit');
    // Written first, like GET /api/audit: reading the trail leaves a trace in it.
    await sealedAudit(callerOf(req).account.id, 'psea.audit.read');
    const entries = await sealed.list({ limit: query.limit, ...(query.cursor ? { before: query.cursor } : {}) });
    sendJson(res, 200, {
      entries: entries.map((e) => ({ ...e, at: iso(e.at) })),
      nextCursor: entries.length === query.limit ? entries.at(-1)!.id : null,
    });
  };

  return { listCases, getCase, setCaseStatus, getPseaReport, setPseaReportStatus, sendPseaMessage, listPseaAudit };
}
