/**
 * Every way putting a reply on a platform can fail, as one closed set for every channel: each
 * kind says whether trying again can help (the pattern of RapidPro courier's errors). A
 * channel's sender classifies its platform's answers into these (telegram/sendError.ts,
 * whatsapp/errors.ts) and throws a SendError; its sink decides from the kind alone.
 *
 * | kind                  | retry | then                                                         |
 * |-----------------------|-------|--------------------------------------------------------------|
 * | `throttled`           | yes   | wait (the platform's retry-after, or back off) and retry     |
 * | `unavailable`         | yes   | network error, timeout, 5xx: back off and retry              |
 * | `window_closed`       | no    | WhatsApp's 24-hour window: hold it, or send the template     |
 * | `contact_unreachable` | no    | blocked, deactivated, not on the platform: drop it           |
 * | `unauthorized`        | no    | credentials wrong or revoked: fail now, the outbox keeps it  |
 * | `rejected`            | no    | this message was refused: drop it, or send it plainer        |
 *
 * The error never carries the message text or a credential.
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

export class SendError extends Error {
  override name = 'SendError';
  constructor(
    readonly kind: SendErrorKind,
    /** The platform's own error code, when its answer carried one. */
    readonly code: number | undefined,
    message: string,
    /** How long the platform asked us to wait (a 429's retry-after), if it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return RETRYABLE[this.kind];
  }
}
