/**
 * Staff session tokens: `fs1.<payload, base64url JSON>.<HMAC-SHA256, base64url>`.
 *
 * Stateless and short-lived; each request still loads the account, so disabling it or
 * changing its roles takes effect at once, and logout bumps the account's `sessionEpoch`,
 * which every older token carries and so fails. The signing key is derived from the
 * deployment's token key with a purpose label, so a Direct Line token (same base key) can
 * never pass as a staff token, nor the other way round.
 *
 * CSRF (signed double-submit): the CSRF proof is HMAC(key, "csrf." + session id). The console
 * reads it from the `faro_csrf` cookie (or the login answer) and echoes it in `X-CSRF-Token`.
 * A cross-site page can make the browser send the session cookie but can read neither
 * cookie, and cannot compute the proof for that session.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SessionClaims {
  /** Staff id. */
  sub: string;
  /** Random session id: binds the CSRF proof to this login. */
  sid: string;
  /** The account's sessionEpoch at login. */
  epoch: number;
  iat: number;
  exp: number;
}

export interface SessionTokens {
  issue(staffId: string, epoch: number, now: number): { token: string; claims: SessionClaims };
  /** The claims of a well-formed, correctly signed, unexpired token; otherwise null. */
  verify(token: string, now: number): SessionClaims | null;
  csrfFor(claims: SessionClaims): string;
  checkCsrf(claims: SessionClaims, proof: string | undefined): boolean;
}

const PREFIX = 'fs1';
export const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60 * 1000;

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function isClaims(value: unknown): value is SessionClaims {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return typeof c.sub === 'string' && typeof c.sid === 'string' && Number.isSafeInteger(c.epoch) && Number.isSafeInteger(c.iat) && Number.isSafeInteger(c.exp);
}

export function createSessionTokens(baseKey: Buffer, ttlMs = DEFAULT_SESSION_TTL_MS): SessionTokens {
  if (baseKey.length < 32) throw new Error('staff session tokens need a key of at least 32 bytes (TOKEN_SIGNING_KEY)');
  const key = createHmac('sha256', baseKey).update('faro staff session v1').digest();
  const mac = (text: string) => createHmac('sha256', key).update(text).digest('base64url');

  return {
    issue(staffId, epoch, now) {
      const claims: SessionClaims = { sub: staffId, sid: randomBytes(16).toString('base64url'), epoch, iat: now, exp: now + ttlMs };
      const body = `${PREFIX}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      return { token: `${body}.${mac(body)}`, claims };
    },
    verify(token, now) {
      if (token.length > 1024) return null;
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== PREFIX) return null;
      const body = `${parts[0]}.${parts[1]}`;
      if (!equal(mac(body), parts[2]!)) return null;
      let claims: unknown;
      try {
        claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      if (!isClaims(claims) || claims.exp <= now) return null;
      return claims;
    },
    csrfFor(claims) {
      return mac(`csrf.${claims.sid}`);
    },
    checkCsrf(claims, proof) {
      return typeof proof === 'string' && equal(mac(`csrf.${claims.sid}`), proof);
    },
  };
}
