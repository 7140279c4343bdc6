/**
 * Handlers of the SEALED PSEA reports API (endpoints in caseEndpoints.ts; the guards that keep
 * reports to psea_focal run before these, see session.ts). What this module can reach is the
 * reports' own repository, with its sealed trail, and the person behind a report who asked to
 * be contacted in the chat: no staff audit log, no other store, no application log. Everything
 * about reports is written to the sealed trail (`reports.audit`) and nowhere else.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { CaseStatus, PseaReport } from '../../core/domain.ts';
import type { AuditEntry } from '../../core/staff.ts';
import { PersonUnreachableError, type PersonLink } from '../../helpdesk/personLink.ts';
import type { PseaReportRepo } from '../../store/ports.ts';
import { HttpError } from '../errors.ts';
import { iso, sendJson } from './json.ts';
import { inputOf } from './input.ts';
import { callerOf } from './session.ts';

type Handler = (req: Request, res: Response) => Promise<void>;

export interface PseaHandlerDeps {
  reports: PseaReportRepo;
  now: () => number;
  /** Reaches the person behind a report filed with "contact me in this chat". */
  person: PersonLink;
}

/** What the focal point reads: never the person's conversation key (a phone number on
 * WhatsApp): they write to the person through the API, which finds the chat itself. The channel
 * and a call-back number the person gave stay. */
function reportView(report: PseaReport): Record<string, unknown> {
  const { createdAt, updatedAt, messages, contactKey: _contactKey, ...rest } = report;
  return { ...rest, createdAt: iso(createdAt), updatedAt: iso(updatedAt), ...(messages && { messages: messages.map((m) => ({ ...m, at: iso(m.at) })) }) };
}

function noSuchReport(): HttpError {
  return new HttpError(404, 'NotFound', 'No such report.');
}

export type PseaHandlers = ReturnType<typeof createPseaHandlers>;

export function createPseaHandlers(deps: PseaHandlerDeps) {
  const { reports, now, person } = deps;
  const sealedAudit = async (actor: string, action: string, target?: string, details?: AuditEntry['details']) => {
    await reports.audit.append({ at: now(), actor, action, ...(target ? { target } : {}), ...(details ? { details } : {}) });
  };

  /** `GET /api/cases?type=psea` (the cases handler hands it over after the guard). */
  async function listReports(actor: string, status: CaseStatus | undefined, res: Response): Promise<void> {
    const listed = (await reports.list()).filter((r) => status === undefined || r.status === status);
    await sealedAudit(actor, 'psea.list', undefined, { count: listed.length, ...(status ? { status } : {}) });
    sendJson(res, 200, { reports: listed.map(reportView) });
  }

  const getPseaReport: Handler = async (req, res) => {
    const code = inputOf(res, 'getPseaReport').params.code;
    const report = await reports.get(code);
    if (!report) throw noSuchReport();
    await sealedAudit(callerOf(req).account.id, 'psea.read', code);
    sendJson(res, 200, { report: reportView(report) });
  };

  const setPseaReportStatus: Handler = async (req, res) => {
    const {
      params: { code },
      body,
    } = inputOf(res, 'setPseaReportStatus');
    const updated = await reports.setStatus(code, body.status, now());
    if (!updated) throw noSuchReport();
    await sealedAudit(callerOf(req).account.id, 'psea.status', code, { status: body.status });
    sendJson(res, 200, { report: reportView(updated) });
  };

  const sendPseaMessage: Handler = async (req, res) => {
    const {
      params: { code },
      body,
    } = inputOf(res, 'sendPseaMessage');
    const report = await reports.get(code);
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
    const updated = await reports.addMessage(code, message);
    await sealedAudit(actor, 'psea.message', code);
    sendJson(res, 201, { report: reportView(updated ?? report) });
  };

  const listPseaAudit: Handler = async (req, res) => {
    const { query } = inputOf(res, 'listPseaAudit');
    // Written first, like GET /api/audit: reading the trail leaves a trace in it.
    await sealedAudit(callerOf(req).account.id, 'psea.audit.read');
    const entries = await reports.audit.list({ limit: query.limit, ...(query.cursor ? { before: query.cursor } : {}) });
    sendJson(res, 200, {
      entries: entries.map((e) => ({ ...e, at: iso(e.at) })),
      nextCursor: entries.length === query.limit ? entries.at(-1)!.id : null,
    });
  };

  return { listReports, getPseaReport, setPseaReportStatus, sendPseaMessage, listPseaAudit };
}
