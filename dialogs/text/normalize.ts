/**
 * Text normalisation shared by every recogniser (commands, choices, FAQ search, protection
 * signals). People write short, misspelt, accent-less, emoji-laden text on cheap phones:
 * "Kiero ablar cn alguien!!! 😭😭" → "kiero ablar cn alguien".
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Anything that is not a letter or a digit becomes a space (emoji, punctuation, controls).
const NON_WORD = /[^\p{L}\p{N}]+/gu;
// "holaaaa" → "hola", "siiii" → "si"; doubled letters (ll, rr, cc) are kept.
const LONG_RUNS = /(\p{L})\1{2,}/gu;

/** Upper bound on characters examined; longer messages are cut (a 20k-character paste is not a question). */
export const MAX_TEXT_CHARS = 2000;

// Most messages are short plain ASCII ("2", "si", "salud"): they skip Unicode decomposition.
const PLAIN = /^[a-z0-9 ]*$/;

export function normalize(text: string): string {
  const lower = text.slice(0, MAX_TEXT_CHARS).toLowerCase();
  if (PLAIN.test(lower)) return lower.replace(LONG_RUNS, '$1').replace(/ {2,}/g, ' ').trim();
  return lower.normalize('NFKD').replace(COMBINING_MARKS, '').replace(NON_WORD, ' ').replace(LONG_RUNS, '$1').trim();
}

export function words(text: string): string[] {
  const n = normalize(text);
  return n === '' ? [] : n.split(' ');
}

/** Damerau-free Levenshtein distance with an early exit once `max` is exceeded. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** Typos allowed for a word of this length: none for short words, one from 5 letters, two from 9. */
export function typoBudget(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}
