/**
 * The conversation with the person, oldest first, each line saying who wrote it. A polite
 * `role="log"` live region: a screen reader reads new messages as they come. Lines are kept
 * once per id, whether they come from the ticket's reload, the live stream or a sent message.
 */
import { el, replace } from './dom.ts';
import { time } from './format.ts';
import { lang, s } from './i18n.ts';
import type { Line } from './types.ts';

export class TranscriptView {
  readonly element: HTMLDivElement;
  private readonly lines = new Map<string, Line>();
  private renderedLang = lang();

  constructor(
    private readonly myId: string,
    lines: Line[],
  ) {
    // A div, not a list: role=log would strip a list's semantics and leave orphan items.
    this.element = el('div', { class: 'transcript', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', tabindex: '0', 'aria-labelledby': 'transcript-heading' });
    this.merge(lines);
  }

  /** Lines from a reload: adds what is missing, in time order. */
  merge(lines: Line[]): void {
    let added = false;
    for (const line of lines) {
      if (this.lines.has(line.id)) continue;
      this.lines.set(line.id, line);
      added = true;
    }
    if (added || this.element.childElementCount === 0) this.render();
  }

  has(id: string): boolean {
    return this.lines.has(id);
  }

  /** One live line; returns false if it was on screen already. */
  add(line: Line): boolean {
    if (this.lines.has(line.id)) return false;
    this.lines.set(line.id, line);
    const wasAtEnd = this.atEnd();
    this.element.querySelector('.empty')?.remove();
    this.element.append(this.item(line));
    if (wasAtEnd) this.scrollToEnd();
    return true;
  }

  /** After a language switch only: rebuilding the log would have it read out again. */
  relabel(): void {
    if (this.renderedLang !== lang()) this.render();
  }

  render(): void {
    this.renderedLang = lang();
    const lines = [...this.lines.values()].sort((a, b) => a.at.localeCompare(b.at));
    replace(this.element, ...(lines.length === 0 ? [el('p', { class: 'empty' }, s().transcript.empty)] : lines.map((line) => this.item(line))));
  }

  scrollToEnd(): void {
    this.element.scrollTop = this.element.scrollHeight;
  }

  atEnd(): boolean {
    return this.element.scrollHeight - this.element.scrollTop - this.element.clientHeight < 40;
  }

  private item(line: Line): HTMLDivElement {
    const t = s().transcript;
    const who = line.from === 'person' ? t.person : line.from === 'bot' ? t.bot : line.staffId === this.myId ? t.you : t.operator;
    return el(
      'div',
      { class: `line from-${line.from}`, 'data-line-id': line.id },
      el('span', { class: 'who' }, `${who}: `),
      el('span', { class: 'text' }, line.text),
      el('span', { class: 'at' }, ' ', el('time', { datetime: line.at }, time(line.at))),
    );
  }
}
