/**
 * What the classifier sees of a message: its words, the first letters of longer words (a
 * cheap stem: "trabajando" and "trabajar" share "traba"), pairs of words, and the letter
 * triples inside each word, so that "ablar", "havlar" and "hablar" share most of their
 * features and a misspelling still reads as its word.
 */
import { words } from '../text/normalize.ts';

const STEM = 5;

export function features(text: string): Record<string, 1> {
  const ws = words(text);
  const out: Record<string, 1> = {};
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    out[`w:${w}`] = 1;
    if (w.length > STEM) out[`s:${w.slice(0, STEM)}`] = 1;
    if (i > 0) out[`b:${ws[i - 1]}_${w}`] = 1;
    if (w.length >= 4 && !/^\d+$/.test(w)) {
      const padded = `_${w}_`;
      for (let j = 0; j + 3 <= padded.length; j++) out[`c:${padded.slice(j, j + 3)}`] = 1;
    }
  }
  return out;
}
