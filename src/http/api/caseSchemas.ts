/**
 * Shapes of the cases API (complaints, suggestions, compliments) and of the SEALED PSEA reports
 * API. Validate at the edge and generate the OpenAPI document, like schemas.ts.
 */
import { z } from 'zod';
import { CASE_STATUSES, LANGUAGES, PSEA_CONTACT_PREFERENCES } from '../../core/domain.ts';
import { CaseRecord } from '../../core/records.ts';
import { viewOf } from './views.ts';

/** What `GET /api/cases?type=` accepts: `feedback` is suggestions and compliments together. */
export const CASE_LIST_TYPES = ['complaint', 'feedback', 'psea'] as const;
export type CaseListType = (typeof CASE_LIST_TYPES)[number];

const Status = z.enum(CASE_STATUSES);
/** References and codes are short (`K7P-4QM`); anything else cannot name a record, so it is a 404. */
const Ref = z.string().regex(/^[0-9A-Za-z-]{1,32}$/);

export const CasesQuery = z.strictObject({ type: z.enum(CASE_LIST_TYPES), status: Status.optional() });
export const CaseRefParams = z.strictObject({ ref: Ref });
export const PseaCodeParams = z.strictObject({ code: Ref });
export const CaseStatusBody = z.strictObject({
  status: Status,
  outcome: z.string().trim().min(1).max(2000).optional().describe('What was done; replaces the recorded outcome. Omit to keep it.'),
});
/** A report has no outcome field: what the focal point did stays outside Faro's reach by design. */
export const PseaStatusBody = z.strictObject({ status: Status });
export const PseaMessageBody = z.strictObject({
  text: z.string().trim().min(1).max(2000).describe('Sent to the person in their chat as plain text; their answers come back to the report, sealed.'),
});

export const CaseView = viewOf(CaseRecord, ['contactKey']).extend({ text: z.string().describe("The person's own words: render as text, never as HTML.") });
export const PseaReportView = z.object({
  code: z.string(),
  text: z.string().describe("The person's own words: render as text, never as HTML."),
  contact: z.enum(PSEA_CONTACT_PREFERENCES),
  channel: z.string().optional().describe('Only when the person agreed to be contacted.'),
  phone: z.string().optional().describe('Only when the person asked for a call back.'),
  lang: z.enum(LANGUAGES),
  status: Status,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  messages: z
    .array(z.object({ id: z.string(), from: z.enum(['focal_point', 'person']), text: z.string().describe('Render as text, never as HTML.'), at: z.iso.datetime(), staffId: z.string().optional() }))
    .optional()
    .describe('The follow-up in the chat (reports with contact this_chat), oldest first.'),
});
export const CasesAnswer = z.union([
  z.object({ cases: z.array(CaseView) }).describe('type=complaint or type=feedback, oldest first'),
  z.object({ reports: z.array(PseaReportView) }).describe('type=psea (psea_focal only), oldest first'),
]);
export const CaseAnswer = z.object({ case: CaseView });
export const PseaReportAnswer = z.object({ report: PseaReportView });
