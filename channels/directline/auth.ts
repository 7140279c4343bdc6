import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from '../kit/http.ts';
import type { TokenClaims, TokenService } from './tokens.ts';

/**
 * Who is calling, from `Authorization: Bearer <secret|token>` (or the stream's `?t=`).
 * - the **secret** (only when one is configured) may open conversations and mint tokens;
 * - a **token** opens exactly the conversation it was issued for;
 * - **none**: no header at all, which only token generation and conversation start accept,
 *   and only when no secret is configured (zero-config local use).
 * Status codes follow the Direct Line docs: 401 for a missing or malformed header, 403 for a
 * credential that is wrong, expired (`TokenExpired`) or for another conversation.
 */
export type Caller = { kind: 'none' } | { kind: 'secret' } | { kind: 'token'; claims: TokenClaims };

export interface Authenticator {
  readonly hasSecret: boolean;
  /** Throws HttpError 401 (malformed header) or 403 (bad credential). */
  fromHeader(header: string | undefined): Caller;
  /** A bare token (the stream URL's `t`). Throws HttpError 403. */
  fromToken(token: string): TokenClaims;
}

const BEARER = /^Bearer +(\S+) *$/i;

export function createAuthenticator(tokens: TokenService, secret: string | undefined): Authenticator {
  const secretDigest = secret ? digest(secret) : undefined;

  const fromToken = (token: string): TokenClaims => {
    const check = tokens.check(token);
    if (check.ok) return check.claims;
    if (check.reason === 'expired') throw new HttpError(403, 'TokenExpired', 'The token has expired; get a new one.');
    throw forbidden('The token is not valid.');
  };

  return {
    hasSecret: secretDigest !== undefined,
    fromHeader(header) {
      if (header === undefined) return { kind: 'none' };
      const match = BEARER.exec(header);
      if (!match) {
        throw new HttpError(401, 'Unauthorized', 'Send "Authorization: Bearer <secret or token>".');
      }
      const credential = match[1]!;
      if (secretDigest && timingSafeEqual(digest(credential), secretDigest)) return { kind: 'secret' };
      return { kind: 'token', claims: fromToken(credential) };
    },
    fromToken,
  };
}

export function forbidden(message: string): HttpError {
  return new HttpError(403, 'Forbidden', message);
}

export function missingAuthorization(): HttpError {
  return new HttpError(401, 'Unauthorized', 'Send "Authorization: Bearer <secret or token>".');
}

/** Fixed-length digests, so comparing never leaks the secret's length or content. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
