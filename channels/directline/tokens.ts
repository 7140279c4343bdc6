import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Direct Line tokens: stateless, HMAC-SHA256-signed, bound to ONE conversation (and, when the
 * site asked for it at `/tokens/generate`, to one user id), with an expiry. Because nothing is
 * stored, a token survives a restart as long as the key stays the same.
 *
 * Wire format: `<payload>.<signature>`, both base64url; the payload is JSON
 * `{"v":1,"c":"<conversationId>","u":"dl_…"?,"exp":<unix seconds>,"n":"<nonce>"}`.
 * The signing key is derived from the configured key, so the same secret can serve other
 * purposes without a token ever being valid there.
 */
export interface TokenClaims {
  conversationId: string;
  /** Set when the token was generated for a given user: their activities carry this `from.id`. */
  userId?: string;
  /** Unix seconds. */
  expiresAt: number;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'invalid' | 'expired' };

export interface IssuedToken {
  token: string;
  /** Seconds until it expires: Direct Line's `expires_in`. */
  expiresIn: number;
}

export interface TokenService {
  issue(conversationId: string, userId?: string): IssuedToken;
  check(token: string): TokenCheck;
}

export interface TokenOptions {
  key: Buffer;
  ttlSeconds: number;
  /** Milliseconds since the epoch. */
  now: () => number;
}

const VERSION = 1;
/** Longer than any token we mint; anything bigger is rejected before parsing. */
const MAX_TOKEN_LENGTH = 1024;
/** Verified tokens remembered; the map is simply emptied when full (they are re-verified). */
const VERIFIED_CACHE_SIZE = 50_000;

export function createTokenService(options: TokenOptions): TokenService {
  if (options.key.length < 16) {
    throw new Error('Direct Line tokenKey must be at least 16 bytes (set a long random DIRECTLINE_TOKEN_KEY).');
  }
  if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds < 1) {
    throw new Error(`Direct Line token TTL must be a positive whole number of seconds, got ${options.ttlSeconds}.`);
  }
  const signingKey = createHmac('sha256', options.key).update('faro:directline:token:v1').digest();
  const sign = (payload: string): Buffer => createHmac('sha256', signingKey).update(payload).digest();
  const nowSeconds = (): number => Math.floor(options.now() / 1000);
  const verified = new Map<string, TokenClaims>();

  return {
    issue(conversationId, userId) {
      const exp = nowSeconds() + options.ttlSeconds;
      const body: Record<string, unknown> = { v: VERSION, c: conversationId, exp, n: randomBytes(6).toString('base64url') };
      if (userId !== undefined) body.u = userId;
      const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
      return { token: `${payload}.${sign(payload).toString('base64url')}`, expiresIn: options.ttlSeconds };
    },

    check(token) {
      // A conversation presents the same token on every request: its verified claims are
      // remembered (the expiry is still checked every time), which saves an HMAC per request.
      const known = verified.get(token);
      if (known) return known.expiresAt <= nowSeconds() ? { ok: false, reason: 'expired' } : { ok: true, claims: known };
      if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'invalid' };
      const dot = token.indexOf('.');
      if (dot <= 0 || dot !== token.lastIndexOf('.')) return { ok: false, reason: 'invalid' };
      const payload = token.slice(0, dot);
      const given = Buffer.from(token.slice(dot + 1), 'base64url');
      const expected = sign(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
      const claims = parseClaims(payload);
      if (!claims) return { ok: false, reason: 'invalid' };
      if (claims.expiresAt <= nowSeconds()) return { ok: false, reason: 'expired' };
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.clear();
      verified.set(token, claims);
      return { ok: true, claims };
    },
  };
}

function parseClaims(payload: string): TokenClaims | undefined {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { v, c, u, exp } = body as Record<string, unknown>;
  if (v !== VERSION || typeof c !== 'string' || typeof exp !== 'number') return undefined;
  if (u !== undefined && typeof u !== 'string') return undefined;
  return u === undefined ? { conversationId: c, expiresAt: exp } : { conversationId: c, userId: u, expiresAt: exp };
}
