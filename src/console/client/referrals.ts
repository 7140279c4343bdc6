/**
 * Referrals to partner organisations: the ticket's referrals with their status (moved on as
 * the partner answers: sent → accepted | declined, accepted → done | declined), and a form to
 * refer the person to a partner from the directory (those offering the ticket's topic first).
 */
import { ApiError } from './api.ts';
import type { Ctx } from './context.ts';
import type { Drafts } from './drafts.ts';
import { el, field, option } from './dom.ts';
import { fill, label, lang, s } from './i18n.ts';
import type { Partner, Referral, ReferralStatus, Ticket } from './types.ts';
import { alertBox, errorText, whileBusy } from './ui.ts';

const NEXT: Record<ReferralStatus, ReferralStatus[]> = { sent: ['accepted', 'declined'], accepted: ['done', 'declined'], done: [], declined: [] };

export interface ReferralsState {
  /** null: the referrals API is not there (or refused). */
  referrals: Referral[] | null;
  partners: Partner[] | null;
}

export function referralsSection(ctx: Ctx, ticket: Ticket, state: ReferralsState, drafts: Drafts, changed: () => void): HTMLElement {
  const t = s().referrals;
  const section = el('section', { class: 'part', 'aria-labelledby': 'referrals-heading' }, el('h3', { id: 'referrals-heading' }, t.heading));
  if (state.referrals === null || state.partners === null) {
    section.append(el('p', { class: 'empty' }, t.unavailable));
    return section;
  }
  const partners = state.partners;
  const nameOf = (id: string) => partners.find((p) => p.id === id)?.name ?? id;
  section.append(
    state.referrals.length === 0 ? el('p', { class: 'empty' }, t.empty) : el('ul', { class: 'referrals' }, ...state.referrals.map((r) => referralItem(ctx, r, nameOf(r.partnerId), changed))),
  );
  if (ticket.status !== 'closed') section.append(referralForm(ctx, ticket, partners, drafts, changed));
  return section;
}

function referralItem(ctx: Ctx, referral: Referral, partnerName: string, changed: () => void): HTMLLIElement {
  const t = s().referrals;
  const service = referral.service ? ` · ${label(s().topic, referral.service)}` : '';
  const item = el('li', {}, el('p', {}, el('strong', {}, partnerName), service, ' · ', el('span', { class: `referral-status referral-${referral.status}` }, label(t.status, referral.status))));
  if (referral.note) item.append(el('p', { class: 'meta text' }, referral.note));
  const next = NEXT[referral.status] ?? [];
  if (next.length === 0) return item;
  const select = el('select', { 'data-key': `referral-status-${referral.id}` }, ...next.map((status) => option(status, label(t.status, status))));
  const update = el('button', { type: 'submit', 'data-key': `referral-update-${referral.id}` }, t.update);
  const errors = alertBox();
  const form = el('form', { class: 'inline-form' }, field(fill(t.statusLabel, { partner: partnerName }), select), update, errors);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void whileBusy(update, t.updating, errors, async () => {
      try {
        // `from`: if a colleague moved it meanwhile, the server refuses (409) instead of overwriting.
        await ctx.api.patch(`/api/referrals/${encodeURIComponent(referral.id)}`, { status: select.value, from: referral.status });
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) {
          // Show where it stands now; the reason stays in the page's status line.
          ctx.announce(errorText(err));
          changed();
          return;
        }
        throw err;
      }
      ctx.announce(t.updated);
      changed();
    });
  });
  item.append(form);
  return item;
}

function referralForm(ctx: Ctx, ticket: Ticket, partners: Partner[], drafts: Drafts, changed: () => void): HTMLFormElement {
  const t = s().referrals;
  const fits = (p: Partner) => ticket.topic !== undefined && p.services.includes(ticket.topic);
  const ordered = [...partners.filter(fits), ...partners.filter((p) => !fits(p))];
  const partner = el(
    'select',
    { 'data-key': 'referral-partner', required: true },
    option('', t.partnerNone),
    ...ordered.map((p) => option(p.id, p.sample ? fill(t.samplePartner, { name: p.name }) : p.name)),
  );
  const service = el('select', { 'data-key': 'referral-service' });
  const how = el('p', { class: 'hint', 'aria-live': 'polite' });
  const note = el('textarea', { rows: '2', maxlength: '2000', 'data-key': 'referral-note' });
  note.value = drafts.referralNote;
  note.addEventListener('input', () => (drafts.referralNote = note.value));
  const submit = el('button', { type: 'submit', 'data-key': 'referral-submit' }, t.submit);
  const errors = alertBox();

  const partnerChosen = () => {
    const chosen = partners.find((p) => p.id === partner.value);
    drafts.referralPartner = chosen?.id ?? '';
    const preferred = chosen?.services.includes(drafts.referralService) ? drafts.referralService : ticket.topic;
    service.replaceChildren(option('', t.serviceAny), ...(chosen?.services ?? []).map((code) => option(code, label(s().topic, code), code === preferred)));
    how.textContent = chosen ? fill(t.howToRefer, { text: chosen.howToRefer[lang()] ?? '' }) : '';
  };
  partner.value = drafts.referralPartner;
  partner.addEventListener('change', partnerChosen);
  service.addEventListener('change', () => (drafts.referralService = service.value));
  partnerChosen();

  const form = el('form', { class: 'referral-form' }, field(t.partner, partner), how, field(t.service, service), field(t.note, note), errors, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!partner.value) {
      errors.textContent = t.choosePartner;
      partner.focus();
      return;
    }
    const body = { partnerId: partner.value, ...(service.value && { service: service.value }), ...(note.value.trim() && { note: note.value.trim() }) };
    void whileBusy(submit, t.submitting, errors, async () => {
      const answer = await ctx.api.post<{ referral: Referral; personTold?: boolean }>(`/api/tickets/${encodeURIComponent(ticket.ref)}/referrals`, body);
      Object.assign(drafts, { referralNote: '', referralPartner: '', referralService: '' });
      ctx.announce(answer.personTold === false ? t.personNotTold : answer.personTold ? t.personTold : t.sent);
      changed();
    });
  });
  return form;
}
