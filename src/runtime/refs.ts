import { randomBytes } from 'node:crypto';

// No 0/O, 1/I/L, 5/S, 2/Z: a reference is read aloud over the phone and typed on small keyboards.
const ALPHABET = '346789ABCDEFGHJKMNPQRTUVWXY';

/**
 * Draws short ticket references like `K7P-4QM` (27^6 ≈ 387 million). Random bytes are drawn
 * in blocks: a reference is drawn for every turn (the dialog is pure, so it gets one ready in
 * case it opens a ticket) and most are never used.
 */
export function createRefGenerator(): () => string {
  let pool = randomBytes(0);
  let at = 0;
  return () => {
    let ref = '';
    while (ref.length < 6) {
      if (at >= pool.length) {
        pool = randomBytes(6 * 1024);
        at = 0;
      }
      const byte = pool[at++]!;
      if (byte < 27 * 9) ref += ALPHABET[byte % 27]; // reject bytes ≥ 243 so every symbol is equally likely
    }
    return `${ref.slice(0, 3)}-${ref.slice(3)}`;
  };
}
