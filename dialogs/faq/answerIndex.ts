/**
 * Free text → published answers. Pure: no I/O, no clock; build once per content version and
 * share. Tolerant of what people actually write (see shared notes/HOW-PEOPLE-WRITE.md):
 *
 *   "mi chamo tiene tos hace 3 dias" · "kiero sacar el carnet" · "bacuna pa mi bebe" ·
 *   "migraciones cita como saco" · "my landlord wants to kick us out"
 *
 * Every word goes through one analysis, for answers and queries alike:
 *   normalize → multi-word synonyms → synonyms (colloquial → common word) → stop words →
 *   (es) spelling folding (v/b, z/s, ce/se, qu/k, silent h, ll/y, doubled letters) → light stemming.
 * Matching is MiniSearch (BM25+) over question, keywords and text, with prefix search on
 * stems of 4+ letters and, for words the content does not use as written, typo tolerance from
 * `typoBudget` (1 edit from 5 letters, 2 from 9).
 * Each language has its own index: an English query never returns a Spanish answer. A language
 * that has not every answer translated (`allAnswers` in src/core/languages.ts) lists and shows
 * the missing ones in its fallback language (`listTopic`, `get`).
 */

import MiniSearch, { type SearchResult } from 'minisearch';
import { LANGUAGES, TOPICS, type Answer, type Lang, type Topic } from '../../src/core/domain.ts';
import { LANGUAGE, lookupOrder } from '../../src/core/languages.ts';
import { editDistance, typoBudget, words } from '../text/normalize.ts';
import { STOP_WORDS, SYNONYM_PHRASES, synonymOf } from './synonyms.ts';
import { TOPIC_NAMES, TOPIC_WORDS } from './topicWords.ts';

export interface AnswerMatch {
  answerId: string;
  topic: Topic;
  /** Raw MiniSearch score: only comparable within one query. */
  score: number;
  /** 0..1, comparable across queries; see `CONFIDENT`. */
  confidence: number;
}

export interface AnswerIndex {
  /** Best matches in the person's language, best first, at most `limit` (default 3); with
   * `topic`, only that topic's answers compete (and the margin is taken among them). */
  search(text: string, lang: Lang, limit?: number, topic?: Topic): AnswerMatch[];
  /** The topic the text is about, if clear enough (e.g. "mi chamo tiene tos" → health). */
  topicOf(text: string, lang: Lang): Topic | null;
  /** Whether any answer is published in the language (its own, not its fallback's). */
  hasAnswers(lang: Lang): boolean;
  /** Published answers of a topic in a language, in a stable order (for numbered lists); those
   * not translated into it come in its fallback language. */
  listTopic(topic: Topic, lang: Lang): Answer[];
  /** The answer in the language, or else in its fallback language. */
  get(answerId: string, lang: Lang): Answer | undefined;
}

/**
 * Confidence above which the best match is shown directly; below it the dialog offers the
 * closest few plus "talk to a person".
 *
 * confidence = coverage × strength × margin (see `rank`):
 *  - coverage: share of the message's content words the answer accounts for, each weighted by
 *    how specific it is in the content and by where it matched (question/keywords 1, text
 *    only 0.55; prefix ×0.75, typo ×0.7);
 *  - strength: enough specific evidence at all (one broad word such as "niño" is not enough);
 *  - margin: a runner-up that explains the message as well halves it.
 * A message made only of topic names ("salud", "trabajo") is halved again: it asks for a list.
 *
 * How 0.6 was chosen, on `test/dialogs/faq.cases.json` (fixture + real seed; the test prints
 * both distributions): a short message with one of two content words unexplained lands at ≈0.5
 * ("mi perro esta enfermo" → the sick-child answer, "bank account" → job search, "send money to
 * my family" → cash assistance), one of three unexplained at ≈0.67. Every wrong or uncovered
 * best match scored ≤ 0.51 (the one above, 0.67, is a sensible answer to a case with no
 * expected answer), while about 90% of correct best matches scored ≥ 0.6. 0.6 sits in that gap
 * with room on both sides; between 0.52 and 0.66 nothing changes for the wrong ones, and lower
 * would let the half-explained messages through. A wrong answer shown as THE answer costs more
 * than one extra tap on a short list.
 */
