/**
 * The partner directory operators refer people to (issue 4: referrals). Data only, validated at
 * load: a broken entry stops the start with a message naming it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type Partner, PartnerRecord } from '../../src/core/partners.ts';

export { type Partner, partnersFor } from '../../src/core/partners.ts';

export class PartnerDirectoryError extends Error {
  override name = 'PartnerDirectoryError';
}

export function validatePartners(data: unknown, origin = 'content/partners/partners.json'): Partner[] {
  const parsed = z
    .object({ $comment: z.string().optional(), partners: z.array(PartnerRecord) })
    .strict()
    .safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new PartnerDirectoryError(`${origin} is not valid:\n${lines.join('\n')}`);
  }
  const ids = new Set<string>();
  for (const p of parsed.data.partners) {
    if (ids.has(p.id)) throw new PartnerDirectoryError(`${origin}: partner id "${p.id}" is used twice`);
    ids.add(p.id);
    if (!p.contact.website && !p.contact.email && !p.contact.phone) throw new PartnerDirectoryError(`${origin}: partner "${p.id}" needs a website, e-mail or phone`);
  }
  return parsed.data.partners;
}

export function loadPartners(): Partner[] {
  return validatePartners(JSON.parse(readFileSync(new URL('./partners.json', import.meta.url), 'utf8')) as unknown);
}
