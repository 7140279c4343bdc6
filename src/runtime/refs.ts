// No 0/O, 1/I/L, 5/S, 2/Z: a reference is read aloud over the phone and typed on small keyboards.
const ALPHABET = '346789ABCDEFGHJKMNPQRTUVWXY';

/**
 * A short ticket reference like `K7P-4QM` (27^6 ≈ 387 million), derived from a seed
 * (conversation, message, draw). Deterministic on purpose: a turn re-run after a crash or a
 * lost commit draws the same reference, so opening its ticket again is a no-op instead of a
 * duplicate. References of different tickets can still collide (birthday odds reach a few
 * percent after tens of thousands of tickets); the runtime then re-runs the turn with the next
 * draw (see TurnRuntime.claiming).
 * A reference is not a secret (the seed includes the platform's message id, which outsiders
 * do not see), so a fast 53-bit string hash is enough; it runs on every turn.
 */
export function ticketRef(seed: string): string {
  let n = hash53(seed);
  let ref = '';
  for (let i = 0; i < 6; i++) {
    ref += ALPHABET[n % 27];
    n = Math.floor(n / 27);
  }
  return `${ref.slice(0, 3)}-${ref.slice(3)}`;
}

/** Two interleaved 32-bit multiplicative hashes combined into 53 bits. */
function hash53(text: string): number {
  let h1 = 0x9e3779b9;
  let h2 = 0x85ebca6b;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x85ebca77);
    h2 = Math.imul(h2 ^ c, 0xc2b2ae3d);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x27d4eb2f) ^ Math.imul(h2 ^ (h2 >>> 13), 0x165667b1);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x27d4eb2f) ^ Math.imul(h1 ^ (h1 >>> 13), 0x165667b1);
  return 0x200000 * ((h2 >>> 0) & 0x1fffff) + (h1 >>> 0);
}

const SYMBOL = `[${ALPHABET}]`;
/** `K7P-4QM` as people type it: any case, a hyphen, dash or space in the middle, or none when
 * the six symbols mix letters and digits (six letters alone are too often a word: "QUEDAR"). */
const REFERENCE = new RegExp(`(?<![0-9A-Z])(${SYMBOL}{3})(?:[-\u2010-\u2015 ]|(?=${SYMBOL}{3}(?![0-9A-Z])))(${SYMBOL}{3})(?![0-9A-Z])`, 'i');

/** The first reference-shaped token in a message, normalised (`k7p 4qm` → `K7P-4QM`), or null. */
export function findReference(text: string): string | null {
  const match = REFERENCE.exec(text.toUpperCase());
  if (!match) return null;
  const [whole, left, right] = match as unknown as [string, string, string];
  const separated = whole.length === 7;
  if (!separated && !/\d/.test(whole)) return null;
  // Two words of three letters ("QUE VAN") are not a reference either.
  if (separated && whole[3] === ' ' && !/\d/.test(whole)) return null;
  return `${left}-${right}`;
}
