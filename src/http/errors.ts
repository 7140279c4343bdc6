import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import type { Logger } from '../log/logger.ts';

/**
 * The one error shape every HTTP answer uses (it is also Direct Line's ErrorResponse):
 *
 *   { "error": { "code": "BadArgument", "message": "text: expected string" } }
 *
 * `code` is stable and machine-readable; `message` is for humans and may change. No stack
 * trace and no HTML ever reaches a client: unknown failures become a 500 with a reference id
 * that points at the log line.
 */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** A failure the code knows how to describe: thrown (or passed to `next`) by routes. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  /** Extra response headers, e.g. `Retry-After` on a 429. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Final route: anything not matched above is a JSON 404. */
export function notFound(): RequestHandler {
  return (_req, _res, next) => next(new HttpError(404, 'NotFound', 'No such resource.'));
}

/** What body-parser (and other http-errors users) attach to their errors. */
interface ParserError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  expose?: unknown;
}

/** Codes for errors raised by middleware we do not own (body-parser, router). */
const CODES_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BadArgument',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  408: 'RequestTimeout',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
};

const MESSAGES_BY_TYPE: Readonly<Record<string, string>> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is too large.',
  'encoding.unsupported': 'Unsupported content encoding.',
  'charset.unsupported': 'Unsupported charset.',
  'request.aborted': 'The request was aborted.',
  'request.size.invalid': 'The request body does not match its declared length.',
};

/** A 4xx raised by a library: status and a fixed message, never the library's own text. */
function clientErrorOf(err: unknown): { status: number; code: string; message: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as ParserError;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined || status < 400 || status > 499) return undefined;
  const type = typeof e.type === 'string' ? e.type : '';
  return {
    status,
    code: CODES_BY_STATUS[status] ?? 'BadRequest',
    message: MESSAGES_BY_TYPE[type] ?? 'The request could not be processed.',
  };
}

/**
 * The central error handler; register it last. Known `HttpError`s keep their status and code;
 * body-parser errors map to 400/413/415; everything else is a logged 500.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) {
      // Half an answer is already on the wire; the only honest thing left is to hang up.
      log.warn({ method: req.method, route: routeOf(req) }, 'error after headers were sent');
      req.socket.destroy();
      return;
    }
    if (err instanceof HttpError) {
      res.status(err.status).set(err.headers).json(errorBody(err.code, err.message));
      return;
    }
    const client = clientErrorOf(err);
    if (client) {
      res.status(client.status).json(errorBody(client.code, client.message));
      return;
    }
    const ref = randomUUID();
    log.error({ err, ref, method: req.method, route: routeOf(req) }, 'unhandled error');
    res.status(500).json(errorBody('ServerError', `Something went wrong on our side (ref ${ref}).`));
  };
}

/** The route pattern (`/api/psea-reports/:code`), never the path itself: paths carry ids
 * (conversation ids, case references, PSEA follow-up codes) that logs must not reveal. */
function routeOf(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? route.path : '(no route)';
}
