/** Shapes of the partners and referrals API (validate at the edge and generate the OpenAPI document, like schemas.ts). */
import { z } from 'zod';
import { REFERRAL_STATUSES, TOPICS } from '../../core/domain.ts';
import { ReferralRecord, ReferralStepRecord } from '../../core/records.ts';
import { viewOf } from './views.ts';

const Service = z.enum(TOPICS);
const Status = z.enum(REFERRAL_STATUSES);

export const PartnersQuery = z
  .strictObject({
    service: Service.optional().describe('Only partners offering this service.'),
    region: z.string().trim().min(1).max(80).optional().describe('With service: only partners working in this region (or everywhere).'),
  })
  .refine((q) => q.region === undefined || q.service !== undefined, { message: 'region needs a service too' });

/** Ids are UUIDs; anything else cannot name a referral, so it is a 404. */
export const ReferralIdParams = z.strictObject({ id: z.uuid() });
export const NewReferralBody = z.strictObject({
  partnerId: z.string().min(1).max(40).describe('From GET /api/partners.'),
  service: Service.optional().describe('One the partner offers.'),
  note: z.string().trim().min(1).max(2000).optional().describe('Internal: for the team and the partner, never shown to the person.'),
});
export const ReferralStatusBody = z.strictObject({
  status: Status.describe('sent → accepted | declined; accepted → done | declined. The person is told.'),
  from: Status.optional().describe('The status you saw. If it changed meanwhile (a colleague answered first), 409 StatusChanged and nothing changes.'),
});

const Text = z.object({ es: z.string(), en: z.string() });
const PartnerView = z.object({
  id: z.string(),
  name: z.string(),
  services: z.array(Service),
  regions: z.array(z.string()).describe('Region names, or "*" for everywhere.'),
  contact: z.object({ website: z.string().optional(), email: z.string().optional(), phone: z.string().optional() }),
  howToRefer: Text,
  sample: z.boolean().describe('Sample entry: verify it before referring anyone.'),
});
export const PartnersAnswer = z.object({ partners: z.array(PartnerView) });

const ReferralView = viewOf(ReferralRecord, ['contactKey']).extend({
  service: Service.optional(),
  note: z.string().optional().describe('Internal. Render as text, never as HTML.'),
  createdBy: z.string().describe('Staff id.'),
  history: viewOf(ReferralStepRecord).array().describe('Oldest first; the first is sent.'),
});
export const ReferralsAnswer = z.object({ referrals: z.array(ReferralView).describe('Oldest first.') });
export const ReferralAnswer = z.object({
  referral: ReferralView,
  personTold: z.boolean().describe('False when the person could not be told (their conversation is gone, or their channel is not running): the referral stands, tell them another way.'),
});
