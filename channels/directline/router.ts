import express, { type Request, type RequestHandler, type Router } from 'express';
import { MemoryStore, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { Logger } from '../../src/log/logger.ts';
import { HttpError } from '../kit/http.ts';
import { forbidden, missingAuthorization, type Authenticator, type Caller } from './auth.ts';
import { Conversations, type Conversation } from './conversations.ts';
import { receiveActivity, type ReceiveDeps } from './receive.ts';
import { parsePostedActivity } from './schema.ts';
import type { TokenService } from './tokens.ts';

/**
 * The Direct Line 3.0 REST surface, thin: authenticate, validate, call one thing, answer.
 *
 *   POST /v3/directline/tokens/generate            secret (or open without one) → {conversationId, token, expires_in}
 *   POST /v3/directline/tokens/refresh             token → same, new token
 *   POST /v3/directline/conversations              secret/token (or open) → 201 | 200 {conversationId, token, expires_in, streamUrl}
 *   GET  /v3/directline/conversations/:id          reconnect → {conversationId, token, expires_in, streamUrl}
 *   POST /v3/directline/conversations/:id/activities  → {id}
 *   GET  /v3/directline/conversations/:id/activities?watermark= → {activities, watermark}
 *
 * Errors are HttpErrors for the app's central handler: `{error:{code,message}}`.
 */
export const BASE = '/v3/directline';

const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface RouterDeps extends ReceiveDeps {
  auth: Authenticator;
  tokens: TokenService;
  conversations: Conversations;
  /** Scoped to BASE by itself (see cors.ts). */
  cors: RequestHandler;
  /** Base for stream URLs (`wss://chat.example.org`); from the request when absent. */
  streamBase?: string;
  rateLimitPerMinute: number;
  log: Logger;
}

export interface DirectLineRouter {
  router: Router;
  /** Frees the rate limiter's timer. */
  close(): void;
}

/** `POST /tokens/generate` body (optional); a user id pins every activity's `from.id`. */
const GenerateBody = z
  .object({
    user: z
      .object({
        id: z
          .string()
          .regex(/^dl_[A-Za-z0-9_-]{1,125}$/, 'must start with "dl_" and use letters, digits, "_" or "-"')
          .optional(),
      })
      .optional(),
  })
  .optional();

interface Access {
  caller: Caller;
  conversation: Conversation;
}

export function createDirectLineRouter(deps: RouterDeps): DirectLineRouter {
  const { auth, tokens, conversations, log } = deps;
  const router = express.Router();
  const access = new WeakMap<Request, Access>();
  const accessOf = (req: Request): Access => {
    const found = access.get(req);
    if (!found) throw new Error('conversation access middleware did not run');
    return found;
  };

  const conversationOf = (caller: Caller, id: string): Conversation => {
    if (caller.kind === 'none') throw missingAuthorization();
    if (caller.kind === 'token' && caller.claims.conversationId !== id) throw forbidden('This token is for another conversation.');
    if (!CONVERSATION_ID.test(id)) throw unknownConversation();
    if (caller.kind === 'token') return conversations.ensure(id);
    const conversation = conversations.get(id);
    if (!conversation) throw unknownConversation();
    return conversation;
  };

  const withConversation: RequestHandler<{ id: string }> = (req, _res, next) => {
    const caller = auth.fromHeader(req.get('authorization'));
    access.set(req, { caller, conversation: conversationOf(caller, req.params.id) });
    next();
  };

  const limiterStore = new MemoryStore();
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: deps.rateLimitPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store: limiterStore,
    keyGenerator: (req) => accessOf(req).conversation.id,
    handler: (req, _res, next) => {
      log.warn({ conversationId: accessOf(req).conversation.id }, 'rate limited');
      next(new HttpError(429, 'TooManyRequests', 'Too many activities in this conversation; wait a moment and send again.'));
    },
  });

  const streamUrl = (req: Request, conversationId: string, token: string, watermark: string | undefined): string => {
    const base = deps.streamBase ?? requestStreamBase(req);
    const query = new URLSearchParams();
    if (watermark !== undefined) query.set('watermark', watermark);
    query.set('t', token);
    return `${base}${BASE}/conversations/${conversationId}/stream?${query.toString()}`;
  };

  /** A new token for the caller's conversation (token callers keep their pinned user). */
  const tokenFor = (caller: Caller, conversationId: string): { token: string; expires_in: number } => {
    const userId = caller.kind === 'token' ? caller.claims.userId : undefined;
    const issued = tokens.issue(conversationId, userId);
    return { token: issued.token, expires_in: issued.expiresIn };
  };

  router.use(deps.cors);

  router.post(`${BASE}/tokens/generate`, (req, res) => {
    if (auth.hasSecret) {
      const caller = auth.fromHeader(req.get('authorization'));
      if (caller.kind === 'none') throw missingAuthorization();
      if (caller.kind !== 'secret') throw forbidden('Generating a token needs the Direct Line secret.');
    }
    const body = GenerateBody.safeParse(req.body);
    if (!body.success) throw new HttpError(400, 'BadArgument', `user.id: ${body.error.issues[0]?.message ?? 'invalid'}`);
    const conversationId = Conversations.newId();
    const issued = tokens.issue(conversationId, body.data?.user?.id);
    log.info({ conversationId }, 'token generated');
    res.json({ conversationId, token: issued.token, expires_in: issued.expiresIn });
  });

  router.post(`${BASE}/tokens/refresh`, (req, res) => {
    const caller = auth.fromHeader(req.get('authorization'));
    if (caller.kind === 'none') throw missingAuthorization();
    if (caller.kind !== 'token') throw forbidden('Only a token can be refreshed.');
    const { conversationId } = caller.claims;
    res.json({ conversationId, ...tokenFor(caller, conversationId) });
  });

  router.post(`${BASE}/conversations`, (req, res) => {
    const caller = auth.fromHeader(req.get('authorization'));
    if (caller.kind === 'none' && auth.hasSecret) throw missingAuthorization();
    const conversationId = caller.kind === 'token' ? caller.claims.conversationId : Conversations.newId();
    const conversation = conversations.ensure(conversationId);
    const alreadyStarted = conversation.started;
    conversation.started = true;
    const token = tokenFor(caller, conversationId);
    // A new conversation's stream replays everything (replies may already be waiting after a
    // restart); a started one streams from now on, as the Direct Line service does.
    const url = streamUrl(req, conversationId, token.token, alreadyStarted ? undefined : '');
    log.info({ conversationId, alreadyStarted }, 'conversation started');
    res.status(alreadyStarted ? 200 : 201).json({ conversationId, ...token, streamUrl: url });
  });

  router.get(`${BASE}/conversations/:id`, withConversation, (req, res) => {
    const { caller, conversation } = accessOf(req);
    const watermark = queryString(req, 'watermark');
    const token = tokenFor(caller, conversation.id);
    // With a watermark the stream replays from it; without one, only what comes next.
    const url = streamUrl(req, conversation.id, token.token, watermark);
    res.json({ conversationId: conversation.id, ...token, streamUrl: url });
  });

  router.post(`${BASE}/conversations/:id/activities`, withConversation, limiter, async (req, res) => {
    const { caller, conversation } = accessOf(req);
    const posted = parsePostedActivity(req.body);
    const tokenUserId = caller.kind === 'token' ? caller.claims.userId : undefined;
    const id = await receiveActivity(deps, conversation, posted, tokenUserId);
    res.json({ id });
  });

  router.get(`${BASE}/conversations/:id/activities`, withConversation, (req, res) => {
    const { conversation } = accessOf(req);
    res.json(conversation.log.since(queryString(req, 'watermark')));
  });

  return { router, close: () => limiterStore.shutdown() };
}

function unknownConversation(): HttpError {
  return new HttpError(404, 'NotFound', 'No such conversation.');
}

/** A single string query parameter; repeated or nested ones are a 400. */
function queryString(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined || typeof value === 'string') return value;
  throw new HttpError(400, 'BadArgument', `${name} must be given once, as a string.`);
}

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function requestStreamBase(req: Request): string {
  const host = req.get('host');
  if (!host || !HOST.test(host)) throw new HttpError(400, 'BadArgument', 'The Host header is missing or not a host name.');
  return `${req.protocol === 'https' ? 'wss' : 'ws'}://${host}`;
}
