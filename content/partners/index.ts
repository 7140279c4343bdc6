/**
 * The partner directory operators refer people to (issue 4: referrals). Data only, validated at
 * load: a broken entry stops the start with a message naming it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TOPICS } from '../../src/core/domain.ts';

const text = z.object({ es: z.string().min(3), en: z.string().min(3) }).strict();

const partner = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{2,40}$/, 'use lowercase letters, digits and -'),
    name: z.string().min(2),
    services: z.array(z.enum(TOPICS)).min(1),
    /** Region names as in the intake (dialogs/faro/options.ts), or "*" for everywhere. */
    regions: z.array(z.string().min(1)).min(1),
    contact: z.object({ website: z.url().optional(), email: z.email().optional(), phone: z.string().min(3).optional() }).strict(),
    howToRefer: text,
    sample: z.boolean(),
  })
  .strict();

export type Partner = z.infer<typeof partner>;

export class PartnerDirectoryError extends Error {
  override name = 'PartnerDirectoryError';
}

export function validatePartners(data: unknown, origin = 'content/partners/partners.json'): Partner[] {
  const parsed = z
    .object({ $comment: z.string().optional(), partners: z.array(partner) })
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

/** Partners offering a service in a region (or everywhere). */
export function partnersFor(partners: Partner[], service: string, region?: string): Partner[] {
  return partners.filter((p) => (p.services as string[]).includes(service) && (region === undefined || p.regions.includes('*') || p.regions.includes(region)));
}
