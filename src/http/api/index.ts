/**
 * The staff JSON API under /api (see endpoints.ts for the list and openapi.ts for the
 * document). Mount the returned router with the app's other routers; it answers only its own
 * paths, so other /api routes (the Bot Framework's /api/messages) keep working.
 */
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { MemoryStore, rateLimit } from 'express-rate-limit';
import { normaliseEmail } from '../../core/staff.ts';
import type { Logger } from '../../log/logger.ts';
import type { PersonLink } from '../../helpdesk/personLink.ts';
import { createLiveEvents, type LiveEvents } from '../../staff/liveEvents.ts';
import { createEventsHandler } from './events.ts';
import { createStaffService, LastAdminError, PasswordPolicyError, RoleCombinationError, SealedRoleError, type StaffSettings, viewOf } from '../../staff/accounts.ts';
import { permissionsOf } from '../../staff/policy.ts';
import { createSessionTokens, DEFAULT_SESSION_TTL_MS } from '../../staff/tokens.ts';
import { DuplicateKeyError, type Store } from '../../store/ports.ts';
import { HttpError } from '../errors.ts';
import { createCaseHandlers } from './cases.ts';
import { createPseaHandlers } from './psea.ts';
import { createTicketHandlers } from './tickets.ts';
import type { Say } from '../../core/dialog.ts';
import type { Partner } from '../../core/partners.ts';
import { createCannedResponseHandlers } from './cannedResponses.ts';
import { createReferralHandlers } from './referrals.ts';
import { ENDPOINTS, expressPath, type Access, type Endpoint, type OperationId } from './endpoints.ts';
import { openApiDocument } from './openapi.ts';
import type { z } from 'zod';
import { inputOf, validateInput } from './input.ts';
import { callerOf, createAuthenticate, CSRF_COOKIE, requireAnyPermission, requirePermission, requireQueryPermission, SESSION_COOKIE } from './session.ts';

export interface ApiOptions extends StaffSettings {
  store: Store;
  log: Logger;
  /** Base key (≥ 32 bytes, e.g. TOKEN_SIGNING_KEY); staff tokens use a key derived from it. */
  tokenKey: Buffer;
  /** Session lifetime. Default 8 hours. */
  sessionTtlMs?: number;
  /** Login attempts per client IP per window (all attempts). Default 30. */
  loginLimitPerIp?: number;
  /** Failed login attempts per email per window. Default 10. */
  loginLimitPerAccount?: number;
  /** Default 15 minutes. */
  loginWindowMs?: number;
  /** Reaches the person behind a ticket (operator messages, referral outcomes, claim/close
   * moving their dialog). Built over the TurnRuntime (src/helpdesk/personLink.ts). */
  person: PersonLink;
  /** Live updates for the console (`GET /api/events`); give the same object to the TurnRuntime
   * as `onApplied`. Default: a private one (only the API's own changes show). */
  events?: LiveEvents;
  /** The partner directory operators refer people to (content/partners, loaded by the composition root). */
  partners: Partner[];
  /** The bot's strings in the person's language (a referral's change is told to them). */
  say: Say;
  /** Secure cookies; default: when the request came over HTTPS (`req.secure`, honours express's trust proxy). */
  secureCookies?: boolean;
  /** Check every success answer against its endpoint's declared body (the API tests turn it on,
   * so the OpenAPI document cannot drift from what handlers send); a mismatch is thrown, a 500. */
  checkAnswers?: boolean;
}

type Handler = (req: Request, res: Response) => Promise<void> | void;