export const CONFIDENT = 0.6;

/** Below this a candidate is not worth offering at all; when no candidate reaches it, search
 * returns []. Runner-ups are scored ×(1 − MARGIN_WEIGHT), so one needs relevance ≥ 0.4 to be
 * offered: close alternatives, not everything that shares a word. */
const MIN_RELATED = 0.2;

/** At most this many content words of a message are looked at (a pasted essay is not a question). */
const MAX_QUERY_GROUPS = 12;

/** Field boosts: the question and the editor's keywords say what an answer is about; the text
 * mentions many things in passing. */
const BOOST = { question: 3, keywords: 2.5, text: 1 } as const;

/** Evidence a matched query word gives, by where it matched. */
const IN_QUESTION_OR_KEYWORDS = 1;
const IN_TEXT_ONLY = 0.55;
const PREFIX_FACTOR = 0.75;
const FUZZY_FACTOR = 0.7;

/** Specificity of a query word: full up to SPECIFIC_SHARE of the answers containing it, then
 * falling by SPECIFICITY_SLOPE per unit share, never below SPECIFICITY_FLOOR. */
const SPECIFIC_SHARE = 0.08;
const SPECIFICITY_SLOPE = 4;
const SPECIFICITY_FLOOR = 0.3;
/** Specific evidence (Σ specificity × evidence) needed for full strength. */
const STRENGTH_FULL = 0.9;

/** Confidence factor for a message made only of topic names; keeps it below CONFIDENT. */
const BROAD_FACTOR = 0.5;

/** How strongly a close runner-up lowers confidence: equal scores → ×(1 − MARGIN_WEIGHT). */
const MARGIN_WEIGHT = 0.5;

/** Minimum weight for a topic from topic words / answer matches to be named by `topicOf`. */
const TOPIC_MIN = 0.7;
/** Fuzzy or prefix hit on a topic word counts this much (exact: 1). */
const TOPIC_FUZZY = 0.7;
/** Best answer matches at or above this vote for their topic in `topicOf`. */
const TOPIC_FROM_ANSWER_MIN = 0.35;
/** A confident answer match outweighs one stray topic word ("no puedo dormir, angustia"). */
const TOPIC_FROM_ANSWER_WEIGHT = 1.5;

// ---------------------------------------------------------------------------------------------
// Word analysis

/** Spanish spelling folding, so that common misspellings meet the right word:
 * vacuna/bacuna, cita/zita, hablar/ablar, quiero/kiero, llamar/yamar, colegio/colejio,
 * desarrollo/desarollo. ("ch" is kept; "ñ" is already "n" after normalize.) */
export function foldEs(word: string, collapseDoubles = true): string {
  let out = '';
  const n = word.length;
  for (let i = 0; i < n; i++) {
    const c = word[i]!;
    const next = word[i + 1];
    switch (c) {
      case 'c':
        if (next === 'h') {
          out += 'ch';
          i++;
        } else out += next === 'e' || next === 'i' ? 's' : 'k';
        break;
      case 'q':
        out += 'k';
        if (next === 'u') i++;
        break;
      case 'g':
        if (next === 'e' || next === 'i') out += 'j';
        else {
          out += 'g';
          const after = word[i + 2];
          if (next === 'u' && (after === 'e' || after === 'i')) i++;
        }
        break;
      case 'h':
        break;
      case 'z':
        out += 's';
        break;
      case 'v':
        out += 'b';
        break;
      case 'n':
        // "enbarazada", "tanbien", "sienpre": m is written n before b/p.
        out += next === 'b' || next === 'v' || next === 'p' ? 'm' : 'n';
        break;
      case 'l':
        if (next === 'l') {
          out += 'y';
          i++;
        } else out += 'l';
        break;
      default:
        out += c;
    }
  }
  if (!collapseDoubles) return out;
  // Doubled letters ("rr", "ss"; "cc" is already "ks"): one is enough.
  let folded = '';
  for (let i = 0; i < out.length; i++) if (out[i] !== out[i - 1]) folded += out[i];
  return folded;
}

