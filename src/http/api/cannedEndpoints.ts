/**
 * The canned responses endpoints, as data (spread into ENDPOINTS, so the router, the OpenAPI
 * document and the role × endpoint test pick them up): operators read them to pick one in the
 * console, supervisors write them.
 */
import * as c from './cannedSchemas.ts';

export const CANNED_ENDPOINTS = [
  {
    operationId: 'listCannedResponses',
    method: 'get',
    path: '/api/canned-responses',
    access: 'cannedResponses.read',
    summary: 'The canned responses, by language then title. Holds no personal data, so it is not audited.',
    query: c.CannedResponsesQuery,
    success: { status: 200, body: c.CannedResponsesAnswer },
  },
  {
    operationId: 'createCannedResponse',
    method: 'post',
    path: '/api/canned-responses',
    access: 'cannedResponses.manage',
    summary: 'Add a canned response (title ≤ 80, text ≤ 2000 characters). Audited without the text.',
    body: c.NewCannedResponseBody,
    success: { status: 201, body: c.CannedResponseAnswer },
  },
  {
    operationId: 'updateCannedResponse',
    method: 'patch',
    path: '/api/canned-responses/{id}',
    access: 'cannedResponses.manage',
    summary: 'Change the language, title or text of a canned response (at least one). Audited without the text.',
    params: c.CannedIdParams,
    body: c.CannedResponseChangesBody,
    success: { status: 200, body: c.CannedResponseAnswer },
    errors: { 404: 'No such canned response' },
  },
  {
    operationId: 'deleteCannedResponse',
    method: 'delete',
    path: '/api/canned-responses/{id}',
    access: 'cannedResponses.manage',
    summary: 'Remove a canned response. Audited.',
    params: c.CannedIdParams,
    body: c.DeleteCannedResponseBody,
    success: { status: 204 },
    errors: { 404: 'No such canned response' },
  },
] as const;
