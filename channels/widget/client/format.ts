/**
 * Message text → DOM, never through innerHTML: whatever a person or an answer contains is shown
 * as text. Web addresses become links that open in a new tab, without telling that site where
 * the person came from (`noreferrer`).
 */
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g;

export function appendText(parent: HTMLElement, text: string): void {
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    if (start > last) parent.append(text.slice(last, start));
    const a = document.createElement('a');
    a.href = match[0];
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = match[0];
    parent.append(a);
    last = start + match[0].length;
  }
  if (last < text.length) parent.append(text.slice(last));
}
