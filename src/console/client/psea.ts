/**
 * For the PSEA focal point only: a banner when a confidential report is filed (the event says
 * nothing more), the sealed reports by status, and the one opened below the list. The list
 * shows no one's words; opening a report is a read of its own, recorded in the sealed trail.
 * Other roles never see this section (nor could they: the API refuses them).
 */
import type { Ctx } from './context.ts';
import { el, replace } from './dom.ts';
import { time } from './format.ts';
import { label, s } from './i18n.ts';
import { pseaReportSection, type OpenReport } from './pseaReport.ts';
import { CASE_STATUSES, type CaseStatus, type PseaReport } from './types.ts';
import { alertBox, keepingFocus, showError, whileBusy } from './ui.ts';

type Filter = CaseStatus | 'all';
const FILTERS: Filter[] = ['all', ...CASE_STATUSES];

export class PseaView {
  readonly element = el('section', { class: 'panel psea', 'aria-labelledby': 'psea-heading' });
  private reports: PseaReport[] = [];
  private filter: Filter = 'all';
  private open: OpenReport | undefined;
  private filed = false;
  private readonly errors = alertBox();
  private readonly reportErrors = alertBox();
  /** Stays in the page, so the alert is read out when its text appears. */
  private readonly banner = el('p', { class: 'banner', role: 'alert' });
  /** Count loads, so an answer no longer wanted is dropped. */
  private listGeneration = 0;
  private openGeneration = 0;

  constructor(private readonly ctx: Ctx) {}

  async reload(): Promise<void> {
    const generation = ++this.listGeneration;
    const status = this.filter === 'all' ? '' : `&status=${this.filter}`;
    try {
      const { reports } = await this.ctx.api.get<{ reports: PseaReport[] }>(`/api/cases?type=psea${status}`);
      if (generation !== this.listGeneration) return;
      this.reports = reports;
      // The list carries every field: the open report stays current without another read.
      const fresh = reports.find((r) => r.code === this.open?.code);
      if (fresh && this.open?.report) this.open = { code: fresh.code, report: fresh };
      this.errors.textContent = '';
      this.render();
    } catch (err) {
      if (generation === this.listGeneration) showError(this.errors, err);
    }
  }

  reportFiled(): void {
    this.filed = true;
    this.banner.textContent = s().psea.alert;
    void this.reload();
  }

  /** Opens a report below the list and moves the focus to its heading. */
  async show(code: string): Promise<void> {
    const generation = ++this.openGeneration;
    this.open = { code };
    this.reportErrors.textContent = '';
    this.render();
    try {
      const { report } = await this.ctx.api.get<{ report: PseaReport }>(`/api/psea-reports/${encodeURIComponent(code)}`);
      if (generation !== this.openGeneration) return;
      this.open = { code, report };
    } catch (err) {
      if (generation !== this.openGeneration) return;
      showError(this.reportErrors, err);
    }
    this.render();
    const heading = this.element.querySelector<HTMLElement>('#psea-report-heading');
    if (!heading) return;
    heading.focus({ preventScroll: true });
    const top = heading.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 2) heading.scrollIntoView({ block: 'start' });
  }

  render(): void {
    this.banner.textContent = this.filed ? s().psea.alert : '';
    keepingFocus(
      this.element,
      () => replace(this.element, ...this.parts()),
      () => this.element.querySelector('#psea-heading'),
    );
  }

  private parts(): Node[] {
    const t = s().psea;
    const refresh = el('button', { type: 'button', class: 'quiet', 'data-key': 'psea-refresh' }, t.refresh);
    refresh.addEventListener('click', () => void whileBusy(refresh, t.refreshing, this.errors, () => this.reload()));
    const list = this.reports.length === 0 ? el('p', { class: 'empty' }, t.empty) : el('ul', { class: 'reports' }, ...this.reports.map((r) => this.item(r)));
    const open = this.open;
    return [
      el('div', { class: 'panel-head' }, el('h2', { id: 'psea-heading', tabindex: '-1', 'data-key': 'psea-heading' }, t.heading), refresh),
      this.banner,
      this.filters(),
      this.errors,
      list,
      open
        ? pseaReportSection(
            this.ctx,
            open,
            this.reportErrors,
            (report) => this.changed(report),
            () => this.back(open.code),
          )
        : null,
    ].filter((part): part is HTMLElement => part !== null);
  }

  private filters(): HTMLElement {
    const t = s().psea;
    const group = el('div', { class: 'filters', role: 'group', 'aria-label': t.filter });
    for (const filter of FILTERS) {
      const button = el(
        'button',
        { type: 'button', class: 'filter', 'aria-pressed': String(filter === this.filter), 'data-key': `psea-filter-${filter}` },
        filter === 'all' ? t.all : label(t.status, filter),
      );
      button.addEventListener('click', () => {
        if (this.filter === filter) return;
        this.filter = filter;
        this.reports = [];
        this.render();
        void this.reload();
      });
      group.append(button);
    }
    return group;
  }

  /** Code and status first; then date, contact preference and language. Never the words. */
  private item(report: PseaReport): HTMLLIElement {
    const t = s().psea;
    const facts = [time(report.createdAt), label(t.contact, report.contact), label(s().lang, report.lang)].join(' · ');
    const button = el(
      'button',
      {
        type: 'button',
        class: `report-item status-${report.status}`,
        'data-code': report.code,
        'data-key': `psea-item-${report.code}`,
        'aria-current': report.code === this.open?.code ? 'true' : undefined,
      },
      el('span', { class: 'item-top' }, el('span', { class: 'ref' }, report.code), el('span', { class: 'report-status' }, label(t.status, report.status))),
      el('span', { class: 'facts-line' }, facts),
    );
    button.addEventListener('click', () => void this.show(report.code));
    return el('li', {}, button);
  }

  private changed(report: PseaReport): void {
    if (this.open?.code !== report.code) return;
    this.open = { code: report.code, report };
    this.reports = this.reports.map((r) => (r.code === report.code ? report : r));
    this.render();
    // Under a status filter it may have left the list.
    void this.reload();
  }

  /** Back to the list, on the report just read. */
  private back(code: string): void {
    this.open = undefined;
    this.openGeneration += 1;
    this.render();
    const item = this.element.querySelector<HTMLElement>(`[data-code="${CSS.escape(code)}"]`) ?? this.element.querySelector<HTMLElement>('#psea-heading');
    item?.focus();
  }
}
