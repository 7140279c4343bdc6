/**
 * Why a Graph API send failed, as a closed set: each kind says whether trying again can help
 * (the pattern of RapidPro courier's `core/channels/errors.go`). Codes are Meta's
 * (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes); any code not listed
 * falls back on the HTTP status.
 *
 * | kind                  | retry | what happens                                                    |
 * |-----------------------|-------|-----------------------------------------------------------------|
 * | `throttled`           | yes   | 429, codes 4, 80007, 130429, 131048, 131056: back off and retry |
 * | `unavailable`         | yes   | network error, timeout, 5xx, codes 1, 2, 131000, 131016         |
 * | `window_closed`       | no    | 131047: the 24-hour window is closed; send the template instead |
 * | `contact_unreachable` | no    | 131026, 131021, 133010: nothing will reach this person          |
 * | `unauthorized`        | no    | 401/403, codes 0, 3, 10, 190, 200–299, 131005, 131031: fix the configuration; the reply stays in the outbox for recovery |
 * | `rejected`            | no    | any other 4xx: our message was wrong                            |
 */
export type SendErrorKind = 'throttled' | 'unavailable' | 'window_closed' | 'contact_unreachable' | 'unauthorized' | 'rejected';

export const RETRYABLE: Readonly<Record<SendErrorKind, boolean>> = {
  throttled: true,
  unavailable: true,
  window_closed: false,
  contact_unreachable: false,
  unauthorized: false,
  rejected: false,
};

export class WhatsAppSendError extends Error {
  override readonly name = 'WhatsAppSendError';
  constructor(
    readonly kind: SendErrorKind,
    /** Meta's `error.code`, when the answer carried one. */
    readonly code: number | undefined,
    /** HTTP status; undefined for network failures. */
    readonly status: number | undefined,
  ) {
    super(`WhatsApp send failed: ${kind}${code !== undefined ? ` (code ${code})` : ''}${status !== undefined ? ` [HTTP ${status}]` : ''}`);
  }

  get retryable(): boolean {
    return RETRYABLE[this.kind];
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
