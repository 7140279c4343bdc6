/**
 * The live queue: tickets waiting, in progress or closed, oldest first. Each is a button that
 * opens the ticket. Waiting times tick on the device between reloads (every 20 s), and the
 * list is reloaded from the server when a ticket event arrives and, gently, once a minute.
 */
import type { Ctx } from './context.ts';
import { el, replace } from './dom.ts';
import { duration, time } from './format.ts';
import { fill, label, s } from './i18n.ts';
import type { TicketStatus, TicketSummary } from './types.ts';
import { alertBox, keepingFocus, showError, whileBusy } from './ui.ts';

const TICK_MS = 20_000;
const RELOAD_MS = 60_000;
const FILTERS: TicketStatus[] = ['open', 'claimed', 'closed'];

export class QueueView {
  readonly element = el('section', { class: 'panel queue', 'aria-labelledby': 'queue-heading' });
  private filter: TicketStatus = 'open';
  private tickets: TicketSummary[] = [];
  private fetchedAt = Date.now();
  private openRef: string | undefined;
  private loading: Promise<void> | undefined;
  private again = false;
  private readonly errors = alertBox();
  private readonly timers: number[] = [];

  constructor(private readonly ctx: Ctx) {}

  start(): void {
    this.render();
    this.timers.push(
      window.setInterval(() => this.tick(), TICK_MS),
      window.setInterval(() => void this.reload(), RELOAD_MS),
    );
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  /** Reloads the list; calls made while one runs are folded into one more. */
  reload(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        do {
          this.again = false;
          const filter = this.filter;
          const answer = await this.ctx.api.get<{ tickets: TicketSummary[] }>(`/api/tickets?status=${filter}`);
          if (filter !== this.filter) continue;
          this.tickets = answer.tickets;
          this.fetchedAt = Date.now();
          this.errors.textContent = '';
          this.render();
        } while (this.again);
      } catch (err) {
        showError(this.errors, err);
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  /** Marks the ticket shown on the right (or below, on a phone). */
  select(ref: string | undefined): void {
    this.openRef = ref;
    for (const button of this.element.querySelectorAll<HTMLButtonElement>('.ticket-item')) {
      if (button.dataset.ref === ref) button.setAttribute('aria-current', 'true');
      else button.removeAttribute('aria-current');
    }
  }

  /** A ticket appeared or moved: announce a new one when it is not in view. */
  ticketEvent(ref: string, status: TicketStatus): void {
    if (status === 'open' && this.filter !== 'open' && !this.tickets.some((t) => t.ref === ref)) this.ctx.announce(fill(s().queue.newTicket, { ref }));
    void this.reload();
  }

  render(): void {
    keepingFocus(
      this.element,
      () => replace(this.element, ...this.parts()),
      () => this.element.querySelector('h2'),
    );
  }

  focusHeading(): void {
    this.element.querySelector<HTMLElement>('h2')?.focus();
  }

  private parts(): Node[] {
    const t = s().queue;
    const filters = el('div', { class: 'filters', role: 'group', 'aria-label': t.filter });
    for (const status of FILTERS) {
      const button = el('button', { type: 'button', class: 'filter', 'aria-pressed': String(status === this.filter), 'data-key': `filter-${status}` }, t[status]);
      button.addEventListener('click', () => {
        if (this.filter === status) return;
        this.filter = status;
        this.tickets = [];
        this.render();
        void this.reload();
      });
      filters.append(button);
    }
    const refresh = el('button', { type: 'button', class: 'quiet', 'data-key': 'queue-refresh' }, t.refresh);
    refresh.addEventListener('click', () => void whileBusy(refresh, t.refreshing, this.errors, () => this.reload()));
    const list = this.tickets.length === 0 ? el('p', { class: 'empty' }, t.empty) : el('ul', { class: 'tickets' }, ...this.tickets.map((ticket) => this.item(ticket)));
    return [el('div', { class: 'panel-head' }, el('h2', { id: 'queue-heading', tabindex: '-1' }, t.heading), refresh), filters, this.errors, list];
  }

  private item(ticket: TicketSummary): HTMLLIElement {
    const all = s();
    const mine = ticket.claimedBy === this.ctx.me.user.id;
    const facts = [ticket.channel, label(all.lang, ticket.lang), ticket.topic ? label(all.topic, ticket.topic) : ''].filter(Boolean).join(' · ');
    const when = el('span', { class: 'wait' }, this.waitText(ticket));
    if (ticket.waitingMs !== undefined) when.dataset.waitingMs = String(ticket.waitingMs);
    const button = el(
      'button',
      { type: 'button', class: `ticket-item reason-${ticket.reason}`, 'data-ref': ticket.ref, 'data-key': `ticket-${ticket.ref}`, 'aria-current': ticket.ref === this.openRef ? 'true' : undefined },
      el(
        'span',
        { class: 'item-top' },
        el('span', { class: 'ref' }, ticket.ref),
        el('span', { class: 'reason' }, label(all.reason, ticket.reason)),
        mine ? el('span', { class: 'tag' }, all.queue.yours) : null,
      ),
      el('span', { class: 'facts-line' }, facts),
      when,
    );
    button.addEventListener('click', () => this.ctx.openTicket(ticket.ref));
    return el('li', {}, button);
  }

  private waitText(ticket: TicketSummary): string {
    const t = s().queue;
    if (ticket.waitingMs !== undefined) return fill(t.waiting, { time: duration(ticket.waitingMs + Date.now() - this.fetchedAt) });
    return fill(t.since, { time: time(ticket.createdAt) });
  }

  /** Waiting times move on without asking the server. */
  private tick(): void {
    const t = s().queue;
    for (const span of this.element.querySelectorAll<HTMLElement>('.wait[data-waiting-ms]')) {
      span.textContent = fill(t.waiting, { time: duration(Number(span.dataset.waitingMs) + Date.now() - this.fetchedAt) });
    }
  }
}