const MIN_STEM = 3;
const ENCLITIC = /^(.{2,}[aei]r)(me|te|se|lo|la|le|los|las|les|nos)$/;
// On folded spelling ("acion" → "asion"). Longest first; the first that leaves ≥ MIN_STEM wins.
const ES_SUFFIXES = [
  'amiento',
  'imiento',
  'asion',
  'ision',
  'mente',
  'ieron',
  'adora',
  'aron',
  'ando',
  'iendo',
  'aban',
  'ador',
  'ado',
  'ido',
  'ada',
  'ida',
  'aba',
  'ar',
  'er',
  'ir',
  'an',
  'en',
  'a',
  'o',
  'e',
];
const EN_SUFFIXES = ['ations', 'ation', 'ments', 'ment', 'ness', 'ings', 'ing', 'edly', 'ers', 'ed', 'ly', 'er', 'e'];

function stripSuffix(word: string, suffixes: readonly string[]): string {
  for (const s of suffixes) {
    if (word.length - s.length >= MIN_STEM && word.endsWith(s)) return word.slice(0, -s.length);
  }
  return word;
}

/** Light Spanish stem on folded spelling: plural, then one verb/derivational/gender ending.
 * trabajo/trabajar/trabajando → trabaj; vacunas/vacunación → bakun; papeles → papel. */
export function stemEs(folded: string): string {
  // Enclitic pronouns: sacarme → sacar, matricularlo → matricular, vacunarlas → vacunar.
  let w = folded.replace(ENCLITIC, '$1');
  if (w.length - 2 >= MIN_STEM && w.endsWith('es')) w = w.slice(0, -2);
  else if (w.length - 1 >= MIN_STEM && w.endsWith('s')) w = w.slice(0, -1);
  return stripSuffix(w, ES_SUFFIXES);
}

/** Light English stem: renting/rented → rent; studies → study; fired/fire → fir. */
export function stemEn(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  return stripSuffix(w, EN_SUFFIXES);
}

// Misspelt stop words ("kiero", "aser", "ke") are caught by their folded spelling. Doubled
// letters are kept here, or "perro" would become the stop word "pero".
const FOLDED_STOP_ES: ReadonlySet<string> = new Set([...STOP_WORDS.es].map((w) => foldEs(w, false)));

function isStop(word: string, lang: Lang): boolean {
  if (STOP_WORDS[lang].has(word)) return true;
  return lang === 'es' && FOLDED_STOP_ES.has(foldEs(word, false));
}

// Word → term cache per language. Bounded: cleared when full (deterministic, no clock).
const TERM_CACHE_MAX = 20_000;
const termCache = Object.fromEntries(LANGUAGES.map((lang) => [lang, new Map<string, string | null>()])) as Record<Lang, Map<string, string | null>>;

/** A word's index term per language: Spanish and Portuguese share the light Romance stem on folded
 * spelling, English has its own, and Haitian Creole (no inflection) is only folded. */
const STEM: Record<Lang, (word: string) => string> = { es: (w) => stemEs(foldEs(w)), pt: (w) => stemEs(foldEs(w)), en: stemEn, ht: (w) => foldEs(w) };

/** One normalized, synonym-resolved word → its index term, or null for a stop word. */
function termOf(word: string, lang: Lang): string | null {
  const cache = termCache[lang];
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  let term: string | null;
  if (isStop(word, lang)) term = null;
  else term = STEM[lang](word);
  if (word.length <= 40) {
    if (cache.size >= TERM_CACHE_MAX) cache.clear();
    cache.set(word, term);
  }
  return term;
}

const DIGITS = /^\d+$/;

/**
 * Normalized words → groups of terms, one group per content word (or multi-word expression).
 * A group can hold several terms when a synonym expands ("posta" → centro, salud); it counts as
 * matched when any of its terms matches. Duplicate groups are dropped.
 */
