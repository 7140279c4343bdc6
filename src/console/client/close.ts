/** Closing a ticket with an outcome. Hidden when closed, or when someone else holds it and the
 * caller may not close others' tickets (the server would refuse). */
import type { Ctx } from './context.ts';
import { el, field, option } from './dom.ts';
import { fill, s } from './i18n.ts';
import { OUTCOMES, type Ticket } from './types.ts';
import { alertBox, whileBusy } from './ui.ts';

export function closeSection(ctx: Ctx, ticket: Ticket, closed: (ticket: Ticket) => void): HTMLElement | null {
  if (ticket.status === 'closed' || !ctx.can('tickets.close')) return null;
  if (ticket.status === 'claimed' && ticket.claimedBy !== ctx.me.user.id && !ctx.can('tickets.closeOthers')) return null;
  const t = s().close;
  const outcome = el('select', { 'data-key': 'close-outcome', required: true }, option('', t.outcomeNone), ...OUTCOMES.map((code) => option(code, t.outcomes[code])));
  const submit = el('button', { type: 'submit', class: 'danger', 'data-key': 'close-submit' }, t.submit);
  const errors = alertBox();
  const form = el('form', { class: 'inline-form' }, field(t.outcome, outcome), submit, errors);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!outcome.value) {
      errors.textContent = t.chooseOutcome;
      outcome.focus();
      return;
    }
    void whileBusy(submit, t.submitting, errors, async () => {
      const answer = await ctx.api.post<{ ticket: Ticket }>(`/api/tickets/${encodeURIComponent(ticket.ref)}/close`, { outcome: outcome.value });
      ctx.announce(fill(t.done, { ref: ticket.ref }));
      closed(answer.ticket);
    });
  });
  return el('section', { class: 'part', 'aria-labelledby': 'close-heading' }, el('h3', { id: 'close-heading' }, t.heading), form);
}
