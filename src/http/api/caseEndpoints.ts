/**
 * The cases and sealed PSEA report endpoints, as data (spread into ENDPOINTS, so the router,
 * the OpenAPI document and the role × endpoint test pick them up).
 *
 * Sealing: for every role but psea_focal, reports do not exist. The route and query guards run
 * before anything is parsed or read, so a non-focal caller asking for `type=psea`, a report
 * code or the sealed audit trail gets exactly the 403 it gets for any endpoint its role may
 * not use (same code, same message), whatever the code, and whether or not any report exists.
 * Cases and reports live in different repositories, so `GET /api/cases/{ref}` with a report's
 * code is a plain 404, like any unknown reference.
 */
import * as c from './caseSchemas.ts';
import * as s from './schemas.ts';

export const CASE_ENDPOINTS = [
  {
    operationId: 'listCases',
    method: 'get',
    path: '/api/cases',
    access: { query: 'type', by: { complaint: 'cases.complaint', feedback: 'cases.feedback', psea: 'cases.psea' } },
    summary: 'Complaints, or feedback (suggestions and compliments), oldest first; type=psea lists the sealed reports (psea_focal only). Audited.',
    query: c.CasesQuery,
    success: { status: 200, body: c.CasesAnswer },
  },
  {
    operationId: 'getCase',
    method: 'get',
    path: '/api/cases/{ref}',
    access: ['cases.complaint', 'cases.feedback'],
    summary: 'One complaint, suggestion or compliment, with what the person wrote. Audited.',
    params: c.CaseRefParams,
    success: { status: 200, body: c.CaseAnswer },
    errors: { 404: 'No such case' },
  },
  {
    operationId: 'setCaseStatus',
    method: 'post',
    path: '/api/cases/{ref}/status',
    access: ['cases.complaint', 'cases.feedback'],
    summary: 'Move a case on (open, in_progress, closed), optionally recording the outcome. Audited.',
    params: c.CaseRefParams,
    body: c.CaseStatusBody,
    success: { status: 200, body: c.CaseAnswer },
    errors: { 404: 'No such case' },
  },
  {
    operationId: 'getPseaReport',
    method: 'get',
    path: '/api/psea-reports/{code}',
    access: 'cases.psea',
    summary: 'One sealed PSEA report (psea_focal only). Audited in the sealed trail, never in /api/audit.',
    params: c.PseaCodeParams,
    success: { status: 200, body: c.PseaReportAnswer },
    errors: { 404: 'No such report' },
  },
  {
    operationId: 'setPseaReportStatus',
    method: 'post',
    path: '/api/psea-reports/{code}/status',
    access: 'cases.psea',
    summary: 'Move a sealed PSEA report on (psea_focal only). Audited in the sealed trail.',
    params: c.PseaCodeParams,
    body: c.PseaStatusBody,
    success: { status: 200, body: c.PseaReportAnswer },
    errors: { 404: 'No such report' },
  },
  {
    operationId: 'sendPseaMessage',
    method: 'post',
    path: '/api/psea-reports/{code}/messages',
    access: 'cases.psea',
    summary:
      "Write to the person who filed the report and asked to be contacted in this chat (psea_focal only). They see it wherever they are in the chat, and what they write next comes back to the report's messages, never to the transcript operators read. Audited in the sealed trail, without the text.",
    params: c.PseaCodeParams,
    body: c.PseaMessageBody,
    success: { status: 201, body: c.PseaReportAnswer },
    errors: { 404: 'No such report', 409: 'NoChatContact (the person did not ask to be contacted in the chat) or PersonUnreachable' },
  },
  {
    operationId: 'listPseaAudit',
    method: 'get',
    path: '/api/psea-audit',
    access: 'cases.psea',
    summary: 'The sealed audit trail of PSEA report reads and changes, newest first (psea_focal only; this read is audited there too).',
    query: s.AuditQuery,
    success: { status: 200, body: s.AuditAnswer },
  },
] as const;
