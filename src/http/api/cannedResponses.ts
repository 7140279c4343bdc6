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
import type { CaseHandlerDeps } from './cases.ts';
import { iso, sendJson } from './json.ts';
import { callerOf } from './session.ts';
import { inputOf } from './input.ts';

type Handler = (req: Request, res: Response) => Promise<void>;

export interface CannedResponseHandlerDeps {
  store: Store;
  now: () => number;
  audit: CaseHandlerDeps['audit'];
}

function noSuchResponse(): HttpError {
  return new HttpError(404, 'NotFound', 'No such canned response.');
}

function responseView(response: CannedResponse): Record<string, unknown> {
  return { ...response, createdAt: iso(response.createdAt), updatedAt: iso(response.updatedAt) };
}

export function createCannedResponseHandlers(deps: CannedResponseHandlerDeps) {
  const { store, now, audit } = deps;

  const listCannedResponses: Handler = async (_req, res) => {
    const { query } = inputOf(res, 'listCannedResponses');
    const responses = (await store.cannedResponses.list()).filter((response) => query.lang === undefined || response.lang === query.lang);
    sendJson(res, 200, { responses: responses.map(responseView) });
  };

  const createCannedResponse: Handler = async (req, res) => {
    const { body } = inputOf(res, 'createCannedResponse');
    const actor = callerOf(req).account.id;
    const at = now();
    const response: CannedResponse = { id: randomUUID(), ...body, createdBy: actor, createdAt: at, updatedAt: at };
    await store.cannedResponses.create(response);
    await audit(actor, 'cannedResponses.create', response.id);
    sendJson(res, 201, { response: responseView(response) });
  };

  const updateCannedResponse: Handler = async (req, res) => {
    const {
      params: { id },
      body,
    } = inputOf(res, 'updateCannedResponse');
    const updated = await store.cannedResponses.update(id, body, now());
    if (!updated) throw noSuchResponse();
    await audit(callerOf(req).account.id, 'cannedResponses.update', id);
    sendJson(res, 200, { response: responseView(updated) });
  };

  const deleteCannedResponse: Handler = async (req, res) => {
    const id = inputOf(res, 'deleteCannedResponse').params.id;
    if (!(await store.cannedResponses.delete(id))) throw noSuchResponse();
    await audit(callerOf(req).account.id, 'cannedResponses.delete', id);
    res.status(204).end();
  };

  return { listCannedResponses, createCannedResponse, updateCannedResponse, deleteCannedResponse };
}
