/**
 * Handlers of the partner directory and referrals API (endpoints in referralEndpoints.ts; the
 * policy guards run first).
 *
 * - The person is told each step (sent, then the partner's answer) by Faro itself, in their
 *   ticket's language, on their channel, and it lands in the transcript. Partners answer days
 *   later, so this holds after the ticket is closed too. The referral is what counts: if the
 *   person cannot be told, it stands and the answer says `personTold: false`.
 * - Referrals follow their ticket's PSEA seal (see tickets.ts): a psea ticket has none, and
 *   answers 404 like an unknown one.
 * - The note is internal: it is never sent to the person, and the audit log keeps ids and
 *   statuses only. The contact key never leaves the store.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { type Partner, partnersFor } from '../../core/partners.ts';
import type { Referral, ReferralStatus, Ticket } from '../../core/domain.ts';
import type { Logger } from '../../log/logger.ts';
import type { PersonLink } from '../../helpdesk/personLink.ts';
import type { ReferralChange, Store } from '../../store/ports.ts';
import { HttpError } from '../errors.ts';
import type { CaseHandlerDeps } from './cases.ts';
import { iso, sendJson } from './json.ts';
import { callerOf } from './session.ts';
import { findVisibleTicket, heldByAnother, mayHandle, visibleTicket } from './ticketAccess.ts';
import { inputOf } from './input.ts';
import type { Say } from '../../core/dialog.ts';

type Handler = (req: Request, res: Response) => Promise<void>;

export interface ReferralHandlerDeps {
  store: Store;
  now: () => number;
  audit: CaseHandlerDeps['audit'];
  person: PersonLink;
  log: Logger;
  partners: Partner[];
  /** A bot string in the person's language (the catalogs, injected by the composition root). */
  say: Say;
}

/** Where a referral may go next; `done` and `declined` are final. */
const MOVES: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  sent: ['accepted', 'declined'],
  accepted: ['done', 'declined'],
  done: [],
  declined: [],
};

function noSuchReferral(): HttpError {
  return new HttpError(404, 'NotFound', 'No such referral.');
}

function invalidMove(from: ReferralStatus, to: ReferralStatus): HttpError {
  const allowed = MOVES[from];
  const message = allowed.length ? `This referral is ${from}: it cannot become ${to}; allowed: ${allowed.join(', ')}.` : `This referral is ${from}: it cannot change any more.`;
  return new HttpError(409, 'InvalidTransition', message);
}

function refused(change: Exclude<ReferralChange, { ok: true }>): HttpError {
  if (change.reason === 'not_found') return noSuchReferral();
  return new HttpError(409, 'StatusChanged', `Someone changed this referral meanwhile: it is now ${change.referral.status}.`);
}

function referralView(referral: Referral): Record<string, unknown> {
  const { contactKey: _contactKey, createdAt, updatedAt, history, ...rest } = referral;
  return { ...rest, createdAt: iso(createdAt), updatedAt: iso(updatedAt), history: history.map((step) => ({ ...step, at: iso(step.at) })) };
}

export function createReferralHandlers(deps: ReferralHandlerDeps) {
  const { store, now, audit, person, log, partners, say } = deps;

  /** Faro tells the person where their referral stands; false when it could not. */
  async function tellPerson(ticket: Ticket, referral: Referral): Promise<boolean> {
    // A partner taken out of the directory since is still named, by its id.
    const partner = partners.find((p) => p.id === referral.partnerId)?.name ?? referral.partnerId;
    const text = say(ticket.lang, `referral.${referral.status}`, { partner, ref: ticket.ref });
    try {
      await person.say(ticket, text, null);
      return true;
    } catch (err) {
      log.warn({ ticket: ticket.ref, referral: referral.id, err: err instanceof Error ? err.name : 'unknown' }, 'could not tell the person about their referral');
      return false;
    }
  }

  const listPartners: Handler = async (_req, res) => {
    const { query } = inputOf(res, 'listPartners');
    sendJson(res, 200, { partners: query.service ? partnersFor(partners, query.service, query.region) : partners });
  };

  const createReferral: Handler = async (req, res) => {
    const {
      params: { ref },
      body,
    } = inputOf(res, 'createReferral');
    const ticket = await visibleTicket(store, ref);
    if (!mayHandle(ticket, callerOf(req).account)) throw heldByAnother();
    if (ticket.status === 'closed') throw new HttpError(409, 'TicketClosed', 'This ticket is closed.');
    const partner = partners.find((p) => p.id === body.partnerId);
    if (!partner) throw new HttpError(400, 'UnknownPartner', 'No partner with this id in the directory (see GET /api/partners).');
    if (body.service && !partner.services.includes(body.service)) {
      throw new HttpError(400, 'ServiceNotOffered', `${partner.name} does not offer ${body.service}; it offers ${partner.services.join(', ')}.`);
    }
    const actor = callerOf(req).account.id;
    const at = now();
    const referral: Referral = {
      id: randomUUID(),
      ticketRef: ticket.ref,
      contactKey: ticket.contactKey,
      partnerId: partner.id,
      ...(body.service && { service: body.service }),
      ...(body.note && { note: body.note }),
      status: 'sent',
      createdBy: actor,
      createdAt: at,
      updatedAt: at,
      history: [{ status: 'sent', by: actor, at }],
    };
    await store.referrals.create(referral);
    await audit(actor, 'referrals.create', referral.id, { ticket: ticket.ref, partner: partner.id, status: referral.status });
    const personTold = await tellPerson(ticket, referral);
    sendJson(res, 201, { referral: referralView(referral), personTold });
  };

  const listReferrals: Handler = async (req, res) => {
    const ticket = await visibleTicket(store, inputOf(res, 'listReferrals').params.ref);
    if (!mayHandle(ticket, callerOf(req).account)) throw heldByAnother();
    const referrals = await store.referrals.listByTicket(ticket.ref);
    // The notes may describe the person: reading them leaves a trace, like reading the ticket.
    await audit(callerOf(req).account.id, 'referrals.list', ticket.ref, { count: referrals.length });
    sendJson(res, 200, { referrals: referrals.map(referralView) });
  };

  const updateReferral: Handler = async (req, res) => {
    const {
      params: { id },
      body,
    } = inputOf(res, 'updateReferral');
    const referral = await store.referrals.get(id);
    const ticket = referral && (await findVisibleTicket(store, referral.ticketRef));
    if (!referral || !ticket) throw noSuchReferral();
    if (!mayHandle(ticket, callerOf(req).account)) throw heldByAnother();
    const from = body.from ?? referral.status;
    if (!MOVES[from].includes(body.status)) throw invalidMove(from, body.status);
    const actor = callerOf(req).account.id;
    const change = await store.referrals.setStatus(id, from, body.status, actor, now());
    if (!change.ok) throw refused(change);
    await audit(actor, 'referrals.status', id, { ticket: ticket.ref, from: referral.status, to: body.status });
    const personTold = await tellPerson(ticket, change.referral);
    sendJson(res, 200, { referral: referralView(change.referral), personTold });
  };

  return { listPartners, createReferral, listReferrals, updateReferral };
}
