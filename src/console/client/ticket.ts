/**
 * One ticket: what it is, the person's intake, the conversation, and what the operator can do
 * (claim, write, note, refer, close). Opening a ticket moves the focus to its heading. Live
 * lines are appended; other changes reload the ticket and re-render it, keeping the focus and
 * whatever the operator was typing.
 */
import { ApiError } from './api.ts';
import { closeSection } from './close.ts';
import { composer } from './composer.ts';
import type { Ctx } from './context.ts';
import { emptyDrafts, type Drafts } from './drafts.ts';
import { el, replace } from './dom.ts';
import { intakeSection } from './intake.ts';
import { notesSection } from './notes.ts';
import { referralsSection, type ReferralsState } from './referrals.ts';
import { time } from './format.ts';
import { fill, label, s } from './i18n.ts';
import { TranscriptView } from './transcript.ts';
import type { Line, LineNotice, Referral, Ticket, TicketDetail } from './types.ts';
import { alertBox, keepingFocus, showError, whileBusy } from './ui.ts';

export class TicketView {
  readonly element = el('section', { class: 'panel ticket', 'aria-labelledby': 'ticket-heading' });
  private ref: string | undefined;
  private detail: TicketDetail | undefined;
  private transcript: TranscriptView | undefined;
  private referrals: ReferralsState = { referrals: null, partners: null };
  private readonly drafts = new Map<string, Drafts>();
  private readonly errors = alertBox();
  /** Counts loads, so an answer for a ticket no longer shown is dropped. */
  private generation = 0;

  constructor(
    private readonly ctx: Ctx,
    private readonly backToQueue: () => void,
  ) {}

  get openRef(): string | undefined {
    return this.ref;
  }

