import { createHash } from 'node:crypto';

// No 0/O, 1/I/L, 5/S, 2/Z: a reference is read aloud over the phone and typed on small keyboards.
const ALPHABET = '346789ABCDEFGHJKMNPQRTUVWXY';

/**
 * A short ticket reference like `K7P-4QM` (27^6 ≈ 387 million), derived from a seed
 * (conversation, message, attempt). Deterministic on purpose: a turn re-run after a crash
 * draws the same reference, so opening its ticket again is a no-op instead of a duplicate.
 * References of different tickets can still collide (birthday odds reach a few percent after
 * tens of thousands of tickets); the runtime then re-runs the turn with the next attempt.
 */
export function ticketRef(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  let ref = '';
  for (let i = 0; ref.length < 6; i++) {
    const byte = digest[i]!;
    if (byte < 27 * 9) ref += ALPHABET[byte % 27]; // reject bytes ≥ 243 so every symbol is equally likely
  }
  return `${ref.slice(0, 3)}-${ref.slice(3)}`;
}
