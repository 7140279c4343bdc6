/**
 * Who is calling the staff API, and may they. Two ways in:
 * - `Authorization: Bearer <token>` (scripts, integrations): no CSRF check, since a browser
 *   never adds that header on its own;
 * - the `faro_session` cookie (the console): unsafe methods must also carry
 *   `X-CSRF-Token` (signed double-submit, see src/staff/tokens.ts), else 403.
 * Every request re-reads the account, so a disabled account, a role change or a logout
 * (new session epoch) applies to existing tokens at once.
 */
import type { Request, RequestHandler } from 'express';
import type { StaffAccount } from '../../core/staff.ts';
import { can, type Permission } from '../../staff/policy.ts';
import type { SessionClaims, SessionTokens } from '../../staff/tokens.ts';
import type { Store } from '../../store/ports.ts';
import { HttpError } from '../errors.ts';

export const SESSION_COOKIE = 'faro_session';
export const CSRF_COOKIE = 'faro_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Caller {
  account: StaffAccount;
  claims: SessionClaims;
}

const callers = new WeakMap<Request, Caller>();

/** The authenticated caller; only valid behind `authenticate`. */
export function callerOf(req: Request): Caller {
  const caller = callers.get(req);
  if (!caller) throw new Error('callerOf used on a route without authenticate');
  return caller;
}

/** One cookie's value from the Cookie header (express has no cookie parser built in). */
export function cookieOf(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function unauthenticated(): HttpError {
  return new HttpError(401, 'Unauthorized', 'Log in first (Authorization: Bearer <token> or the session cookie).', { 'WWW-Authenticate': 'Bearer' });
}

export function createAuthenticate(deps: { store: Store; tokens: SessionTokens; now: () => number }): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization');
    let token: string | undefined;
    let viaCookie = false;
    if (header !== undefined) {
      token = /^Bearer ([\w.-]{1,1024})$/.exec(header)?.[1];
    } else {
      token = cookieOf(req, SESSION_COOKIE);
      viaCookie = token !== undefined;
    }
    const claims = token ? deps.tokens.verify(token, deps.now()) : null;
    if (!claims) throw unauthenticated();
    const account = await deps.store.staff.get(claims.sub);
    if (!account || account.disabled || account.sessionEpoch !== claims.epoch) throw unauthenticated();
    if (viaCookie && !SAFE_METHODS.has(req.method) && !deps.tokens.checkCsrf(claims, req.get(CSRF_HEADER))) {
      throw new HttpError(403, 'CsrfFailed', 'Requests authenticated by the session cookie must carry the X-CSRF-Token header.');
    }
    callers.set(req, { account, claims });
    next();
  };
}

/** THE answer to a caller whose role may not do something. One instance of the wording, so a
 * sealed resource (PSEA reports) is refused exactly like any other forbidden endpoint. */
export function forbidden(): HttpError {
  return new HttpError(403, 'Forbidden', 'Your role does not allow this.');
}

/** 403 unless one of the caller's roles grants `permission` in the policy table. */
export function requirePermission(permission: Permission): RequestHandler {
  return requireAnyPermission([permission]);
}

/** 403 unless the caller's roles grant at least one of `permissions`. */
export function requireAnyPermission(permissions: readonly Permission[]): RequestHandler {
  return (req, _res, next) => {
    const { roles } = callerOf(req).account;
    if (!permissions.some((permission) => can(roles, permission))) throw forbidden();
    next();
  };
}

/**
 * Access by a query parameter's value (see QueryAccess in endpoints.ts). Runs before the
 * query is validated, so `type=psea` from a non-focal caller is a 403 even when the rest of the
 * query is wrong: the answer depends on the role and the type asked for, nothing else.
 */
export function requireQueryPermission(param: string, by: Readonly<Record<string, Permission>>): RequestHandler {
  const all = [...new Set(Object.values(by))];
  return (req, _res, next) => {
    const value = (req.query as Record<string, unknown>)[param];
    const needed = typeof value === 'string' && Object.hasOwn(by, value) ? [by[value]!] : all;
    const { roles } = callerOf(req).account;
    if (!needed.some((permission) => can(roles, permission))) throw forbidden();
    next();
  };
}
