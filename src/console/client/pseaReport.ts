/**
 * One sealed PSEA report as the focal point reads it: the person's words (text, line breaks
 * kept), how they want to hear back, the dates, and one button for the next step (open → in
 * progress → closed; a closed report can be reopened). The report's error box is the view's
 * own, so a failure stays visible across the re-render that follows.
 */
import type { Ctx } from './context.ts';
import { append, el, field } from './dom.ts';
import { time } from './format.ts';
import { fill, label, s } from './i18n.ts';
import { CASE_STATUSES, type CaseStatus, type PseaReport } from './types.ts';
import { alertBox, whileBusy } from './ui.ts';

/** The report being shown: `report` is missing while it loads (or when loading failed). */
export interface OpenReport {
  code: string;
  report?: PseaReport;
}

const NEXT: Record<CaseStatus, CaseStatus> = { open: 'in_progress', in_progress: 'closed', closed: 'open' };

export function pseaReportSection(ctx: Ctx, open: OpenReport, errors: HTMLElement, changed: (report: PseaReport) => void, back: () => void): HTMLElement {
  const t = s().psea.report;
  const backButton = el('button', { type: 'button', class: 'quiet', 'data-key': 'psea-back' }, t.back);
  backButton.addEventListener('click', back);
  const heading = el('h3', { id: 'psea-report-heading', tabindex: '-1', 'data-key': 'psea-report-heading' }, fill(t.heading, { code: open.code }));
  const section = el('section', { class: 'part psea-report', 'aria-labelledby': 'psea-report-heading' }, el('div', { class: 'panel-head' }, heading, backButton));
  const report = open.report;
  if (!report) {
    append(section, errors.textContent ? null : el('p', { role: 'status' }, t.loading), errors);
    return section;
  }
  section.append(el('p', { class: 'hint' }, t.sealed), facts(report), el('h4', {}, t.words), el('p', { class: 'text words', lang: report.lang }, report.text));
  if (report.contact === 'this_chat') section.append(followup(ctx, report, changed));
  section.append(statusControl(ctx, report, errors, changed));
  return section;
}

/** What was typed for each report, kept across re-renders (a live update re-renders the view). */
const drafts = new Map<string, string>();

/** The person asked to be contacted in the chat: the messages so far, and a form to write. */
function followup(ctx: Ctx, report: PseaReport, changed: (report: PseaReport) => void): HTMLElement {
  const t = s().psea.followup;
  const messages = report.messages ?? [];
  const list =
    messages.length === 0
      ? el('p', { class: 'empty' }, t.empty)
      : el(
          'ul',
          { class: 'notes followup' },
          ...messages.map((m) =>
            el(
              'li',
              {},
              el('p', { class: 'meta' }, fill(t.by, { who: m.from === 'person' ? t.person : t.you, time: time(m.at) })),
              el('p', { class: 'text', lang: m.from === 'person' ? report.lang : undefined }, m.text),
            ),
          ),
        );
  const text = el('textarea', { rows: '3', maxlength: '2000', 'data-key': 'psea-message' });
  text.value = drafts.get(report.code) ?? '';
  text.addEventListener('input', () => drafts.set(report.code, text.value));
  const send = el('button', { type: 'submit', 'data-key': 'psea-send' }, t.send);
  const errors = alertBox();
  const form = el('form', { class: 'note-form' }, field(t.label, text), errors, send);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const message = text.value.trim();
    if (!message) {
      text.focus();
      return;
    }
    void whileBusy(send, t.sending, errors, async () => {
      const answer = await ctx.api.post<{ report: PseaReport }>(`/api/psea-reports/${encodeURIComponent(report.code)}/messages`, { text: message });
      drafts.delete(report.code);
      ctx.announce(t.sent);
      changed(answer.report);
    });
  });
  return el('section', { class: 'psea-followup', 'aria-labelledby': 'psea-followup-heading' }, el('h4', { id: 'psea-followup-heading' }, t.heading), el('p', { class: 'hint' }, t.hint), list, form);
}

function facts(report: PseaReport): HTMLElement {
  const all = s();
  const t = all.psea.report;
  const when = (iso: string) => el('time', { datetime: iso }, time(iso));
  const rows: [string, Node | string][] = [[t.contact, label(all.psea.contact, report.contact)]];
  if (report.channel !== undefined) rows.push([t.channel, report.channel]);
  if (report.phone !== undefined) rows.push([t.phone, report.phone]);
  rows.push([t.language, label(all.lang, report.lang)], [t.created, when(report.createdAt)], [t.updated, when(report.updatedAt)]);
  return el('dl', { class: 'facts' }, ...rows.map(([name, value]) => el('div', {}, el('dt', {}, name), el('dd', {}, value))));
}

function statusControl(ctx: Ctx, report: PseaReport, errors: HTMLElement, changed: (report: PseaReport) => void): HTMLElement {
  const all = s().psea;
  const t = all.report;
  const steps = el('ol', { class: 'steps' }, ...CASE_STATUSES.map((status) => el('li', { 'aria-current': status === report.status ? 'step' : undefined }, label(all.status, status))));
  const next = NEXT[report.status];
  // One key for every step: the focus stays on the button as it moves on.
  const move = el('button', { type: 'button', class: 'primary', 'data-key': 'psea-status' }, t.next[next]);
  move.addEventListener(
    'click',
    () =>
      void whileBusy(move, t.saving, errors, async () => {
        const answer = await ctx.api.post<{ report: PseaReport }>(`/api/psea-reports/${encodeURIComponent(report.code)}/status`, { status: next });
        ctx.announce(fill(t.moved, { code: report.code, status: label(all.status, answer.report.status) }));
        changed(answer.report);
      }),
  );
  return el('div', { class: 'psea-status' }, el('h4', {}, t.status), steps, move, errors);
}