function analyzeWords(ws: readonly string[], lang: Lang, maxGroups: number): string[][] {
  const groups: string[][] = [];
  const seen = new Set<string>();
  const phrases = SYNONYM_PHRASES[lang];
  for (let i = 0; i < ws.length && groups.length < maxGroups; i++) {
    const w = ws[i]!;
    let replacement: readonly string[] | undefined;
    if (i + 1 < ws.length) {
      const two = `${w} ${ws[i + 1]}`;
      const three = i + 2 < ws.length ? `${two} ${ws[i + 2]}` : undefined;
      const p3 = three === undefined ? undefined : phrases.get(three);
      if (p3 !== undefined) {
        replacement = p3;
        i += 2;
      } else {
        const p2 = phrases.get(two);
        if (p2 !== undefined) {
          replacement = p2;
          i += 1;
        }
      }
    }
    if (replacement === undefined) {
      // Menu numbers ("2") and stray letters carry nothing; longer numbers (hotlines) might.
      if (w.length <= 2 && DIGITS.test(w)) continue;
      replacement = synonymOf(w, lang) ?? (w.length === 1 ? undefined : [w]);
      if (replacement === undefined) continue;
    }
    const terms: string[] = [];
    for (const r of replacement) {
      const t = termOf(r, lang);
      if (t !== null && !terms.includes(t)) terms.push(t);
    }
    if (terms.length === 0) continue;
    const key = terms.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    groups.push(terms);
  }
  return groups;
}

function analyzeText(text: string, lang: Lang, maxGroups = MAX_QUERY_GROUPS): string[][] {
  return analyzeWords(words(text), lang, maxGroups);
}

/** Content is analysed in pieces this long, well under the cut `normalize` applies to messages. */
const INDEX_CHUNK_CHARS = 1000;

/**
 * For indexing: the terms of a (possibly long) text, in pieces so nothing is cut off. Within a
 * piece a repeated word counts once: an answer that says "SIS" five times is not five times more
 * about the SIS.
 */
