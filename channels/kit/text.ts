/**
 * Text helpers every channel shares, so all of them feed the dialogs and show options alike.
 * Lengths are UTF-16 units (never more than a platform's character count) and a cut never
 * splits an emoji's surrogate pair.
 */
import type { Choice } from '../../src/core/message.ts';

/** The bound every channel feeds the dialogs (Telegram's and WhatsApp's text message size). */
export const MAX_INBOUND_CHARS = 4096;

// C0 controls except tab and line feed, DEL, and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * What a person (or a script) typed, made safe to echo and hand to the dialogs: control
 * characters go, lone surrogates become U+FFFD, line breaks are unified, and the text is cut at
 * MAX_INBOUND_CHARS. Nothing is rejected: a 20,000-character paste still gets a normal turn.
 */
export function cleanInbound(raw: string): string {
  const text = raw.replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD').trim();
  return cut(text, MAX_INBOUND_CHARS);
}

/** At most `max` UTF-16 units, never between the two halves of a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** A label shortened to `max` with an ellipsis, at a word boundary when one is near. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = cut(text, max - 1);
  const space = room.lastIndexOf(' ');
  const head = space >= max / 2 ? room.slice(0, space) : room;
  return `${head.trimEnd()}…`;
}

/**
 * Splits a long message into parts of at most `max`, preferring paragraph breaks, then line
 * breaks, then spaces, so nothing is lost and no word is cut when it can be helped.
 */
export function split(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = cut(rest, max);
    const at = [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find((i) => i >= max / 2) ?? window.length;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

/**
 * "1. Salud\n2. Vivienda…": the options where buttons are impossible; the person types the
 * number. A choice whose title is its own number (the FAQ questions, which the text already
 * lists as "1. …") is not repeated; the numbering still counts it, so numbers stay right.
 */
export function numberedMenu(choices: Choice[]): string {
  return choices.flatMap((choice, i) => (choice.title.trim() === String(i + 1) ? [] : [`${i + 1}. ${choice.title.trim()}`.trimEnd()])).join('\n');
}

/** The reply's text with its numbered menu under it. */
export function withNumberedMenu(text: string, choices: Choice[]): string {
  const menu = numberedMenu(choices);
  if (menu === '') return text;
  return text.trim().length > 0 ? `${text}\n\n${menu}` : menu;
}