export function createApiRouter(options: ApiOptions): Router {
  const { store, log } = options;
  const now = options.now ?? Date.now;
  const ttl = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  const staff = createStaffService(store, { ...options, now });
  const tokens = createSessionTokens(options.tokenKey, ttl);
  const authenticate = createAuthenticate({ store, tokens, now });
  const windowMs = options.loginWindowMs ?? 15 * 60 * 1000;
  const document = openApiDocument();
  const events = options.events ?? createLiveEvents();

  const tooMany =
    (what: string): RequestHandler =>
    (_req, _res, next) => {
      log.warn({ limit: what }, 'login rate limited');
      next(new HttpError(429, 'TooManyRequests', 'Too many login attempts; wait and try again.', { 'Retry-After': String(Math.ceil(windowMs / 1000)) }));
    };
  const perIp = rateLimit({ windowMs, limit: options.loginLimitPerIp ?? 30, standardHeaders: 'draft-7', legacyHeaders: false, store: new MemoryStore(), handler: tooMany('ip') });
  const perAccount = rateLimit({
    windowMs,
    limit: options.loginLimitPerAccount ?? 10,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store: new MemoryStore(),
    // Runs after validation, so the email is a string here.
    keyGenerator: (req) => `email:${normaliseEmail(String((req.body as { email?: unknown }).email))}`,
    handler: tooMany('account'),
  });

  const secure = (req: Request) => options.secureCookies ?? req.secure;

  /** Limits that count every attempt, malformed ones too: before the input is validated. */
  const throttles: Partial<Record<OperationId, RequestHandler[]>> = { login: [perIp] };

  // The sealed reports' handlers reach their own repository and the person, nothing else.
  const { listReports, ...psea } = createPseaHandlers({ reports: store.pseaReports, now, person: options.person });

  const handlers: Record<OperationId, RequestHandler[] | Handler> = {
    login: [
      perAccount,
      async (req, res) => {
        const { body } = inputOf(res, 'login');
        const result = await staff.login(body.email, body.password);
        if (!result.ok) throw new HttpError(401, 'InvalidCredentials', 'Wrong email or password.');
        const { account } = result;
        const { token, claims } = tokens.issue(account.id, account.sessionEpoch, now());
        const csrfToken = tokens.csrfFor(claims);
        const cookie = { sameSite: 'strict', secure: secure(req), maxAge: ttl } as const;
        res.cookie(SESSION_COOKIE, token, { ...cookie, httpOnly: true, path: '/api' });
        res.cookie(CSRF_COOKIE, csrfToken, { ...cookie, httpOnly: false, path: '/' });
        log.info({ staffId: account.id }, 'staff logged in');
        res.json({ token, expiresAt: new Date(claims.exp).toISOString(), roles: account.roles, csrfToken });
      },
    ],
    logout: async (req, res) => {
      await staff.logout(callerOf(req).account);
      res.clearCookie(SESSION_COOKIE, { path: '/api' });
      res.clearCookie(CSRF_COOKIE, { path: '/' });
      res.status(204).end();
    },
    me: (req, res) => {
      const { account } = callerOf(req);
      res.json({ user: viewOf(account, now()), permissions: permissionsOf(account.roles) });
    },
    createUser: async (req, res) => {
      const { body } = inputOf(res, 'createUser');
      try {
        const account = await staff.create(body, callerOf(req).account.id);
        res.status(201).json({ user: viewOf(account, now()) });
      } catch (error) {
        if (error instanceof PasswordPolicyError) throw new HttpError(400, 'WeakPassword', error.message);
        if (error instanceof DuplicateKeyError) throw new HttpError(409, 'EmailTaken', 'A staff account with this email exists.');
        throw sealedRoleAnswer(error);
      }
    },
    listUsers: async (req, res) => {
      const users = await store.staff.list();
      await staff.audit(callerOf(req).account.id, 'users.list', undefined, { count: users.length });
      res.json({ users: users.map((u) => viewOf(u, now())) });
    },
    updateUser: async (req, res) => {
      const { params, body } = inputOf(res, 'updateUser');
      try {
        const account = await staff.update(params.id, body, callerOf(req).account.id);
        if (!account) throw new HttpError(404, 'NotFound', 'No such staff account.');
        res.json({ user: viewOf(account, now()) });
      } catch (error) {
        if (error instanceof LastAdminError) throw new HttpError(409, 'LastAdmin', error.message);
        throw sealedRoleAnswer(error);
      }
    },
    changePassword: async (req, res) => {
      const { body } = inputOf(res, 'changePassword');
      try {
        if (!(await staff.changePassword(callerOf(req).account, body.currentPassword, body.newPassword))) throw new HttpError(403, 'WrongPassword', 'The current password is not right.');
      } catch (error) {
        if (error instanceof PasswordPolicyError) throw new HttpError(400, 'WeakPassword', error.message);
        throw error;
      }
      res.clearCookie(SESSION_COOKIE, { path: '/api' });
      res.clearCookie(CSRF_COOKIE, { path: '/' });
      res.status(204).end();
    },
    resetPassword: async (req, res) => {
      const { params, body } = inputOf(res, 'resetPassword');
      try {
        const account = await staff.resetPassword(params.id, body.newPassword, callerOf(req).account.id);
        if (!account) throw new HttpError(404, 'NotFound', 'No such staff account.');
        res.json({ user: viewOf(account, now()) });
      } catch (error) {
        if (error instanceof PasswordPolicyError) throw new HttpError(400, 'WeakPassword', error.message);
        throw sealedRoleAnswer(error);
      }
    },
    listAudit: async (req, res) => {
      const { query } = inputOf(res, 'listAudit');
      // Written first, so reading the log leaves a trace even if the answer is lost.
      await staff.audit(callerOf(req).account.id, 'audit.read');
      const entries = await store.audit.list({ limit: query.limit, ...(query.cursor ? { before: query.cursor } : {}) });
      res.json({
        entries: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
        nextCursor: entries.length === query.limit ? entries.at(-1)!.id : null,
      });
    },
    openapi: (_req, res) => {
      res.json(document);
    },
    events: createEventsHandler(events, now, store.staff),
    ...psea,
    ...createCaseHandlers({ store, now, audit: staff.audit, psea: { listReports } }),
    ...createTicketHandlers({ store, now, audit: staff.audit, person: options.person, events, log }),
    ...createCannedResponseHandlers({ store, now, audit: staff.audit }),
    ...createReferralHandlers({ store, now, audit: staff.audit, person: options.person, log, partners: options.partners, say: options.say }),
  };

  const router = express.Router();
  for (const endpoint of ENDPOINTS as readonly Endpoint[]) {
    const guards = guardsFor(endpoint.access, authenticate);
    const handler = handlers[endpoint.operationId as OperationId];
    const checks = options.checkAnswers && endpoint.success.body ? [checkAnswer(endpoint.operationId, endpoint.success.status, endpoint.success.body)] : [];
    const throttle = throttles[endpoint.operationId as OperationId] ?? [];
    router[endpoint.method](expressPath(endpoint.path), noStore, ...checks, ...guards, ...throttle, validateInput(endpoint), ...(Array.isArray(handler) ? handler : [handler as RequestHandler]));
  }
  return router;
}

