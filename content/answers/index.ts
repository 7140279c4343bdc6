/**
 * Seed answers shipped with Faro: one JSON file per topic in this folder, every answer in
 * both languages. `loadSeedAnswers()` reads and validates them; `validateAnswers()` checks
 * any array of answers against the same rules. Both throw an `AnswerValidationError` that
 * lists every problem with the file, index, id, language and field it concerns.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LANGUAGES, TOPICS, type Answer, type Lang, type Topic } from '../../src/core/domain.ts';
import { DEFAULT_LANG, LANGUAGE } from '../../src/core/languages.ts';

/** Longest answer text: it must read well on a small phone screen. */
export const MAX_TEXT_CHARS = 700;
export const MAX_QUESTION_CHARS = 160;
export const MIN_KEYWORDS = 8;
export const MAX_KEYWORDS = 20;
/** Each topic needs at least this many published answers in each language. */
export const MIN_ANSWERS_PER_TOPIC_AND_LANG = 3;

/** `<topic>.<slug>`, e.g. `health.emergency-care`. */
const ID_PATTERN = /^([a-z_]+)\.([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** Markdown the channels would show literally: bold/italic markers, headings, bullets, links, code. */
const MARKDOWN_PATTERNS: Array<[RegExp, string]> = [
  [/\*\*|__/, 'bold markers (** or __)'],
  [/^\s{0,3}#{1,6}\s/m, 'a heading (#)'],
  [/^\s*[-*+]\s/m, 'a bullet list (- or *)'],
  [/\[[^\]]*\]\([^)]*\)/, 'a link in [text](url) form'],
  [/`/, 'code marks (`)'],
];

const nonBlank = z.string().refine((s) => s.trim().length > 0 && s.trim() === s, {
  message: 'must be non-empty text without leading or trailing spaces',
});

const answerSchema = z.strictObject({
  id: z.string().regex(ID_PATTERN, { message: 'must look like "<topic>.<slug>", e.g. "health.emergency-care"' }),
  lang: z.enum(LANGUAGES),
  topic: z.enum(TOPICS),
  question: nonBlank,
  text: nonBlank,
  keywords: z.array(nonBlank),
  agency: nonBlank,
  source: nonBlank,
  verifiedAt: z.iso.date({ message: 'must be a real ISO date YYYY-MM-DD' }),
  reviewBy: z.iso.date({ message: 'must be a real ISO date YYYY-MM-DD' }),
  status: z.enum(['draft', 'published']),
  sample: z.boolean(),
});

/** Thrown when answers do not pass validation; `problems` holds one line per problem. */
export class AnswerValidationError extends Error {
  readonly problems: readonly string[];
  constructor(problems: string[], origin: string) {
    super(`Invalid answers in ${origin} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AnswerValidationError';
    this.problems = problems;
  }
}

interface Located {
  answer: Answer;
  where: string;
}

function describe(raw: unknown, origin: string, index: number): string {
  let label = `${origin}[${index}]`;
  if (raw && typeof raw === 'object') {
    const { id, lang } = raw as { id?: unknown; lang?: unknown };
    if (typeof id === 'string') label += ` id "${id}"`;
    if (typeof lang === 'string') label += ` (${lang})`;
  }
  return label;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Content rules beyond the shape: length, no markdown, keywords, id/topic, dates. */
function contentProblems(a: Answer): string[] {
  const out: string[] = [];
  const match = ID_PATTERN.exec(a.id);
  if (match && match[1] !== a.topic) {
    out.push(`field "id": must start with its topic "${a.topic}." (got "${a.id}")`);
  }
  if (a.question.length > MAX_QUESTION_CHARS) {
    out.push(`field "question": ${a.question.length} characters, at most ${MAX_QUESTION_CHARS}`);
  }
  if (a.text.length > MAX_TEXT_CHARS) {
    out.push(`field "text": ${a.text.length} characters, at most ${MAX_TEXT_CHARS}`);
  }
  for (const [pattern, what] of MARKDOWN_PATTERNS) {
    if (pattern.test(a.text)) out.push(`field "text": plain text only, found ${what}`);
  }
  if (a.keywords.length < MIN_KEYWORDS || a.keywords.length > MAX_KEYWORDS) {
    out.push(`field "keywords": ${a.keywords.length} keywords, expected ${MIN_KEYWORDS} to ${MAX_KEYWORDS}`);
  }
  const seen = new Set<string>();
  for (const k of a.keywords) {
    const key = k.toLowerCase();
    if (seen.has(key)) out.push(`field "keywords": "${k}" is repeated`);
    seen.add(key);
  }
  if (/^https?:/i.test(a.source) && !URL.canParse(a.source)) {
    out.push(`field "source": "${a.source}" is not a valid URL`);
  }
  if (a.reviewBy <= a.verifiedAt) {
    out.push(`field "reviewBy": ${a.reviewBy} must be after verifiedAt ${a.verifiedAt}`);
  }
  return out;
}

/** Checks each entry on its own. Returns the valid entries and the problems found. */
function checkEntries(raw: unknown, origin: string): { entries: Located[]; problems: string[] } {
  if (!Array.isArray(raw)) {
    const got = raw === null ? 'null' : typeof raw;
    return { entries: [], problems: [`${origin}: expected an array of answers, got ${got}`] };
  }
  const entries: Located[] = [];
  const problems: string[] = [];
  raw.forEach((item, index) => {
    const where = describe(item, origin, index);
    const result = answerSchema.safeParse(item);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = fieldName(issue.path);
        const missing = issue.code === 'invalid_type' && valueAt(item, issue.path) === undefined;
        const message = missing ? 'is missing' : issue.message;
        problems.push(field ? `${where}: field "${field}": ${message}` : `${where}: ${message}`);
      }
      return;
    }
    const answer: Answer = result.data;
    const own = contentProblems(answer);
    if (own.length > 0) {
      problems.push(...own.map((p) => `${where}: ${p}`));
      return;
    }
    entries.push({ answer, where });
  });
  return { entries, problems };
}

/** Checks across the whole set: unique (id, lang), every language that must have every answer
 * (src/core/languages.ts `allAnswers`; a translation needs its Spanish original), one topic per
 * id, coverage of every topic in those languages. */
function checkSet(entries: Located[]): string[] {
  const problems: string[] = [];
  const byKey = new Map<string, Located>();
  const byId = new Map<string, Located[]>();
  for (const e of entries) {
    const key = `${e.answer.id}\u0000${e.answer.lang}`;
    const first = byKey.get(key);
    if (first) {
      problems.push(`id "${e.answer.id}" (${e.answer.lang}) appears twice: ${first.where} and ${e.where}`);
      continue;
    }
    byKey.set(key, e);
    const group = byId.get(e.answer.id) ?? [];
    group.push(e);
    byId.set(e.answer.id, group);
  }
  for (const [id, group] of byId) {
    const langs = new Set<Lang>(group.map((e) => e.answer.lang));
    for (const lang of LANGUAGES) {
      if (!langs.has(lang) && (LANGUAGE[lang].allAnswers || lang === DEFAULT_LANG)) problems.push(`id "${id}": missing its "${lang}" version (${group[0]?.where})`);
    }
    const topics = new Set(group.map((e) => e.answer.topic));
    if (topics.size > 1) {
      problems.push(`id "${id}": its translations have different topics (${[...topics].join(', ')})`);
    }
  }
  const counts = new Map<string, number>();
  for (const { answer } of entries) {
    if (answer.status !== 'published') continue;
    const key = `${answer.topic}/${answer.lang}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const topic of TOPICS) {
    for (const lang of LANGUAGES.filter((l) => LANGUAGE[l].allAnswers)) {
      const n = counts.get(`${topic}/${lang}`) ?? 0;
      if (n < MIN_ANSWERS_PER_TOPIC_AND_LANG) {
        problems.push(`topic "${topic}" (${lang}): ${n} published answer${n === 1 ? '' : 's'}, needs at least ${MIN_ANSWERS_PER_TOPIC_AND_LANG}`);
      }
    }
  }
  return problems;
}

/**
 * Validates a whole set of answers: every field of every entry, then the set rules
 * (unique id+lang, the languages every id needs, coverage of every topic in them).
 * Set rules run only once every entry is valid, so the first errors are the real ones.
 */
export function validateAnswers(answers: unknown, origin = 'answers'): Answer[] {
  const { entries, problems } = checkEntries(answers, origin);
  if (problems.length > 0) throw new AnswerValidationError(problems, origin);
  const setProblems = checkSet(entries);
  if (setProblems.length > 0) throw new AnswerValidationError(setProblems, origin);
  return entries.map((e) => e.answer);
}

/** The seed file of a topic, relative to the project root (for messages). */
export function seedFileName(topic: Topic): string {
  return `content/answers/${topic}.json`;
}

/** Reads and validates every seed file (`content/answers/<topic>.json`). Throws on any problem. */
export function loadSeedAnswers(): Answer[] {
  const problems: string[] = [];
  const all: Located[] = [];
  for (const topic of TOPICS) {
    const file = seedFileName(topic);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(new URL(`./${topic}.json`, import.meta.url), 'utf8'));
    } catch (err) {
      problems.push(`${file}: cannot read or parse JSON: ${(err as Error).message}`);
      continue;
    }
    const { entries, problems: fileProblems } = checkEntries(raw, file);
    problems.push(...fileProblems);
    for (const e of entries) {
      if (e.answer.topic !== topic) {
        problems.push(`${e.where}: field "topic": "${e.answer.topic}" does not belong in ${file}`);
      } else {
        all.push(e);
      }
    }
  }
  if (problems.length > 0) throw new AnswerValidationError(problems, 'content/answers');
  const setProblems = checkSet(all);
  if (setProblems.length > 0) throw new AnswerValidationError(setProblems, 'content/answers');
  return all.map((e) => e.answer);
}
