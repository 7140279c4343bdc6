import { createHmac, timingSafeEqual } from 'node:crypto';
import { HttpError } from '../kit/http.ts';

/**
 * Meta signs every webhook POST: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(raw body, app
 * secret)>`. The HMAC is over the exact bytes received (Meta escapes non-ASCII as `\u00e9`, so
 * re-serialised JSON would not match). Checked before the body is looked at:
 * - no header: 401;
 * - no raw JSON body to check it against (another content type): 415;
 * - a header that does not match, or is not of that form: 403.
 */
const HEADER = /^sha256=([0-9a-fA-F]{64})$/;

export function checkSignature(appSecret: string, header: string | undefined, raw: Buffer | undefined): void {
  if (header === undefined || header.trim() === '') {
    throw new HttpError(401, 'Unauthorized', 'Missing X-Hub-Signature-256 header.');
  }
  if (raw === undefined) {
    throw new HttpError(415, 'UnsupportedMediaType', 'Send the webhook as a JSON body (Content-Type: application/json).');
  }
  const match = HEADER.exec(header.trim());
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  // Both sides are 32 bytes whenever the header has the right form; compare in constant time.
  const given = match ? Buffer.from(match[1]!, 'hex') : Buffer.alloc(expected.length);
  const equal = timingSafeEqual(given, expected);
  if (!match || !equal) {
    throw new HttpError(403, 'Forbidden', 'X-Hub-Signature-256 does not match the body.');
  }
}
