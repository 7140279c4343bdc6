/**
 * Protection signals: does a message suggest sexual exploitation or abuse by people who
 * deliver aid (`psea`), or immediate danger to someone's life or liberty (`danger`)?
 *
 * A missed signal is the worst bug Faro can have, so this reads generously: a false alarm
 * costs the person one extra, gentle offer of help; a miss can cost far more.
 *
 * All the knowledge is data in ./lexicon.ts (concepts made of phrases, and rules combining
 * concepts within a window of words). This file only compiles that data once and applies
 * it to each message. Rules are tried tier by tier and the first that matches decides;
 * the tiers put life first (see TIERS in the lexicon).
 *
 * Pure: no I/O, no clock, no randomness. A bounded cache of per-word matches survives
 * between calls; it changes how fast an answer comes, never the answer.
 */
import { editDistance, typoBudget, normalize, words } from '../text/normalize.ts';
import { DEFAULT_LEXICON, TIERS, type Lexicon, type Rule, type Tier } from './lexicon.ts';

export type ProtectionSignal = 'psea' | 'danger';

/** Which rule decided, for tests, reviews and logs (never log the message itself). */
export interface SignalMatch {
  readonly signal: ProtectionSignal;
  readonly tier: Tier;
  readonly why: string;
  readonly now: boolean;
}

/** Both readings at once: a PSEA disclosure can carry danger too ("el voluntario me pega"). */
export interface SignalFlags {
  readonly psea: boolean;
  readonly danger: boolean;
  /** A rule marked `now` matched: an emergency no everyday reading outweighs. */
  readonly now: boolean;
}

export interface SignalDetector {
  detect(text: string): ProtectionSignal | null;
  explain(text: string): SignalMatch | null;
  flags(text: string): SignalFlags;
}

export function detectSignal(text: string): ProtectionSignal | null {
  return defaultDetector.detect(text);
}

export function explainSignal(text: string): SignalMatch | null {
  return defaultDetector.explain(text);
}

export function signalFlags(text: string): SignalFlags {
  return defaultDetector.flags(text);
}

/** Compiles a lexicon (e.g. `extendLexicon(DEFAULT_LEXICON, …)`); throws at start-up if it is malformed. */
export function createSignalDetector(lexicon: Lexicon): SignalDetector {
  const compiled = compile(lexicon);
  const explain = (text: string) => (typeof text === 'string' ? (matches(compiled, text, true).found[0] ?? null) : null);
  const flags = (text: string): SignalFlags => {
    const { found, now } = typeof text === 'string' ? matches(compiled, text, false) : { found: [], now: false };
    const psea = found.some((m) => m.signal === 'psea');
    // Sexual violence by aid staff is PSEA (its tier comes after); danger beside it means danger to life or liberty.
    return { psea, danger: found.some((m) => m.tier === 'immediate-danger' || (m.tier === 'sexual-violence' && !psea)), now };
  };
  return { explain, flags, detect: (text) => explain(text)?.signal ?? null };
}

// ---------------------------------------------------------------------------------------
// Compiled form

const WILDCARD = -1;
const CACHE_LIMIT = 20_000;
const MAX_CACHED_WORD = 32;

interface Token {
  readonly term: number;
  readonly optional: boolean;
}
interface Phrase {
  readonly concept: number;
  readonly tokens: readonly Token[];
}
interface FuzzyAlt {
  readonly text: string;
  readonly budget: number;
  readonly terms: number[];
}
interface FuzzyIndex {
  readonly budget: number;
  /** Lengths a word may have and still be within `budget` of some word in the index. */
  readonly minLength: number;
  readonly maxLength: number;
  /** Every string made by deleting up to `budget` letters from an indexed word → those words. */
  readonly deletes: Map<string, FuzzyAlt[]>;
}
interface CompiledRule extends SignalMatch {
  readonly all: readonly number[];
  readonly within: number;
  readonly ordered: boolean;
  readonly unless: readonly number[];
  readonly unlessWithin: number;
  /** Index in `all` of the concept after which `unless` is looked for. */
  readonly unlessAfter: number;
}
interface Compiled {
  readonly conceptCount: number;
  readonly phrasesByFirstTerm: Map<number, Phrase[]>;
  readonly rules: readonly CompiledRule[];
  readonly exact: Map<string, number[]>;
  readonly stems: ReadonlyArray<readonly [length: number, byPrefix: Map<string, number[]>]>;
  /** One symmetric-delete index per typo budget (1 and 2), so a short word never pays for deep deletions. */
  readonly fuzzy: readonly FuzzyIndex[];
  readonly notTypos: ReadonlySet<string>;
  readonly cache: Map<string, readonly number[]>;
}

