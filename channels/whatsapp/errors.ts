/**
 * Why a Graph API send failed, in the kit's closed set of send errors (channels/kit/sendError.ts).
 * Codes are Meta's (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes); any
 * code not listed falls back on the HTTP status:
 *   throttled: 429, codes 4, 80007, 130429, 131048, 131056 · unavailable: network error,
 *   timeout, 5xx, codes 1, 2, 131000, 131016 · window_closed: 131047 · contact_unreachable:
 *   131026, 131021, 133010 · unauthorized: 401/403, codes 0, 3, 10, 190, 200–299, 131005,
 *   131031 · rejected: any other 4xx.
 */
import { RETRYABLE, SendError, type SendErrorKind } from '../kit/sendError.ts';

export { RETRYABLE, type SendErrorKind };

export class WhatsAppSendError extends SendError {
  override readonly name = 'WhatsAppSendError';
  constructor(
    kind: SendErrorKind,
    code: number | undefined,
    /** HTTP status; undefined for network failures. */
    readonly status: number | undefined,
  ) {
    super(kind, code, `WhatsApp send failed: ${kind}${code !== undefined ? ` (code ${code})` : ''}${status !== undefined ? ` [HTTP ${status}]` : ''}`);
  }
}

const BY_CODE = new Map<number, SendErrorKind>([
  [4, 'throttled'],
  [80007, 'throttled'],
  [130429, 'throttled'],
  [131048, 'throttled'],
  [131056, 'throttled'],
  [1, 'unavailable'],
  [2, 'unavailable'],
  [131000, 'unavailable'],
  [131016, 'unavailable'],
  [131047, 'window_closed'],
  [131026, 'contact_unreachable'],
  [131021, 'contact_unreachable'],
  [133010, 'contact_unreachable'],
  [0, 'unauthorized'],
  [3, 'unauthorized'],
  [10, 'unauthorized'],
  [190, 'unauthorized'],
  [131005, 'unauthorized'],
  [131031, 'unauthorized'],
]);

/** The kind of a non-2xx Graph answer, from Meta's code first and the HTTP status second. */
export function classify(status: number, code: number | undefined): SendErrorKind {
  const known = code === undefined ? undefined : (BY_CODE.get(code) ?? (code >= 200 && code <= 299 ? 'unauthorized' : undefined));
  if (known) return known;
  if (status === 429) return 'throttled';
  if (status >= 500) return 'unavailable';
  if (status === 401 || status === 403) return 'unauthorized';
  return 'rejected';
}
