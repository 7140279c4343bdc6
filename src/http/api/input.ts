/**
 * An endpoint's input, validated once by the router from the shapes its entry declares
 * (endpoints.ts) and handed to the handler typed: `inputOf(res, 'addTicketNote').body.text`.
 * Path parameters that do not fit are a 404 with the endpoint's documented message (a ref that
 * cannot exist is answered like one that does not), a query or body that does not is a 400.
 * Validation runs after authentication and the policy check, so nothing is read before them.
 */
import type { RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { HttpError } from '../errors.ts';
import type { Endpoint, ENDPOINTS, OperationId } from './endpoints.ts';
import { parse } from './schemas.ts';

type EndpointOf<Id extends OperationId> = Extract<(typeof ENDPOINTS)[number], { operationId: Id }>;
type Part<E, K extends 'params' | 'query' | 'body'> = E extends { [P in K]: infer S extends z.ZodType } ? z.output<S> : undefined;

export interface Input<Id extends OperationId> {
  params: Part<EndpointOf<Id>, 'params'>;
  query: Part<EndpointOf<Id>, 'query'>;
  body: Part<EndpointOf<Id>, 'body'>;
}

export function inputOf<Id extends OperationId>(res: Response, _endpoint: Id): Input<Id> {
  return res.locals.input as Input<Id>;
}

export function validateInput(endpoint: Endpoint): RequestHandler {
  const notFound = `${endpoint.errors?.[404] ?? 'No such resource'}.`;
  return (req, res, next) => {
    const params = endpoint.params?.safeParse(req.params);
    if (params && !params.success) throw new HttpError(404, 'NotFound', notFound);
    res.locals.input = {
      params: params?.data,
      query: endpoint.query && parse(endpoint.query, req.query, 'query'),
      body: endpoint.body && parse(endpoint.body, req.body),
    };
    next();
  };
}
