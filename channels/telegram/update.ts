import { z } from 'zod';

/**
 * The part of a Telegram `Update` Faro reads, validated once at the edge (webhook body or
 * long-polling result). Telegram adds fields over time: unknown ones are dropped, never an
 * error. Types must be right, so `{"chat":{"id":{"$gt":0}}}` is rejected, never looked up.
 *
 * Sample private text message:
 *
 *   { "update_id": 804113301,
 *     "message": { "message_id": 57, "date": 1764000000, "text": "hola",
 *       "from": { "id": 5011, "is_bot": false, "first_name": "…", "language_code": "es" },
 *       "chat": { "id": 5011, "type": "private", "first_name": "…" } } }
 *
 * Sample click on an inline button (its `callback_data` is the choice's stable action):
 *
 *   { "update_id": 804113302,
 *     "callback_query": { "id": "4382bfdwdsb323b2d9", "data": "topic:health",
 *       "from": { "id": 5011, "is_bot": false, "language_code": "es" },
 *       "message": { "message_id": 58, "date": 1764000001, "chat": { "id": 5011, "type": "private" } } } }
 */
const Id = z.number().int().safe();

const User = z.object({
  id: Id,
  is_bot: z.boolean(),
  language_code: z.string().max(64).optional(),
});

const Chat = z.object({
  id: Id,
  /** `private`, `group`, `supergroup`, `channel`; kept open so a new kind is ignored, not a 400. */
  type: z.string().min(1).max(32),
});

/** Content a person can send that Faro cannot read (a voice note, a photo…): the turn still runs,
 * with the caption or an empty text, so the person hears how to go on instead of silence. */
const UNREADABLE = ['voice', 'audio', 'photo', 'video', 'video_note', 'sticker', 'document', 'animation', 'location', 'contact'] as const;

const Message = z.object({
  message_id: Id.nonnegative(),
  chat: Chat,
  from: User.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  ...Object.fromEntries(UNREADABLE.map((key) => [key, z.unknown().optional()])),
});

const CallbackQuery = z.object({
  id: z.string().min(1).max(256),
  from: User,
  /** Absent for buttons under inline-mode messages, which Faro never sends. */
  message: z.object({ message_id: Id.nonnegative(), chat: Chat }).optional(),
  data: z.string().max(256).optional(),
});

export const UpdateSchema = z.object({
  update_id: Id.nonnegative(),
  message: Message.optional(),
  callback_query: CallbackQuery.optional(),
});

export type TelegramUpdate = z.infer<typeof UpdateSchema>;
export type TelegramMessage = z.infer<typeof Message>;

export type UpdateCheck = { ok: true; update: TelegramUpdate } | { ok: false; problem: string };

/** Validates one update; a problem names the first bad field, never the value that was sent. */
export function checkUpdate(body: unknown): UpdateCheck {
  const parsed = UpdateSchema.safeParse(body);
  if (parsed.success) return { ok: true, update: parsed.data };
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? []).map(String).join('.');
  return { ok: false, problem: `${path || 'update'}: ${issue?.message ?? 'invalid update'}` };
}

/** True when the message carries something other than text that a person sent on purpose. */
export function isUnreadableContent(message: TelegramMessage): boolean {
  const fields = message as Record<string, unknown>;
  return UNREADABLE.some((key) => fields[key] !== undefined);
}
