import type { InlineKeyboardButton } from 'telegraf/types';
import type { Choice, Reply } from '../../src/core/message.ts';
import { cut, numberedMenu } from '../kit/text.ts';

/** Bot API bounds: message text 1–4096 characters, `callback_data` 1–64 bytes. */
export const MAX_MESSAGE_CHARS = 4096;
export const MAX_CALLBACK_DATA_BYTES = 64;
/** Two buttons share a row when both titles are at most this long (fits a phone's half width). */
const SHORT_TITLE_CHARS = 15;

/** One `sendMessage`: plain text (no parse_mode, so nothing needs escaping) and maybe buttons. */
export interface TelegramText {
  text: string;
  keyboard?: InlineKeyboardButton.CallbackButton[][];
}

/**
 * Reply → the messages to send, in order.
 *
 * - Choices become an inline keyboard under the last message; each button's `callback_data` is
 *   the choice's stable action, so a click comes back as `Inbound.action`. Short titles go two
 *   to a row ("Sí | No", "1 | 2"), longer ones one to a row.
 * - Where buttons are impossible (an action over 64 bytes, an empty title, or `buttons: false`
 *   after Telegram refused the keyboard) the whole option set becomes a numbered menu under the
 *   text ("1. Salud\n2. Vivienda"); the person types the number, which the runtime accepts.
 *   Options whose title is their own number ("1", "2"…) are already listed in the text.
 * - Text over 4096 characters is split at a line break (or a space) into several messages.
 *
 * Sample, for `{ text: "¿Sobre qué tema?", choices: [{action:"topic:health", title:"Salud"}, …] }`:
 *
 *   { "text": "¿Sobre qué tema?",
 *     "keyboard": [[{ "text": "Salud", "callback_data": "topic:health" }, { "text": "Vivienda", … }]] }
 */
export function renderReply(reply: Reply, options: { buttons: boolean } = { buttons: true }): TelegramText[] {
  const { choices } = reply;
  if (choices.length === 0) return splitText(reply.text).map((text) => ({ text }));
  if (options.buttons && choices.every(fitsButton)) {
    const chunks = splitText(reply.text === '' ? numberedMenu(choices) || '…' : reply.text);
    const keyboard = keyboardOf(choices);
    return chunks.map((text, i) => (i === chunks.length - 1 ? { text, keyboard } : { text }));
  }
  const menu = numberedMenu(choices);
  return splitText([reply.text, menu].filter((part) => part !== '').join('\n\n')).map((text) => ({ text }));
}

function fitsButton(choice: Choice): boolean {
  const bytes = Buffer.byteLength(choice.action, 'utf8');
  return bytes >= 1 && bytes <= MAX_CALLBACK_DATA_BYTES && choice.title.trim() !== '';
}

function keyboardOf(choices: Choice[]): InlineKeyboardButton.CallbackButton[][] {
  const rows: InlineKeyboardButton.CallbackButton[][] = [];
  for (const choice of choices) {
    const button = { text: choice.title, callback_data: choice.action };
    const last = rows.at(-1);
    if (last && last.length === 1 && isShort(last[0]!.text) && isShort(button.text)) last.push(button);
    else rows.push([button]);
  }
  return rows;
}

const isShort = (title: string) => [...title].length <= SHORT_TITLE_CHARS;

/** Pieces of at most MAX_MESSAGE_CHARS, cut at the last line break (else space) of each piece. */
export function splitText(text: string, max = MAX_MESSAGE_CHARS): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = cut(rest, max);
    const at = bestCut(window);
    chunks.push(window.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.trim() !== '') chunks.push(rest);
  return chunks;
}

function bestCut(window: string): number {
  const half = window.length / 2;
  const newline = window.lastIndexOf('\n');
  if (newline > half) return newline + 1;
  const space = window.lastIndexOf(' ');
  if (space > half) return space + 1;
  return window.length;
}
