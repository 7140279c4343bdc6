import { z } from 'zod';
import { HttpError } from '../kit/http.ts';
import { cleanInbound } from '../kit/text.ts';

/**
 * The edge check for `POST /api/messages`: what a Bot Framework channel (the Azure Bot
 * Service connector, the Emulator, a Direct Line bridge) posts. Sample (see testdata/):
 *
 *   { "type": "message", "id": "f3a1…", "channelId": "emulator",
 *     "serviceUrl": "https://smba.trafficmanager.net/amer/", "conversation": { "id": "a:1x9…" },
 *     "from": { "id": "29:1k…", "role": "user" }, "recipient": { "id": "28:faro", "role": "bot" },
 *     "locale": "es-PE", "text": "hola", "value": { "action": "topic:health" } }
 *
 * Only what Faro reads is checked; the rest of the activity (entities, attachments,
 * channelData…) passes through to botbuilder untouched. botbuilder itself only checks that
 * `type` is a string and throws (an express HTML 500) otherwise, so everything it relies on
 * is checked here first and a bad body is a 400 naming the field, never echoing its value.
 */
const Account = z.looseObject({ id: z.string().min(1).max(512) });

const Incoming = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().min(1).max(512).optional(),
  channelId: z.string().min(1).max(64).optional(),
  serviceUrl: z
    .string()
    .max(2048)
    .refine((value) => /^https?:\/\/[^\s/?#]+/i.test(value) && URL.canParse(value), 'must be an http(s) URL')
    .optional(),
  conversation: z.looseObject({ id: z.string().min(1).max(512) }),
  from: Account.optional(),
  recipient: Account.optional(),
  text: z.string().optional(),
  locale: z.string().max(64).optional(),
  deliveryMode: z.string().max(32).optional(),
  value: z.unknown().optional(),
});

/** A clicked choice (our `messageBack` buttons post `value: {action}`); other values (cards
 * of other bots, Teams payloads) are ignored, but an `action` of the wrong shape is an error. */
const ClickValue = z.object({ action: z.string().min(1).max(256) });

const LOCALE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

export interface IncomingActivity {
  /** The body as botbuilder will see it (validated, unknown fields kept). */
  body: Record<string, unknown>;
  type: string;
  /** The platform's activity id; always present on `message` activities. */
  id?: string;
  conversationId: string;
  /** True for `deliveryMode: "expectReplies"`: replies go back in the HTTP answer. */
  expectsReplies: boolean;
  /** Cleaned (see directline/sanitize.ts); absent when nothing readable was left. */
  text?: string;
  action?: string;
  locale?: string;
}

export function parseIncomingActivity(body: unknown): IncomingActivity {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'BadArgument', 'The body must be one activity (a JSON object).');
  }
  const parsed = Incoming.safeParse(body);
  if (!parsed.success) throw badArgument(parsed.error);
  const a = parsed.data;
  const expectsReplies = a.deliveryMode === 'expectReplies';

  if (a.type === 'message' && a.id === undefined) throw new HttpError(400, 'BadArgument', 'id: a message activity needs an id.');
  // Without a serviceUrl a normal activity's replies have nowhere to go.
  if (a.type === 'message' && !expectsReplies && a.serviceUrl === undefined) {
    throw new HttpError(400, 'BadArgument', 'serviceUrl: required unless deliveryMode is "expectReplies".');
  }

  const incoming: IncomingActivity = { body: a, type: a.type, conversationId: a.conversation.id, expectsReplies };
  if (a.id !== undefined) incoming.id = a.id;
  if (a.type !== 'message') return incoming;

  const text = a.text === undefined ? undefined : cleanInbound(a.text);
  if (text) incoming.text = text;
  const action = actionOf(a.value);
  if (action !== undefined) incoming.action = action;
  if (a.locale !== undefined && LOCALE.test(a.locale)) incoming.locale = a.locale;
  return incoming;
}

function actionOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('action' in value)) return undefined;
  const click = ClickValue.safeParse(value);
  if (!click.success) throw badArgument(click.error, 'value');
  return click.data.action;
}

/** A 400 naming the first bad field, never repeating the value that was sent. */
function badArgument(error: z.ZodError, prefix?: string): HttpError {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter((p) => p !== undefined && p !== '').join('.');
  const what = issue?.message ?? 'invalid';
  return new HttpError(400, 'BadArgument', path ? `${path}: ${what}` : `activity: ${what}`);
}
