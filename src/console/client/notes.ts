/** Internal notes on a ticket (never shown to the person): the list and a form to add one. */
import type { Ctx } from './context.ts';
import type { Drafts } from './drafts.ts';
import { el, field } from './dom.ts';
import { time } from './format.ts';
import { fill, s } from './i18n.ts';
import type { Ticket } from './types.ts';
import { alertBox, whileBusy } from './ui.ts';

export function notesSection(ctx: Ctx, ticket: Ticket, drafts: Drafts, updated: (ticket: Ticket) => void): HTMLElement {
  const t = s().notes;
  const list =
    ticket.notes.length === 0
      ? el('p', { class: 'empty' }, t.empty)
      : el(
          'ul',
          { class: 'notes' },
          ...ticket.notes.map((note) => {
            const who = note.staffId === ctx.me.user.id ? s().transcript.you : s().transcript.operator;
            return el('li', {}, el('p', { class: 'text' }, note.text), el('p', { class: 'meta' }, fill(t.by, { who, time: time(note.at) })));
          }),
        );
  const section = el('section', { class: 'part', 'aria-labelledby': 'notes-heading' }, el('h3', { id: 'notes-heading' }, t.heading), el('p', { class: 'hint' }, t.hint), list);
  if (!ctx.can('tickets.note')) return section;

  const text = el('textarea', { rows: '2', maxlength: '2000', 'data-key': 'note-text' });
  text.value = drafts.note;
  text.addEventListener('input', () => (drafts.note = text.value));
  const add = el('button', { type: 'submit', 'data-key': 'note-add' }, t.add);
  const errors = alertBox();
  const form = el('form', { class: 'note-form' }, field(t.label, text), errors, add);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const note = text.value.trim();
    if (!note) {
      text.focus();
      return;
    }
    void whileBusy(add, t.adding, errors, async () => {
      const answer = await ctx.api.post<{ ticket: Ticket }>(`/api/tickets/${encodeURIComponent(ticket.ref)}/notes`, { text: note });
      drafts.note = '';
      updated(answer.ticket);
    });
  });
  section.append(form);
  return section;
}
