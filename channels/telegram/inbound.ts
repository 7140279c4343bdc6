import { cleanInbound } from '../kit/text.ts';
import type { Inbound } from '../../src/core/message.ts';
import { isUnreadableContent, type TelegramUpdate } from './update.ts';

export const CHANNEL = 'telegram';

/** Telegram's own bound on a text message; captions are shorter. Longer input is cut. */
const LOCALE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
/** `/start`, `/start@FaroBot`, `/start <deep-link payload>`. */
const START = /^\/start(?:@\w+)?(?:\s|$)/;
/** `/menu@FaroBot` → `/menu`: the dialog reads commands without the bot's name. */
const BOT_MENTION = /^(\/\w+)@\w+/;

/**
 * What one update means for Faro:
 *
 * - `turn`: a message for the runtime. `callbackQueryId` is set for a button click, which must
 *   be answered (`answerCallbackQuery`) whatever happens next.
 * - `ignored`: nothing to do (groups, channels, edited messages, other bots, unknown kinds);
 *   a click is still answered so the button stops spinning.
 *
 * Ids:
 * - `conversationId` is the chat id. Faro only talks in private chats, where it is the person's
 *   user id, so one person is one conversation.
 * - `messageId` is `msg:<message_id>` for a message and `cbq:<callback_query.id>` for a click.
 *   Both travel unchanged when Telegram redelivers an update (long polling after a crash, a
 *   webhook retried after a 5xx), so the runtime answers once. `update_id` would do the same but
 *   Telegram restarts it at a random value after a week without updates, and a message id is
 *   what the platform calls the message; callback queries have no message id of their own.
 *
 * `/start` (also with a deep-link payload) reaches the dialog as the text `/start`, which it
 * reads as "menu": the language question for a newcomer, the topic menu for everyone else. The
 * payload is dropped: anyone can put anything into a t.me link.
 */
export type Meaning = { kind: 'turn'; inbound: Inbound; callbackQueryId?: string } | { kind: 'ignored'; reason: string; callbackQueryId?: string };

export function meaningOf(update: TelegramUpdate): Meaning {
  if (update.message) {
    const { message } = update;
    if (message.chat.type !== 'private') return ignored('not a private chat');
    if (!message.from || message.from.is_bot) return ignored('not from a person');
    let text: string;
    if (message.text !== undefined) text = commandText(message.text);
    else if (isUnreadableContent(message)) text = message.caption ?? '';
    else return ignored('service message');
    return {
      kind: 'turn',
      inbound: inboundOf(message.chat.id, `msg:${message.message_id}`, message.from.language_code, { text: cleanInbound(text) }),
    };
  }

  if (update.callback_query) {
    const query = update.callback_query;
    const callbackQueryId = query.id;
    const chat = query.message?.chat;
    if (chat?.type !== 'private') return ignored('click outside a private chat', callbackQueryId);
    if (query.from.is_bot) return ignored('not from a person', callbackQueryId);
    if (query.data === undefined || query.data === '') return ignored('click without data', callbackQueryId);
    return {
      kind: 'turn',
      inbound: inboundOf(chat.id, `cbq:${query.id}`, query.from.language_code, { action: query.data }),
      callbackQueryId,
    };
  }

  // edited_message, channel_post, my_chat_member…: Faro subscribes to messages and clicks only
  // (allowed_updates), so these arrive only from an older subscription.
  return ignored('update kind not handled');
}

function ignored(reason: string, callbackQueryId?: string): Meaning {
  return callbackQueryId === undefined ? { kind: 'ignored', reason } : { kind: 'ignored', reason, callbackQueryId };
}

function inboundOf(chatId: number, messageId: string, languageCode: string | undefined, input: { text: string } | { action: string }): Inbound {
  const inbound: Inbound = { channel: CHANNEL, conversationId: String(chatId), messageId, ...input };
  if (languageCode !== undefined && LOCALE.test(languageCode)) inbound.locale = languageCode;
  return inbound;
}

function commandText(text: string): string {
  if (START.test(text)) return '/start';
  return text.replace(BOT_MENTION, '$1');
}