/** Authentication, then the policy check the endpoint names; both run before any input is read. */
function guardsFor(access: Access, authenticate: RequestHandler): RequestHandler[] {
  if (access === 'public') return [];
  if (access === 'authenticated') return [authenticate];
  if (typeof access === 'string') return [authenticate, requirePermission(access)];
  if (Array.isArray(access)) return [authenticate, requireAnyPermission(access)];
  const rule = access as Exclude<Access, string | readonly unknown[]>;
  return [authenticate, requireQueryPermission(rule.query, rule.by)];
}

/** The sealed role's refusals as answers (src/staff/accounts.ts); anything else as it is. */
function sealedRoleAnswer(error: unknown): unknown {
  if (error instanceof SealedRoleError) return new HttpError(403, 'SealedRole', error.message);
  if (error instanceof RoleCombinationError) return new HttpError(400, 'RoleCombination', error.message);
  return error;
}

/** Wraps `res.send` (which `res.json` and sendJson end in) so that a success answer that does not
 * fit its declared shape is an error. */
function checkAnswer(operationId: string, status: number, shape: z.ZodType): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body: unknown) => {
      if (res.statusCode === status && typeof body === 'string') {
        const checked = shape.safeParse(JSON.parse(body));
        if (!checked.success) throw new Error(`${operationId} answered ${status} with a body its endpoint does not declare: ${checked.error.message}`);
      }
      return send(body);
    };
    next();
  };
}

/** Staff answers are personal or secret: never cached, never sniffed as HTML. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  next();
};