function indexTerms(text: string, lang: Lang): string[] {
  const out: string[] = [];
  let piece = '';
  const flush = () => {
    for (const g of analyzeWords(words(piece), lang, Infinity)) out.push(...g);
    piece = '';
  };
  for (const token of text.split(/\s+/)) {
    if (piece.length + token.length + 1 > INDEX_CHUNK_CHARS) flush();
    piece += ` ${token.slice(0, INDEX_CHUNK_CHARS)}`;
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Index

interface Doc {
  key: string;
  question: string;
  keywords: string;
  text: string;
}

interface LangIndex {
  search: MiniSearch<Doc>;
  answers: Map<string, Answer>;
  /** Per answer: term → evidence weight (question/keywords vs text only). */
  evidence: Map<string, Map<string, number>>;
  /** Term → number of answers (this language) containing it. */
  df: Map<string, number>;
  size: number;
  byTopic: Map<Topic, Answer[]>;
  /** Topic words: single terms and phrases. */
  topicTerms: Map<string, Set<Topic>>;
  topicTermsByInitial: Map<string, string[]>;
  topicPhrases: { terms: string[]; topic: Topic }[];
  /** Terms that name a topic as a whole ("salud", "trabajo"). */
  topicNames: Set<string>;
}

interface Ranked {
  groups: string[][];
  matches: AnswerMatch[];
}

const RANK_DEPTH = 8;

function buildLangIndex(answers: Answer[], lang: Lang): LangIndex {
  const search = new MiniSearch<Doc>({
    idField: 'key',
    fields: ['question', 'keywords', 'text'],
    storeFields: [],
    // Fields hold already-analysed terms separated by spaces; queries are analysed the same way
    // before they get here.
    tokenize: (s) => (s === '' ? [] : s.split(' ')),
    processTerm: (t) => t,
    searchOptions: {
      boost: { ...BOOST },
      prefix: (t) => t.length >= 4,
      maxFuzzy: 2,
      combineWith: 'OR',
    },
  });
  const byId = new Map<string, Answer>();
  const evidence = new Map<string, Map<string, number>>();
  const df = new Map<string, number>();
  const byTopic = new Map<Topic, Answer[]>();
  const docs: Doc[] = [];
  for (const a of answers) {
    const question = indexTerms(a.question, lang);
    const keywords = a.keywords.flatMap((k) => indexTerms(k, lang));
    const text = indexTerms(a.text, lang);
    const ev = new Map<string, number>();
    for (const t of text) ev.set(t, IN_TEXT_ONLY);
    for (const t of [...question, ...keywords]) ev.set(t, IN_QUESTION_OR_KEYWORDS);
    evidence.set(a.id, ev);
    for (const t of ev.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    byId.set(a.id, a);
    docs.push({ key: a.id, question: question.join(' '), keywords: keywords.join(' '), text: text.join(' ') });
    const list = byTopic.get(a.topic) ?? [];
    list.push(a);
    byTopic.set(a.topic, list);
  }
  search.addAll(docs);
  // Stable order for numbered lists: by id (not by load order, which depends on the store).
  for (const list of byTopic.values()) list.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

  const topicTerms = new Map<string, Set<Topic>>();
  const topicPhrases: { terms: string[]; topic: Topic }[] = [];
  for (const topic of TOPICS) {
    for (const entry of TOPIC_WORDS[topic][lang]) {
      const terms = [...new Set(analyzeText(entry, lang, Infinity).flat())];
      if (terms.length === 1) {
        const set = topicTerms.get(terms[0]!) ?? new Set<Topic>();
        set.add(topic);
        topicTerms.set(terms[0]!, set);
      } else if (terms.length > 1) topicPhrases.push({ terms, topic });
    }
  }
  const topicNames = new Set<string>();
  for (const topic of TOPICS) {
    for (const entry of TOPIC_NAMES[topic][lang]) {
      const terms = [...new Set(analyzeText(entry, lang, Infinity).flat())];
      for (const t of terms) topicNames.add(t);
      // Naming a topic is also a vote for it.
      if (terms.length === 1) {
        const set = topicTerms.get(terms[0]!) ?? new Set<Topic>();
        set.add(topic);
        topicTerms.set(terms[0]!, set);
      } else if (terms.length > 1) topicPhrases.push({ terms, topic });
    }
  }
  const topicTermsByInitial = new Map<string, string[]>();
  for (const t of topicTerms.keys()) {
    const list = topicTermsByInitial.get(t[0]!) ?? [];
    list.push(t);
    topicTermsByInitial.set(t[0]!, list);
  }
  return { search, answers: byId, evidence, df, size: docs.length, byTopic, topicTerms, topicTermsByInitial, topicPhrases, topicNames };
}

/** How well one query term is supported by one answer: exact, prefix or fuzzy, and where. */
function termEvidence(q: string, result: SearchResult, ev: Map<string, number>): number {
  const exact = ev.get(q);
  if (exact !== undefined) return exact;
  if (!result.queryTerms.includes(q)) return 0;
  const budget = typoBudget(q);
  let best = 0;
  for (const d of Object.keys(result.match)) {
    const w = ev.get(d) ?? 0;
    if (w <= best) continue;
    if (q.length >= 4 && d.startsWith(q)) best = Math.max(best, PREFIX_FACTOR * w);
    else if (budget > 0 && editDistance(q, d, budget) <= budget) best = Math.max(best, FUZZY_FACTOR * w);
  }
  return best;
}

/**
 * How specific a query word is in this language's content: 1 for words in a few answers, down to
 * SPECIFICITY_FLOOR for words spread over many ("salud", "niño", "trabajo"). Words the content
 * never uses count fully: the person asked about something the answer does not cover.
 */
function specificity(index: LangIndex, group: string[]): number {
  let df = Infinity;
  for (const t of group) df = Math.min(df, index.df.get(t) ?? 0);
  if (df === 0 || index.size === 0) return 1;
  const share = df / index.size;
  return Math.min(1, Math.max(SPECIFICITY_FLOOR, 1 - (share - SPECIFIC_SHARE) * SPECIFICITY_SLOPE));
}

/**
 * Coverage: the share of the query's content words this answer accounts for, weighted by
 * specificity and by evidence (exact/prefix/fuzzy; question/keywords/text). Strength: how much
 * specific evidence there is at all, so a lone broad word ("salud") is never "confident".
 */
function coverage(groups: string[][], weights: number[], result: SearchResult, ev: Map<string, number>): { cov: number; strength: number } {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < groups.length; i++) {
    let best = 0;
    for (const t of groups[i]!) best = Math.max(best, termEvidence(t, result, ev));
    sum += weights[i]! * best;
    total += weights[i]!;
  }
  return { cov: total > 0 ? sum / total : 0, strength: Math.min(1, sum / STRENGTH_FULL) };
}

function rank(index: LangIndex, groups: string[][], topic?: Topic): AnswerMatch[] {
  // A number the content never mentions ("300 soles", "hace 3 dias") is a detail, not a topic.
  groups = groups.filter((g) => !(g.length === 1 && DIGITS.test(g[0]!) && !index.df.has(g[0]!)));
  if (groups.length === 0) return [];
  const terms = [...new Set(groups.flat())];
  const results = index.search.search(terms.join(' '), {
    // A word the content uses as written is taken as written: typo search only for unknown
    // words (it is also the costly part of a search).
    fuzzy: (t) => (index.df.has(t) ? 0 : typoBudget(t)),
    ...(topic ? { filter: (r) => index.answers.get(r.id as string)?.topic === topic } : {}),
  });
  if (results.length === 0) return [];
  const top = results.slice(0, RANK_DEPTH);
  const s1 = top[0]!.score;
  const weights = groups.map((g) => specificity(index, g));
  // Relevance in 0..1 = coverage × BM25 score relative to the best. Coverage can reorder close
  // BM25 scores: prefer the answer that explains more of the text.
  const scored = top.map((res) => {
    const { cov, strength } = coverage(groups, weights, res, index.evidence.get(res.id as string)!);
    return { res, cov: cov * strength, rel: s1 > 0 ? cov * strength * (res.score / s1) : 0, confidence: 0 };
  });
  scored.sort((a, b) => b.rel - a.rel || b.res.score - a.res.score);
  const first = scored[0]!;
  const r = first.rel > 0 ? (scored[1]?.rel ?? 0) / first.rel : 0;
  // A close runner-up means the text does not single out one answer.
  first.confidence = first.cov * (1 - MARGIN_WEIGHT * r * r);
  // Only topic names ("salud", "trabajo"): the person wants the topic, not this one answer.
  if (groups.every((g) => g.some((t) => index.topicNames.has(t)))) first.confidence *= BROAD_FACTOR;
  for (const s of scored.slice(1)) s.confidence = Math.min(first.confidence, s.rel * (1 - MARGIN_WEIGHT));
  const out: AnswerMatch[] = [];
  for (const { res, confidence } of scored) {
    if (confidence < MIN_RELATED) continue;
    const answer = index.answers.get(res.id as string)!;
    out.push({ answerId: answer.id, topic: answer.topic, score: res.score, confidence: round3(confidence) });
  }
  return out;
}

function round3(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}

function topicVotes(index: LangIndex, groups: string[][]): Map<Topic, number> {
  const votes = new Map<Topic, number>();
  const present = new Set(groups.flat());
  for (const g of groups) {
    const best = new Map<Topic, number>();
    for (const t of g) {
      const exact = index.topicTerms.get(t);
      if (exact) {
        for (const topic of exact) best.set(topic, 1);
        continue;
      }
      const budget = typoBudget(t);
      for (const cand of index.topicTermsByInitial.get(t[0]!) ?? []) {
        const near = (t.length >= 5 && cand.startsWith(t)) || (cand.length >= 5 && t.startsWith(cand)) || (budget > 0 && editDistance(t, cand, budget) <= budget);
        if (!near) continue;
        for (const topic of index.topicTerms.get(cand)!) {
          best.set(topic, Math.max(best.get(topic) ?? 0, TOPIC_FUZZY));
        }
      }
    }
    for (const [topic, w] of best) votes.set(topic, (votes.get(topic) ?? 0) + w);
  }
  for (const p of index.topicPhrases) {
    if (p.terms.every((t) => present.has(t))) votes.set(p.topic, (votes.get(p.topic) ?? 0) + 1);
  }
  return votes;
}

/** The languages an answer is shown in for a conversation in `lang`: its own, and for a language
 * that has only some answers translated, then its fallbacks. */
const shownIn = (lang: Lang): Lang[] => (LANGUAGE[lang].allAnswers ? [lang] : lookupOrder(lang));

export function buildAnswerIndex(answers: Answer[]): AnswerIndex {
  // Defence in depth: only published answers; for a duplicated id+lang keep the most recently
  // verified (the later one on a tie).
  const chosen = Object.fromEntries(LANGUAGES.map((lang) => [lang, new Map<string, Answer>()])) as Record<Lang, Map<string, Answer>>;
  for (const a of answers) {
    if (a.status !== 'published') continue;
    const perLang = chosen[a.lang];
    if (perLang === undefined) continue;
    const prev = perLang.get(a.id);
    if (prev === undefined || a.verifiedAt >= prev.verifiedAt) perLang.set(a.id, a);
  }
  const indexes = Object.fromEntries(LANGUAGES.map((lang) => [lang, buildLangIndex([...chosen[lang].values()], lang)])) as Record<Lang, LangIndex>;

  // One-entry memo: the dialog often asks `search` and `topicOf` about the same message.
  let memoKey: string | undefined;
  let memo: Ranked | undefined;
  function ranked(text: string, lang: Lang, topic?: Topic): Ranked {
    const key = `${lang}\u0000${topic ?? ''}\u0000${text}`;
    if (memoKey === key && memo !== undefined) return memo;
    const groups = analyzeText(text, lang);
    const result: Ranked = { groups, matches: rank(indexes[lang], groups, topic) };
    memoKey = key;
    memo = result;
    return result;
  }

  return {
    search(text, lang, limit = 3, topic) {
      if (typeof text !== 'string' || indexes[lang] === undefined || limit <= 0) return [];
      return ranked(text, lang, topic).matches.slice(0, limit);
    },

    topicOf(text, lang) {
      if (typeof text !== 'string' || indexes[lang] === undefined) return null;
      const { groups, matches } = ranked(text, lang);
      if (groups.length === 0) return null;
      const votes = topicVotes(indexes[lang], groups);
      const best = matches[0];
      if (best !== undefined && best.confidence >= TOPIC_FROM_ANSWER_MIN) {
        votes.set(best.topic, (votes.get(best.topic) ?? 0) + TOPIC_FROM_ANSWER_WEIGHT * best.confidence);
      }
      let top: Topic | null = null;
      let topVotes = 0;
      let second = 0;
      for (const topic of TOPICS) {
        const v = votes.get(topic) ?? 0;
        if (v > topVotes) {
          second = topVotes;
          topVotes = v;
          top = topic;
        } else if (v > second) second = v;
      }
      if (top === null || topVotes < TOPIC_MIN || topVotes - second < 1e-9) return null;
      return top;
    },

    hasAnswers(lang) {
      return (indexes[lang]?.answers.size ?? 0) > 0;
    },

    listTopic(topic, lang) {
      if (indexes[lang] === undefined) return [];
      // The topic's answers in the language, then those only its fallbacks have, in their order.
      const listed = new Map<string, Answer>();
      for (const l of shownIn(lang)) {
        for (const a of indexes[l].byTopic.get(topic) ?? []) if (!listed.has(a.id)) listed.set(a.id, a);
      }
      return [...listed.values()];
    },

    get(answerId, lang) {
      if (indexes[lang] === undefined) return undefined;
      for (const l of shownIn(lang)) {
        const found = indexes[l].answers.get(answerId);
        if (found) return found;
      }
      return undefined;
    },
  };
}
