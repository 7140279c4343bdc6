/**
 * Makes whatever a person (or a script) typed safe to echo, log-free, and hand to the dialogs:
 * control characters go, lone surrogates become U+FFFD, line breaks are unified, and the text is
 * cut at MAX_TEXT_CHARS without splitting an emoji's surrogate pair. Nothing is rejected: a
 * 20,000-character paste or an emoji flood gets a calm, shortened echo and a normal turn.
 */

/** Same bound as a Telegram or WhatsApp text message, so every channel feeds dialogs alike. */
export const MAX_TEXT_CHARS = 4096;

// C0 controls except tab and line feed, DEL, and C1 controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function sanitizeText(raw: string): string {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .trim();
  return capLength(text, MAX_TEXT_CHARS);
}

/** Cuts to at most `max` UTF-16 units, never between the two halves of a surrogate pair. */
export function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return text.slice(0, end);
}
