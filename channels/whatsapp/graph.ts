import { z } from 'zod';
import { classify, WhatsAppSendError } from './errors.ts';
import type { GraphMessage } from './wire.ts';

/** One Graph API call: POST the message, answer Meta's message id or throw a WhatsAppSendError. */
export interface GraphClient {
  send(message: GraphMessage): Promise<string | undefined>;
}

export interface GraphClientOptions {
  /** `https://graph.facebook.com/v21.0`, no trailing slash. */
  apiRoot: string;
  phoneNumberId: string;
  token: string;
  /** A call that takes longer counts as `unavailable` (and is retried). */
  timeoutMs: number;
}

/** `{ messaging_product, contacts: [{ input, wa_id }], messages: [{ id: "wamid…" }] }` */
const Sent = z.object({ messages: z.array(z.object({ id: z.string() })).min(1) });
/** `{ error: { message, type, code, error_subcode, fbtrace_id } }` */
const Failed = z.object({ error: z.object({ code: z.number().int() }) });

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const url = `${options.apiRoot}/${encodeURIComponent(options.phoneNumberId)}/messages`;
  const headers = { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' };

  return {
    async send(message) {
      let res: Response;
      let body: unknown;
      try {
        res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(message), signal: AbortSignal.timeout(options.timeoutMs) });
        body = await res.json().catch(() => undefined);
      } catch {
        // Refused, reset, DNS or timeout: the message may or may not have left; Meta has no
        // idempotency key, so a retry can (rarely) send it twice. Losing it would be worse.
        throw new WhatsAppSendError('unavailable', undefined, undefined);
      }
      if (res.ok) {
        const sent = Sent.safeParse(body);
        return sent.success ? sent.data.messages[0]?.id : undefined;
      }
      const failed = Failed.safeParse(body);
      const code = failed.success ? failed.data.error.code : undefined;
      throw new WhatsAppSendError(classify(res.status, code), code, res.status);
    },
  };
}
