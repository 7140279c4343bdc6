import type { Inbound } from '../../src/core/message.ts';
import { HttpError } from '../kit/http.ts';
import type { WebhookMessage } from './schema.ts';
import { cleanInbound } from '../kit/text.ts';

export const CHANNEL = 'whatsapp';

/** A webhook message as the runtime should see it, or why it gets no turn. */
export type Received = { kind: 'turn'; inbound: Inbound; waId: string /** ms */; writtenAt: number } | { kind: 'ignored'; type: string };

/** Types that ask nothing of the bot: an emoji reaction to one of our messages, a number change. */
const IGNORED = new Set(['reaction', 'system']);

/**
 * One webhook message → one Inbound (`conversationId` = wa_id, `messageId` = wamid):
 *
 * - `text`: the text, cleaned and cut to 4,096 characters;
 * - `interactive.button_reply` / `interactive.list_reply`: `action` = the reply id, which is
 *   the choice's stable action (render.ts puts it there);
 * - `button` (a template's quick reply): its text; `image`/`video`/`document` with a caption:
 *   the caption (so "me quiero matar" under a photo still reaches the signal check);
 * - `reaction`, `system`: no turn;
 * - anything else (voice notes, stickers, locations, photos without a caption, types Meta adds
 *   later): an Inbound with neither text nor action. The dialog answers it as a message it
 *   did not understand, in the person's language, offering the options again (and, the second
 *   time, a person). A channel may not reply on its own (it never writes state), and silence
 *   would leave someone who sent a voice note without an answer.
 *
 * A message that says it is of a type but lacks that type's part is a 400.
 */
export function receivedOf(message: WebhookMessage): Received {
  if (IGNORED.has(message.type)) return { kind: 'ignored', type: message.type };
  const inbound: Inbound = { channel: CHANNEL, conversationId: message.from, messageId: message.id };
  const content = contentOf(message);
  if (content.text !== undefined) {
    const text = cleanInbound(content.text);
    if (text) inbound.text = text;
  }
  if (content.action !== undefined) inbound.action = content.action;
  return { kind: 'turn', inbound, waId: message.from, writtenAt: Number(message.timestamp) * 1000 };
}

function contentOf(message: WebhookMessage): { text?: string; action?: string } {
  switch (message.type) {
    case 'text':
      if (!message.text) throw wrongShape('text', 'a text message needs text.body');
      return { text: message.text.body };
    case 'interactive': {
      const interactive = message.interactive;
      if (!interactive) throw wrongShape('interactive', 'an interactive message needs interactive');
      if (interactive.type === 'button_reply') {
        if (!interactive.button_reply) throw wrongShape('interactive.button_reply', 'missing');
        return { action: interactive.button_reply.id };
      }
      if (interactive.type === 'list_reply') {
        if (!interactive.list_reply) throw wrongShape('interactive.list_reply', 'missing');
        return { action: interactive.list_reply.id };
      }
      return {};
    }
    case 'button':
      return message.button?.text !== undefined ? { text: message.button.text } : {};
    case 'image':
    case 'video':
    case 'document': {
      const caption = message[message.type]?.caption;
      return caption !== undefined ? { text: caption } : {};
    }
    default:
      return {};
  }
}

function wrongShape(path: string, what: string): HttpError {
  return new HttpError(400, 'BadArgument', `messages.${path}: ${what}`);
}
