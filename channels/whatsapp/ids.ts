import { createHmac } from 'node:crypto';

/**
 * Pseudonymous ids for logs. A wa_id IS the person's phone number, and a wamid is base64 that
 * embeds it too (`wamid.HBgLNTE5…` decodes to `…51987…`), so neither is ever logged. Logs carry
 * a keyed hash instead: stable within a deployment (lines about one person or message can be
 * followed), useless without the key (10^10 phone numbers are too few to hide behind a plain
 * hash).
 */
export type Pseudonymizer = (id: string) => string;

export function createPseudonymizer(key: string): Pseudonymizer {
  const derived = createHmac('sha256', key).update('faro:whatsapp:log-ref:v1').digest();
  return (id) => createHmac('sha256', derived).update(id).digest('base64url').slice(0, 12);
}