/** The first matching rule (`firstOnly`), or the first of each signal, tier by tier. */
/** The first rule of each signal that matches (only the first of all with `firstOnly`), and
 * whether any rule marked `now` matches. */
function matches(c: Compiled, text: string, firstOnly: boolean): { found: SignalMatch[]; now: boolean } {
  const ws = words(text);
  if (ws.length === 0) return { found: [], now: false };
  const terms = ws.map((w) => termsOf(c, w));
  // occurrences[concept] = [start0, end0, start1, end1, …] (end exclusive), in start order.
  const occurrences: (number[] | undefined)[] = new Array(c.conceptCount);
  for (let i = 0; i < terms.length; i++) {
    for (const term of terms[i]!) {
      for (const phrase of c.phrasesByFirstTerm.get(term) ?? []) {
        const end = matchPhrase(phrase.tokens, 1, i + 1, terms);
        if (end >= 0) {
          occurrences[phrase.concept] ??= [];
          occurrences[phrase.concept]!.push(i, end);
        }
      }
    }
  }
  const found: SignalMatch[] = [];
  let now = false;
  for (const rule of c.rules) {
    const first = !found.some((m) => m.signal === rule.signal);
    if (!(first || (rule.now && !now)) || !ruleMatches(rule, occurrences)) continue;
    now ||= rule.now;
    if (first) found.push({ signal: rule.signal, tier: rule.tier, why: rule.why, now: rule.now });
    if (firstOnly || (found.length === 2 && now)) break;
  }
  return { found, now };
}

/** End position (exclusive) of `tokens[k…]` matched from `pos`, or -1. */
function matchPhrase(tokens: readonly Token[], k: number, pos: number, terms: readonly (readonly number[])[]): number {
  if (k === tokens.length) return pos;
  const t = tokens[k]!;
  if (t.term === WILDCARD) {
    const skipNone = matchPhrase(tokens, k + 1, pos, terms);
    return skipNone >= 0 || pos >= terms.length ? skipNone : matchPhrase(tokens, k + 1, pos + 1, terms);
  }
  if (pos < terms.length && terms[pos]!.includes(t.term)) {
    const end = matchPhrase(tokens, k + 1, pos + 1, terms);
    if (end >= 0) return end;
  }
  return t.optional ? matchPhrase(tokens, k + 1, pos, terms) : -1;
}

function ruleMatches(rule: CompiledRule, occ: readonly (number[] | undefined)[]): boolean {
  for (const concept of rule.all) if (occ[concept] === undefined) return false;
  return combine(rule, occ, 0, Infinity, -Infinity, -1, -1);
}

/** Picks an occurrence of `rule.all[k]` (and of each later concept) that fits the window; depth-first. */
function combine(rule: CompiledRule, occ: readonly (number[] | undefined)[], k: number, minStart: number, maxEnd: number, prevStart: number, anchorEnd: number): boolean {
  if (k === rule.all.length) return !suppressed(rule, occ, anchorEnd);
  const list = occ[rule.all[k]!]!;
  for (let j = 0; j < list.length; j += 2) {
    const start = list[j]!;
    if (start - minStart >= rule.within) break; // occurrences come in start order: the rest are further away
    const end = list[j + 1]!;
    if (rule.ordered && start <= prevStart) continue;
    const lo = Math.min(minStart, start);
    const hi = Math.max(maxEnd, end);
    if (hi - lo > rule.within) continue;
    if (combine(rule, occ, k + 1, lo, hi, start, k === rule.unlessAfter ? end : anchorEnd)) return true;
  }
  return false;
}

