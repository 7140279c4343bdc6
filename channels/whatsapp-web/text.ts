/**
 * Cleans what a person typed before the dialogs see it: control characters go, lone surrogates
 * become U+FFFD, line breaks are unified, and the text is cut at MAX_TEXT_CHARS without
 * splitting an emoji. Nothing is rejected: a long paste still gets a normal turn.
 */

/** The bound every channel feeds the dialogs (Telegram's and WhatsApp's text message size). */
export const MAX_TEXT_CHARS = 4096;

// C0 controls except tab and line feed, DEL, and C1 controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(raw: string): string {
  const text = raw.replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD').trim();
  if (text.length <= MAX_TEXT_CHARS) return text;
  const last = text.charCodeAt(MAX_TEXT_CHARS - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_TEXT_CHARS - 1 : MAX_TEXT_CHARS);
}
