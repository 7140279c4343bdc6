import { z } from 'zod';
import type { Inbound } from '../../src/core/message.ts';
import { cleanInbound } from '../kit/text.ts';

export const CHANNEL = 'whatsapp-web';

/**
 * The fields of a whatsapp-web.js `Message` this channel reads; the library hands over a class
 * instance with many more (and a back-reference to the client), which are ignored. Sample
 * (testdata/messages.json has more):
 *
 *   { "id": { "fromMe": false, "remote": "51987654321@c.us", "id": "3EB0C7…", "_serialized": "false_51987654321@c.us_3EB0C7…" },
 *     "from": "51987654321@c.us", "to": "51911111111@c.us", "fromMe": false,
 *     "type": "chat", "body": "hola", "isStatus": false, "broadcast": false, "timestamp": 1764000000 }
 */
const IncomingMessage = z.object({
  id: z.object({ _serialized: z.string().min(1).max(512) }),
  from: z.string().min(1).max(256),
  fromMe: z.boolean(),
  type: z.string().max(64),
  body: z.string().optional(),
  isStatus: z.boolean().optional(),
});

/** One person's own chat: a phone number (`@c.us`) or WhatsApp's privacy id for it (`@lid`). */
const PERSONAL_CHAT = /^\d{1,32}@(?:c\.us|lid)$/;

/**
 * Why a message makes no turn:
 * - `own`: sent by the account itself (from the phone, or our replies echoing back);
 * - `status`: a status update (`status@broadcast`);
 * - `group`: a group chat (`@g.us`): Faro talks with one person at a time;
 * - `other-chat`: newsletters, broadcast lists and any other kind of chat;
 * - `not-text`: voice notes, images, stickers, locations… (captions included): the dialogs
 *   only read text, and this channel does not write words of its own;
 * - `invalid`: not shaped like a whatsapp-web.js message.
 */
export type IgnoredReason = 'own' | 'status' | 'group' | 'other-chat' | 'not-text' | 'invalid';

export type Received = { kind: 'turn'; inbound: Inbound } | { kind: 'ignored'; reason: IgnoredReason; messageId?: string };

export function readIncoming(raw: unknown): Received {
  const parsed = IncomingMessage.safeParse(raw);
  if (!parsed.success) return { kind: 'ignored', reason: 'invalid' };
  const msg = parsed.data;
  const messageId = msg.id._serialized;
  if (msg.fromMe) return { kind: 'ignored', reason: 'own', messageId };
  if (msg.isStatus === true || msg.from === 'status@broadcast') return { kind: 'ignored', reason: 'status', messageId };
  if (msg.from.endsWith('@g.us')) return { kind: 'ignored', reason: 'group', messageId };
  if (!PERSONAL_CHAT.test(msg.from)) return { kind: 'ignored', reason: 'other-chat', messageId };
  if (msg.type !== 'chat' || msg.body === undefined) return { kind: 'ignored', reason: 'not-text', messageId };
  return { kind: 'turn', inbound: { channel: CHANNEL, conversationId: msg.from, messageId, text: cleanInbound(msg.body) } };
}

/** Replies go only to chats this channel could have received from. */
export function isPersonalChat(chatId: string): boolean {
  return PERSONAL_CHAT.test(chatId);
}