/** An `unless` concept starting within `unlessWithin` words after the anchor concept reads as something else ("matar los piojos"). */
function suppressed(rule: CompiledRule, occ: readonly (number[] | undefined)[], anchorEnd: number): boolean {
  for (const concept of rule.unless) {
    const list = occ[concept];
    if (list === undefined) continue;
    for (let j = 0; j < list.length; j += 2) {
      const start = list[j]!;
      if (start >= anchorEnd && start < anchorEnd + rule.unlessWithin) return true;
    }
  }
  return false;
}

/** Term ids a word matches: exactly, by stem, or within its typo budget. */
function termsOf(c: Compiled, word: string): readonly number[] {
  const cached = c.cache.get(word);
  if (cached !== undefined) return cached;
  const found = new Set<number>(c.exact.get(word));
  for (const [length, byPrefix] of c.stems) {
    if (word.length < length) break;
    for (const t of byPrefix.get(word.slice(0, length)) ?? []) found.add(t);
  }
  if (!c.notTypos.has(word)) {
    for (const index of c.fuzzy) {
      if (word.length < index.minLength || word.length > index.maxLength) continue;
      const tried = new Set<FuzzyAlt>();
      forEachDeletion(word, index.budget, (variant) => {
        const alts = index.deletes.get(variant);
        if (alts === undefined) return;
        for (const alt of alts) {
          if (tried.has(alt)) continue;
          tried.add(alt);
          if (editDistance(word, alt.text, alt.budget) <= alt.budget) for (const t of alt.terms) found.add(t);
        }
      });
    }
  }
  const result = [...found];
  if (word.length <= MAX_CACHED_WORD) {
    if (c.cache.size >= CACHE_LIMIT) c.cache.clear();
    c.cache.set(word, result);
  }
  return result;
}

/** Calls `visit` with the word and every string made by deleting up to `depth` (1 or 2) letters; repeats are harmless. */
function forEachDeletion(word: string, depth: number, visit: (variant: string) => void): void {
  visit(word);
  for (let i = 0; i < word.length; i++) {
    const once = word.slice(0, i) + word.slice(i + 1);
    visit(once);
    if (depth > 1) for (let j = i; j < once.length; j++) visit(once.slice(0, j) + once.slice(j + 1));
  }
}

// ---------------------------------------------------------------------------------------
// Compilation: runs once per lexicon; every problem is reported with the phrase at fault.

