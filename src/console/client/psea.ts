/**
 * For the PSEA focal point only: a banner when a confidential report is filed (the event says
 * nothing more) and the list of sealed reports by code, status and date. Kept minimal on
 * purpose: report content is read elsewhere, and other roles never see this section.
 */
import type { Ctx } from './context.ts';
import { el, replace } from './dom.ts';
import { time } from './format.ts';
import { fill, label, s } from './i18n.ts';
import type { PseaReport } from './types.ts';
import { alertBox, keepingFocus, showError, whileBusy } from './ui.ts';

export class PseaView {
  readonly element = el('section', { class: 'panel psea', 'aria-labelledby': 'psea-heading' });
  private reports: PseaReport[] = [];
  private filed = false;
  private readonly errors = alertBox();
  /** Stays in the page, so the alert is read out when its text appears. */
  private readonly banner = el('p', { class: 'banner', role: 'alert' });

  constructor(private readonly ctx: Ctx) {}

  async reload(): Promise<void> {
    try {
      this.reports = (await this.ctx.api.get<{ reports: PseaReport[] }>('/api/cases?type=psea')).reports;
      this.errors.textContent = '';
      this.render();
    } catch (err) {
      showError(this.errors, err);
    }
  }

  reportFiled(): void {
    this.filed = true;
    this.banner.textContent = s().psea.alert;
    void this.reload();
  }

  render(): void {
    const t = s().psea;
    this.banner.textContent = this.filed ? t.alert : '';
    keepingFocus(this.element, () => replace(this.element, ...this.parts()));
  }

  private parts(): Node[] {
    const t = s().psea;
    const refresh = el('button', { type: 'button', class: 'quiet', 'data-key': 'psea-refresh' }, t.refresh);
    refresh.addEventListener('click', () => void whileBusy(refresh, t.refreshing, this.errors, () => this.reload()));
    const list =
      this.reports.length === 0
        ? el('p', { class: 'empty' }, t.empty)
        : el('ul', { class: 'reports' }, ...this.reports.map((r) => el('li', {}, fill(t.item, { code: r.code, status: label(t.status, r.status), time: time(r.createdAt) }))));
    return [el('div', { class: 'panel-head' }, el('h2', { id: 'psea-heading' }, t.heading), refresh), this.banner, this.errors, list];
  }
}
