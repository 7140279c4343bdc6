/**
 * Writing to the person (only the ticket's holder): a text box, a canned-response picker that
 * inserts the text for editing (never sends it as is), and Send (also Ctrl+Enter).
 */
import type { Ctx } from './context.ts';
import type { Drafts } from './drafts.ts';
import { el, field, option } from './dom.ts';
import { label, s } from './i18n.ts';
import type { CannedResponse, Lang, Line } from './types.ts';
import { alertBox, whileBusy } from './ui.ts';

export function composer(ctx: Ctx, ticket: { ref: string; lang: Lang }, drafts: Drafts, sent: (line: Line) => void): HTMLElement {
  const t = s().composer;
  const text = el('textarea', { rows: '3', maxlength: '2000', 'data-key': 'composer-text' });
  text.value = drafts.message;
  text.addEventListener('input', () => (drafts.message = text.value));
  const send = el('button', { type: 'submit', class: 'primary', 'data-key': 'composer-send' }, t.send);
  const errors = alertBox();
  const form = el('form', { class: 'composer' }, cannedPicker(ctx, ticket.lang, text, drafts), field(t.label, text, t.hint), errors, send);

  const submit = () => {
    const message = text.value.trim();
    if (!message) {
      text.focus();
      return;
    }
    void whileBusy(send, t.sending, errors, async () => {
      const answer = await ctx.api.post<{ line: Line; delivered: boolean }>(`/api/tickets/${encodeURIComponent(ticket.ref)}/messages`, { text: message });
      drafts.message = '';
      text.value = '';
      sent(answer.line);
      if (!answer.delivered) ctx.announce(t.notDelivered);
    });
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  });
  return form;
}

/** A select of canned responses (the ticket's language first) and Insert. Filled once loaded. */
function cannedPicker(ctx: Ctx, ticketLang: Lang, text: HTMLTextAreaElement, drafts: Drafts): HTMLElement {
  const t = s().composer;
  const select = el('select', { 'data-key': 'canned-select' });
  const insert = el('button', { type: 'button', class: 'quiet', 'data-key': 'canned-insert' }, t.insert);
  const note = el('p', { class: 'hint' });
  const wrap = el('div', { class: 'canned-picker', hidden: true }, field(t.canned, select), insert, note);
  let responses: CannedResponse[] = [];

  void ctx.cannedResponses().then((loaded) => {
    if (loaded === null) {
      note.textContent = t.cannedUnavailable;
      wrap.hidden = false;
      select.parentElement!.hidden = true;
      insert.hidden = true;
      return;
    }
    if (loaded.length === 0) return;
    responses = loaded;
    select.append(option('', t.cannedNone));
    for (const lang of [ticketLang, ticketLang === 'es' ? 'en' : 'es'] as const) {
      const group = el('optgroup', { label: label(s().lang, lang) });
      for (const response of loaded.filter((r) => r.lang === lang)) group.append(option(response.id, response.title));
      if (group.childElementCount > 0) select.append(group);
    }
    wrap.hidden = false;
  });

  insert.addEventListener('click', () => {
    const chosen = responses.find((r) => r.id === select.value);
    if (!chosen) {
      select.focus();
      return;
    }
    text.value = text.value.trim() ? `${text.value.trimEnd()}\n${chosen.text}` : chosen.text;
    drafts.message = text.value;
    text.focus();
    text.setSelectionRange(text.value.length, text.value.length);
    ctx.announce(t.inserted);
  });
  return wrap;
}
