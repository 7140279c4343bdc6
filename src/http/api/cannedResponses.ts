/**
 * Handlers of the canned responses API (endpoints in cannedEndpoints.ts; the policy guards run
 * first). Changes are audited with ids only: a text may be long and is not evidence of who did
 * what. Answers go through sendJson, so a text holding markup comes back as escaped JSON.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { CannedResponse } from '../../core/domain.ts';
import type { Store } from '../../store/ports.ts';
import { HttpError } from '../errors.ts';
import * as c from './cannedSchemas.ts';
import { iso, sendJson, type CaseHandlerDeps } from './cases.ts';
import * as s from './schemas.ts';
import { callerOf } from './session.ts';

type Handler = (req: Request, res: Response) => Promise<void>;

export interface CannedResponseHandlerDeps {
  store: Store;
  now: () => number;
  audit: CaseHandlerDeps['audit'];
}

function noSuchResponse(): HttpError {
  return new HttpError(404, 'NotFound', 'No such canned response.');
}

/** An id that cannot exist is answered like one that does not. */
function idOf(req: Request): string {
  const params = c.CannedIdParams.safeParse(req.params);
  if (!params.success) throw noSuchResponse();
  return params.data.id;
}

function responseView(response: CannedResponse): Record<string, unknown> {
  return { ...response, createdAt: iso(response.createdAt), updatedAt: iso(response.updatedAt) };
}

export function createCannedResponseHandlers(deps: CannedResponseHandlerDeps) {
  const { store, now, audit } = deps;

  const listCannedResponses: Handler = async (req, res) => {
    const query = s.parse(c.CannedResponsesQuery, req.query, 'query');
    const responses = (await store.cannedResponses.list()).filter((response) => query.lang === undefined || response.lang === query.lang);
    sendJson(res, 200, { responses: responses.map(responseView) });
  };

  const createCannedResponse: Handler = async (req, res) => {
    const body = s.parse(c.NewCannedResponseBody, req.body);
    const actor = callerOf(req).account.id;
    const at = now();
    const response: CannedResponse = { id: randomUUID(), ...body, createdBy: actor, createdAt: at, updatedAt: at };
    await store.cannedResponses.create(response);
    await audit(actor, 'cannedResponses.create', response.id);
    sendJson(res, 201, { response: responseView(response) });
  };

  const updateCannedResponse: Handler = async (req, res) => {
    const id = idOf(req);
    const body = s.parse(c.CannedResponseChangesBody, req.body);
    const updated = await store.cannedResponses.update(id, body, now());
    if (!updated) throw noSuchResponse();
    await audit(callerOf(req).account.id, 'cannedResponses.update', id);
    sendJson(res, 200, { response: responseView(updated) });
  };

  const deleteCannedResponse: Handler = async (req, res) => {
    const id = idOf(req);
    s.parse(c.DeleteCannedResponseBody, req.body);
    if (!(await store.cannedResponses.delete(id))) throw noSuchResponse();
    await audit(callerOf(req).account.id, 'cannedResponses.delete', id);
    res.status(204).end();
  };

  return { listCannedResponses, createCannedResponse, updateCannedResponse, deleteCannedResponse };
}
