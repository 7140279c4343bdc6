/**
 * Message text → DOM, never through innerHTML: whatever a person or an answer contains is shown
 * as text. Web addresses become links that open in a new tab, without telling that site where
 * the person came from (`noreferrer`). Case references (`K7P-4QM`) sit in a `nowrap` span, so
 * a narrow screen never breaks one at its hyphen (a non-breaking hyphen would not survive a
 * copy and paste back into the chat).
 */
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g;
const REF_PATTERN = /\b[A-Z0-9]{3}-[A-Z0-9]{3}\b/g;

export function appendText(parent: HTMLElement, text: string): void {
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    if (start > last) appendRefs(parent, text.slice(last, start));
    const a = document.createElement('a');
    a.href = match[0];
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = match[0];
    parent.append(a);
    last = start + match[0].length;
  }
  if (last < text.length) appendRefs(parent, text.slice(last));
}

function appendRefs(parent: HTMLElement, text: string): void {
  let last = 0;
  for (const match of text.matchAll(REF_PATTERN)) {
    const start = match.index ?? 0;
    const span = document.createElement('span');
    span.className = 'ref';
    span.textContent = match[0];
    parent.append(text.slice(last, start), span);
    last = start + match[0].length;
  }
  parent.append(text.slice(last));
}