  /** Opens a ticket and moves the focus to its heading once loaded. */
  async show(ref: string): Promise<void> {
    if (ref !== this.ref) {
      this.ref = ref;
      this.detail = undefined;
      this.transcript = undefined;
      this.referrals = { referrals: null, partners: null };
      replace(this.element, el('h2', { id: 'ticket-heading', tabindex: '-1' }, fill(s().ticket.heading, { ref })), el('p', { role: 'status' }, s().ticket.loading), this.errors);
    }
    await this.reload();
    const heading = this.element.querySelector<HTMLElement>('#ticket-heading');
    if (!heading) return;
    heading.focus({ preventScroll: true });
    // On a phone the ticket is below the queue: bring it up. Side by side, it is in view already.
    const top = heading.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 2) heading.scrollIntoView({ block: 'start' });
  }

  /** Re-reads the ticket (and its referrals) from the server. */
  async reload(): Promise<void> {
    const ref = this.ref;
    if (!ref) return;
    const generation = ++this.generation;
    try {
      const path = `/api/tickets/${encodeURIComponent(ref)}`;
      const [detail, referrals, partners] = await Promise.all([
        this.ctx.api.get<TicketDetail>(path),
        this.loadReferrals(ref),
        this.ctx.can('referrals.manage') ? this.ctx.partners() : Promise.resolve(null),
      ]);
      if (generation !== this.generation) return;
      this.errors.textContent = '';
      this.detail = detail;
      this.referrals = { referrals, partners };
      if (this.transcript) this.transcript.merge(detail.transcript);
      else this.transcript = new TranscriptView(this.ctx.me.user.id, detail.transcript);
      this.render();
    } catch (err) {
      if (generation !== this.generation) return;
      showError(this.errors, err);
      if (!this.errors.isConnected) this.element.append(this.errors);
    }
  }

  /** A live line: appended to the open ticket's conversation, once. Only the ticket's holder
   * receives the text live; anyone else looking at the ticket reads it again (an audited read),
   * once for a burst of lines. */
  addLine(ref: string, line: Line | LineNotice): void {
    if (ref !== this.ref || !this.transcript) return;
    if (!('text' in line)) {
      if (!this.transcript.has(line.id)) this.reloadSoon();
      return;
    }
    if (this.transcript.add(line)) this.detail?.transcript.push(line);
  }

  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private reloadSoon(): void {
    this.reloadTimer ??= setTimeout(() => {
      this.reloadTimer = undefined;
      void this.reload();
    }, 300);
  }

  render(): void {
    if (!this.ref || !this.detail) {
      if (!this.ref) replace(this.element, el('h2', { id: 'ticket-heading', tabindex: '-1' }, s().ticket.section), el('p', { class: 'empty' }, s().ticket.none));
      return;
    }
    const detail = this.detail;
    // Re-attaching the log resets its scroll: keep the operator's place unless they were at the end.
    const log = this.transcript?.element;
    const place = log?.isConnected && !this.transcript!.atEnd() ? log.scrollTop : undefined;
    keepingFocus(
      this.element,
      () => replace(this.element, ...this.parts(detail)),
      () => this.element.querySelector('#ticket-heading'),
    );
    if (place === undefined) this.transcript?.scrollToEnd();
    else log!.scrollTop = place;
  }

  private parts({ ticket, intake }: TicketDetail): Node[] {
    const t = s().ticket;
    const drafts = this.draftsFor(ticket.ref);
    const mine = ticket.status === 'claimed' && ticket.claimedBy === this.ctx.me.user.id;
    const back = el('button', { type: 'button', class: 'quiet back', 'data-key': 'ticket-back' }, t.back);
    back.addEventListener('click', this.backToQueue);
    const transcript = this.transcript!;
    transcript.relabel();
    return [
      el('div', { class: 'panel-head' }, el('h2', { id: 'ticket-heading', tabindex: '-1' }, fill(t.heading, { ref: ticket.ref })), back),
      this.errors,
      this.facts(ticket),
      this.holderActions(ticket),
      intakeSection(intake),
      el(
        'section',
        { class: 'part', 'aria-labelledby': 'transcript-heading' },
        el('h3', { id: 'transcript-heading' }, s().transcript.heading),
        transcript.element,
        mine ? composer(this.ctx, ticket, drafts, (line) => this.addLine(ticket.ref, line)) : null,
      ),
      notesSection(this.ctx, ticket, drafts, (updated) => this.ticketUpdated(updated)),
      this.ctx.can('referrals.manage') ? referralsSection(this.ctx, ticket, this.referrals, drafts, () => void this.reload()) : null,
      closeSection(this.ctx, ticket, (updated) => this.ticketUpdated(updated)),
    ].filter((part): part is HTMLElement => part !== null);
  }

  private facts(ticket: Ticket): HTMLElement {
    const all = s();
    const t = all.ticket;
    const rows: [string, string][] = [
      [t.status, label(all.status, ticket.status)],
      [t.reason, label(all.reason, ticket.reason)],
      [t.channel, ticket.channel],
      [t.language, label(all.lang, ticket.lang)],
    ];
    if (ticket.topic) rows.push([t.topic, label(all.topic, ticket.topic)]);
    rows.push([t.created, time(ticket.createdAt)]);
    if (ticket.claimedBy) rows.push([t.holder, ticket.claimedBy === this.ctx.me.user.id ? t.holderYou : t.holderOther]);
    if (ticket.outcome) rows.push([t.outcome, label(all.close.outcomes, ticket.outcome)]);
    if (ticket.rating) rows.push([t.rating, fill(t.ratingValue, { score: ticket.rating.score }) + (ticket.rating.comment ? ` · ${ticket.rating.comment}` : '')]);
    return el('dl', { class: 'facts' }, ...rows.map(([name, value]) => el('div', {}, el('dt', {}, name), el('dd', {}, value))));
  }

  /** Claim, or why the operator cannot write. */
  private holderActions(ticket: Ticket): HTMLElement {
    const t = s().ticket;
    const box = el('div', { class: 'holder' });
    if (ticket.status === 'closed') box.append(el('p', { class: 'note' }, t.closedNote));
    else if (ticket.status === 'claimed' && ticket.claimedBy !== this.ctx.me.user.id) box.append(el('p', { class: 'note' }, t.heldByOther));
    else if (ticket.status === 'open' && this.ctx.can('tickets.claim')) {
      const claim = el('button', { type: 'button', class: 'primary', 'data-key': 'ticket-claim' }, t.claim);
      // The ticket-wide error box: it outlives the re-render that follows a lost race.
      claim.addEventListener(
        'click',
        () =>
          void whileBusy(claim, t.claiming, this.errors, async () => {
            let answer: { ticket: Ticket };
            try {
              answer = await this.ctx.api.post<{ ticket: Ticket }>(`/api/tickets/${encodeURIComponent(ticket.ref)}/claim`);
            } catch (err) {
              // Someone else won (409 AlreadyClaimed) or it closed: show who holds it now.
              if (err instanceof ApiError && err.status === 409) {
                await this.reload();
                this.ctx.queueChanged();
              }
              throw err;
            }
            this.ticketUpdated(answer.ticket);
            this.ctx.announce(fill(t.claimed, { ref: ticket.ref }));
            this.element.querySelector<HTMLElement>('[data-key="composer-text"]')?.focus();
          }),
      );
      box.append(el('p', { class: 'note' }, t.claimFirst), claim);
    }
    return box;
  }

  private ticketUpdated(ticket: Ticket): void {
    if (!this.detail || ticket.ref !== this.ref) return;
    this.detail = { ...this.detail, ticket };
    this.render();
    this.ctx.queueChanged();
  }

  private async loadReferrals(ref: string): Promise<Referral[] | null> {
    if (!this.ctx.can('referrals.manage')) return null;
    try {
      return (await this.ctx.api.get<{ referrals: Referral[] }>(`/api/tickets/${encodeURIComponent(ref)}/referrals`)).referrals;
    } catch (err) {
      // Missing (404) or refused: the section says referrals are not available.
      if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return null;
      throw err;
    }
  }

  private draftsFor(ref: string): Drafts {
    let drafts = this.drafts.get(ref);
    if (!drafts) {
      drafts = emptyDrafts();
      this.drafts.set(ref, drafts);
    }
    return drafts;
  }
}
