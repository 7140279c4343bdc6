/**
 * Text in both directions. What a person sends is cleaned (control characters, lone
 * surrogates) and cut to 4,096 characters before any dialog sees it, the same bound as the
 * web chat. What we send is cut to the Cloud API's limits without splitting an emoji.
 * Lengths are UTF-16 units: never more than Meta's character count, so a string that fits
 * here fits there.
 */
export const MAX_INBOUND_CHARS = 4096;

// C0 controls except tab and line feed, DEL, and C1 controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

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
