/** Shapes of the canned responses API (validate at the edge and generate the OpenAPI document, like schemas.ts). */
import { z } from 'zod';
import { LANGUAGES } from '../../core/domain.ts';

/** Ids are UUIDs; anything else cannot name a response, so it is a 404. */
export const CannedIdParams = z.strictObject({ id: z.uuid() });

const Lang = z.enum(LANGUAGES);
const Title = z.string().trim().min(1).max(80).describe('What operators pick it by in the console.');
const Text = z.string().trim().min(1).max(2000).describe('Sent to the person as plain text, never markup.');

export const CannedResponsesQuery = z.strictObject({ lang: Lang.optional().describe("Only this language (the ticket's); omit for all.") });
export const NewCannedResponseBody = z.strictObject({ lang: Lang, title: Title, text: Text });
export const CannedResponseChangesBody = z
  .strictObject({ lang: Lang.optional(), title: Title.optional(), text: Text.optional() })
  .refine((b) => b.lang !== undefined || b.title !== undefined || b.text !== undefined, { message: 'give lang, title or text' });
/** Deleting takes no input; a body, if sent, must be empty so a confused client is told. */
export const DeleteCannedResponseBody = z.strictObject({});

const CannedResponseView = z.object({
  id: z.string(),
  lang: Lang,
  title: z.string().describe('Render as text, never as HTML.'),
  text: z.string().describe('Render as text, never as HTML.'),
  createdBy: z.string().describe('Staff id.'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export const CannedResponsesAnswer = z.object({ responses: z.array(CannedResponseView).describe('By language, then title.') });
export const CannedResponseAnswer = z.object({ response: CannedResponseView });
