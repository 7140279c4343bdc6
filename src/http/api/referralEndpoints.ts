/**
 * The partner directory and referrals endpoints, as data (spread into ENDPOINTS, so the router,
 * the OpenAPI document and the role × endpoint test pick them up).
 */
import * as r from './referralSchemas.ts';
import { TicketRefParams } from './ticketSchemas.ts';

export const REFERRAL_ENDPOINTS = [
  {
    operationId: 'listPartners',
    method: 'get',
    path: '/api/partners',
    access: 'referrals.manage',
    summary: 'The partner directory to refer people to, optionally only those offering a service (in a region).',
    query: r.PartnersQuery,
    success: { status: 200, body: r.PartnersAnswer },
  },
  {
    operationId: 'createReferral',
    method: 'post',
    path: '/api/tickets/{ref}/referrals',
    access: 'referrals.manage',
    summary: "Refer a ticket's person to a partner (for a service it offers, with an internal note). The person is told, in their language. Audited without the note.",
    params: TicketRefParams,
    body: r.NewReferralBody,
    success: { status: 201, body: r.ReferralAnswer },
    errors: { 404: 'No such ticket', 409: 'TicketClosed' },
  },
  {
    operationId: 'listReferrals',
    method: 'get',
    path: '/api/tickets/{ref}/referrals',
    access: 'referrals.manage',
    summary: "A ticket's referrals, oldest first, with their internal notes. Audited.",
    params: TicketRefParams,
    success: { status: 200, body: r.ReferralsAnswer },
    errors: { 404: 'No such ticket' },
  },
  {
    operationId: 'updateReferral',
    method: 'patch',
    path: '/api/referrals/{id}',
    access: 'referrals.manage',
    summary: "Record the partner's answer: sent → accepted | declined, accepted → done | declined. The person is told, also once their ticket is closed. Audited.",
    params: r.ReferralIdParams,
    body: r.ReferralStatusBody,
    success: { status: 200, body: r.ReferralAnswer },
    errors: { 404: 'No such referral', 409: 'InvalidTransition (names the allowed moves), or StatusChanged (someone else changed it meanwhile)' },
  },
] as const;
