/**
 * An entry of the partner directory operators refer people to: its one schema (content/partners
 * validates the shipped directory with it) and how the directory is searched.
 */
import { z } from 'zod';
import { TOPICS } from './domain.ts';

const text = z.object({ es: z.string().min(3), en: z.string().min(3) }).strict();

export const PartnerRecord = z
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

export type Partner = z.infer<typeof PartnerRecord>;

/** Partners offering a service in a region (or everywhere). */
export function partnersFor(partners: Partner[], service: string, region?: string): Partner[] {
  return partners.filter((p) => (p.services as string[]).includes(service) && (region === undefined || p.regions.includes('*') || p.regions.includes(region)));
}
