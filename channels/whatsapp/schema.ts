import { z } from 'zod';
import { HttpError } from '../kit/http.ts';

/**
 * The webhook body Meta POSTs (WhatsApp Cloud API, field `messages`), validated once here.
 * Sample (a text message):
 *
 *   { "object": "whatsapp_business_account",
 *     "entry": [ { "id": "<WABA id>", "changes": [ { "field": "messages", "value": {
 *       "messaging_product": "whatsapp",
 *       "metadata": { "display_phone_number": "51900000000", "phone_number_id": "106540352242922" },
 *       "contacts": [ { "profile": { "name": "…" }, "wa_id": "51987654321" } ],
 *       "messages": [ { "from": "51987654321", "id": "wamid.HBgL…", "timestamp": "1764000000",
 *                       "type": "text", "text": { "body": "hola" } } ] } } ] } ] }
 *
 * Statuses of our own messages arrive the same way under `value.statuses`. Fields we do not use
 * are allowed through (Meta adds fields over time); the ones we use must have the right type,
 * or the whole request is a 400 naming the first bad field.
 */

/** A wa_id (digits today; Meta has announced other user ids, so only the character set is checked). */
const UserId = z.string().regex(/^[A-Za-z0-9._:+-]{1,64}$/, 'expected a WhatsApp user id');
const Seconds = z.string().regex(/^\d{1,12}$/, 'expected unix seconds as a string');
const MessageId = z.string().min(1).max(512);

const Reply = z.looseObject({ id: z.string().min(1).max(256), title: z.string().max(1024).optional() });

const Interactive = z.looseObject({
  type: z.string().min(1).max(64),
  button_reply: Reply.optional(),
  list_reply: Reply.optional(),
});

const Media = z.looseObject({ caption: z.string().optional() });

const Message = z.looseObject({
  from: UserId,
  id: MessageId,
  timestamp: Seconds,
  type: z.string().min(1).max(64),
  text: z.looseObject({ body: z.string() }).optional(),
  interactive: Interactive.optional(),
  /** A quick-reply button of a template message. */
  button: z.looseObject({ text: z.string().optional(), payload: z.string().optional() }).optional(),
  image: Media.optional(),
  video: Media.optional(),
  document: Media.optional(),
});

const StatusError = z.looseObject({ code: z.number().int() });

const Status = z.looseObject({
  id: MessageId,
  status: z.string().min(1).max(64),
  timestamp: Seconds.optional(),
  recipient_id: z.string().max(64).optional(),
  errors: z.array(StatusError).max(100).optional(),
  biz_opaque_callback_data: z.string().max(512).optional(),
});

const MessagesValue = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: z.looseObject({ phone_number_id: z.string().min(1).max(64) }),
  messages: z.array(Message).max(1000).optional(),
  statuses: z.array(Status).max(1000).optional(),
  errors: z.array(StatusError).max(100).optional(),
});

const Change = z.looseObject({ field: z.string().min(1).max(128), value: z.unknown() });

const Envelope = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z
    .array(z.looseObject({ id: z.string().max(64).optional(), changes: z.array(Change).max(1000) }))
    .min(1)
    .max(1000),
});

export type WebhookMessage = z.infer<typeof Message>;
export type WebhookStatus = z.infer<typeof Status>;

/** What one webhook call carries for one phone number. */
export interface WebhookChange {
  phoneNumberId: string;
  messages: WebhookMessage[];
  statuses: WebhookStatus[];
  /** Codes of errors Meta reports about the number itself (`value.errors`). */
  errorCodes: number[];
}

export interface Webhook {
  /** `messages` changes only; other fields (template reviews, account updates) are not ours. */
  changes: WebhookChange[];
  /** How many changes of other fields were skipped. */
  otherFields: number;
}

export function parseWebhook(body: unknown): Webhook {
  const envelope = Envelope.safeParse(body);
  if (!envelope.success) throw badRequest(envelope.error);
  const webhook: Webhook = { changes: [], otherFields: 0 };
  for (const [e, entry] of envelope.data.entry.entries()) {
    for (const [c, change] of entry.changes.entries()) {
      if (change.field !== 'messages') {
        webhook.otherFields += 1;
        continue;
      }
      const value = MessagesValue.safeParse(change.value);
      if (!value.success) throw badRequest(value.error, ['entry', e, 'changes', c, 'value']);
      webhook.changes.push({
        phoneNumberId: value.data.metadata.phone_number_id,
        messages: value.data.messages ?? [],
        statuses: value.data.statuses ?? [],
        errorCodes: (value.data.errors ?? []).map((err) => err.code),
      });
    }
  }
  return webhook;
}

/** A 400 naming the first bad field, never repeating the value that was sent. */
function badRequest(error: z.ZodError, prefix: (string | number)[] = []): HttpError {
  const issue = error.issues[0];
  const path = [...prefix, ...(issue?.path ?? [])].map(String).join('.');
  const what = issue?.message ?? 'invalid';
  return new HttpError(400, 'BadArgument', path ? `${path}: ${what}` : `body: ${what}`);
}