function compile(lexicon: Lexicon): Compiled {
  const conceptIds = new Map<string, number>();
  for (const [i, name] of Object.keys(lexicon.concepts).entries()) conceptIds.set(name, i);
  const termIds = new Map<string, number>();
  const exact = new Map<string, number[]>();
  const stemMap = new Map<number, Map<string, number[]>>();
  const fuzzy = new Map<string, FuzzyAlt>();
  const phrasesByFirstTerm = new Map<number, Phrase[]>();
  const add = (map: Map<string, number[]>, key: string, term: number) => {
    const list = map.get(key) ?? [];
    if (!list.includes(term)) list.push(term);
    map.set(key, list);
  };

  const termOf = (token: string, where: string): number => {
    let id = termIds.get(token);
    if (id !== undefined) return id;
    id = termIds.size;
    termIds.set(token, id);
    for (const raw of token.split('|')) {
      const isExact = raw.startsWith('=');
      const isStem = raw.endsWith('*');
      const core = normalize(raw.slice(isExact ? 1 : 0, isStem ? -1 : undefined));
      if (core === '' || core.includes(' ')) throw new Error(`Signal lexicon: "${raw}" in ${where} must be one word`);
      if (isStem) {
        if (core.length < 3) throw new Error(`Signal lexicon: stem "${raw}" in ${where} is too short (3 letters at least)`);
        const byPrefix = stemMap.get(core.length) ?? new Map<string, number[]>();
        stemMap.set(core.length, byPrefix);
        add(byPrefix, core, id);
        continue;
      }
      add(exact, core, id);
      const budget = isExact ? 0 : typoBudget(core);
      if (budget > 0) {
        const alt = fuzzy.get(core) ?? { text: core, budget, terms: [] };
        if (!alt.terms.includes(id)) alt.terms.push(id);
        fuzzy.set(core, alt);
      }
    }
    return id;
  };

  const expand = (name: string, path: readonly string[]): string[] => {
    const phrases = lexicon.concepts[name];
    if (phrases === undefined) throw new Error(`Signal lexicon: ${path.join(' → ')} refers to unknown concept ${name}`);
    if (path.includes(name)) throw new Error(`Signal lexicon: concepts refer to each other in a circle: ${[...path, name].join(' → ')}`);
    return phrases.flatMap((p) => (p.startsWith('@') ? expand(p.slice(1), [...path, name]) : [p]));
  };

  for (const name of Object.keys(lexicon.concepts)) {
    const concept = conceptIds.get(name)!;
    for (const text of new Set(expand(name, []))) {
      const where = `${name}: "${text}"`;
      const tokens = text
        .trim()
        .split(/\s+/)
        .map((raw): Token => {
          if (raw === '~') return { term: WILDCARD, optional: true };
          const optional = raw.endsWith('?');
          return { term: termOf(optional ? raw.slice(0, -1) : raw, where), optional };
        });
      const first = tokens[0];
      if (first === undefined || first.term === WILDCARD || first.optional) {
        throw new Error(`Signal lexicon: ${where} must start with a required word`);
      }
      const list = phrasesByFirstTerm.get(first.term) ?? [];
      list.push({ concept, tokens });
      phrasesByFirstTerm.set(first.term, list);
    }
  }

  const fuzzyIndexes: FuzzyIndex[] = [];
  for (const budget of new Set([...fuzzy.values()].map((a) => a.budget))) {
    const alts = [...fuzzy.values()].filter((a) => a.budget === budget);
    const deletes = new Map<string, FuzzyAlt[]>();
    for (const alt of alts) {
      forEachDeletion(alt.text, budget, (variant) => {
        const list = deletes.get(variant) ?? [];
        if (!list.includes(alt)) list.push(alt);
        deletes.set(variant, list);
      });
    }
    const lengths = alts.map((a) => a.text.length);
    fuzzyIndexes.push({ budget, minLength: Math.min(...lengths) - budget, maxLength: Math.max(...lengths) + budget, deletes });
  }

  const conceptId = (name: string, rule: Rule): number => {
    const id = conceptIds.get(name);
    if (id === undefined) throw new Error(`Signal lexicon: rule "${rule.why}" names unknown concept ${name}`);
    return id;
  };
  const rules = TIERS.flatMap(({ tier, signal }) =>
    lexicon.rules
      .filter((r) => r.tier === tier)
      .map((r): CompiledRule => {
        if (r.all.length === 0) throw new Error(`Signal lexicon: rule "${r.why}" needs at least one concept`);
        if (r.unlessAfter !== undefined && !r.all.includes(r.unlessAfter)) throw new Error(`Signal lexicon: rule "${r.why}" has unlessAfter ${r.unlessAfter}, which is not in its concepts`);
        if (r.all.length > 1 && r.within === undefined) throw new Error(`Signal lexicon: rule "${r.why}" combines concepts, so it needs "within"`);
        return {
          signal,
          tier,
          why: r.why,
          now: r.now ?? false,
          all: r.all.map((n) => conceptId(n, r)),
          within: r.within ?? Infinity,
          ordered: r.ordered ?? false,
          unless: (r.unless ?? []).map((n) => conceptId(n, r)),
          unlessWithin: r.unlessWithin ?? 3,
          unlessAfter: r.unlessAfter === undefined ? 0 : r.all.indexOf(r.unlessAfter),
        };
      }),
  );
  const unknownTier = lexicon.rules.find((r) => !TIERS.some((t) => t.tier === r.tier));
  if (unknownTier) throw new Error(`Signal lexicon: rule "${unknownTier.why}" has unknown tier ${unknownTier.tier}`);

  return {
    conceptCount: conceptIds.size,
    phrasesByFirstTerm,
    rules,
    exact,
    stems: [...stemMap.entries()].sort((a, b) => a[0] - b[0]),
    fuzzy: fuzzyIndexes,
    notTypos: new Set(lexicon.notTypos.map(normalize)),
    cache: new Map(),
  };
}

/** Faro's default lexicon, compiled once (last: it needs everything above). */
const defaultDetector = createSignalDetector(DEFAULT_LEXICON);
