import { z } from 'zod';
import { HttpError } from '../kit/http.ts';
import { cleanInbound } from '../kit/text.ts';

/**
 * What `POST /conversations/:id/activities` accepts: one Bot Framework activity, of which we
 * read only the fields below; everything else (attachments, entities, timestamps…) is dropped.
 * Strings must be strings, so operator objects such as `{"$gt": ""}` are a 400, never a query.
 *
 * Sample Web Chat post of a click on a `messageBack` suggested action:
 *
 *   { "type": "message", "from": { "id": "dl_123", "role": "user" }, "locale": "es-PE",
 *     "value": { "action": "topic:health" },
 *     "channelData": { "clientActivityID": "1732…abc", "messageBack": { "displayText": "Salud" } } }
 *
 * `text` may be of any length the body limit lets through; it is cleaned and cut to
 * MAX_INBOUND_CHARS (channels/text.ts) rather than rejected.
 */
const Posted = z.object({
  type: z.string().min(1).max(64),
  id: z.string().min(1).max(128).optional(),
  from: z.object({
    id: z.string().min(1).max(256),
    role: z.string().max(32).optional(),
  }),
  text: z.string().optional(),
  locale: z.string().max(64).optional(),
  replyToId: z.string().max(256).optional(),
  name: z.string().max(256).optional(),
  value: z.unknown().optional(),
  channelData: z
    .looseObject({
      clientActivityID: z.string().min(1).max(128).optional(),
    })
    .optional(),
});

/** A clicked choice: `value.action` is the stable action value (`topic:health`, `consent:accept`). */
const MessageValue = z.object({
  action: z.string().min(1).max(256).optional(),
});

/** Web Chat's channelData is small (ids, timestamps); more than this is not a chat client. */
const MAX_CHANNEL_DATA_CHARS = 4096;
const LOCALE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

export interface PostedActivity {
  type: string;
  /** The client's own id for the activity, if it sent one. */
  clientId?: string;
  clientActivityId?: string;
  fromId: string;
  /** Cleaned; absent when nothing readable was left. */
  text?: string;
  action?: string;
  locale?: string;
  replyToId?: string;
  /** Event name, for `event` activities. */
  name?: string;
  /** Echoed untouched (Web Chat matches its `clientActivityID`). */
  channelData?: Record<string, unknown>;
}

export function parsePostedActivity(body: unknown): PostedActivity {
  const parsed = Posted.safeParse(body);
  if (!parsed.success) throw badArgument(parsed.error);
  const a = parsed.data;

  let action: string | undefined;
  if (a.type === 'message' && a.value !== undefined) {
    const value = MessageValue.safeParse(a.value);
    if (!value.success) throw badArgument(value.error, 'value');
    action = value.data.action;
  }
  if (a.channelData !== undefined && JSON.stringify(a.channelData).length > MAX_CHANNEL_DATA_CHARS) {
    throw new HttpError(400, 'BadArgument', 'channelData is too large.');
  }

  const text = a.text === undefined ? undefined : cleanInbound(a.text);
  const posted: PostedActivity = { type: a.type, fromId: a.from.id };
  if (a.id !== undefined) posted.clientId = a.id;
  if (a.channelData?.clientActivityID !== undefined) posted.clientActivityId = a.channelData.clientActivityID;
  if (text) posted.text = text;
  if (action !== undefined) posted.action = action;
  if (a.locale !== undefined && LOCALE.test(a.locale)) posted.locale = a.locale;
  if (a.replyToId !== undefined) posted.replyToId = a.replyToId;
  if (a.name !== undefined) posted.name = a.name;
  if (a.channelData !== undefined) posted.channelData = a.channelData;
  return posted;
}

/** A 400 naming the first bad field, never repeating the value that was sent. */
function badArgument(error: z.ZodError, prefix?: string): HttpError {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter((p) => p !== undefined && p !== '').join('.');
  const what = issue?.message ?? 'Invalid activity';
  return new HttpError(400, 'BadArgument', path ? `${path}: ${what}` : `activity: ${what}`);
}
