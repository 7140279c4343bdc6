/**
 * The labelled message sets (see FORMAT.md beside this file), read and checked once. A line
 * that does not fit the format stops the run with its file and line number.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TOPICS } from '../../src/core/domain.ts';

export const EXPECTS = ['psea', 'danger', 'benign', 'question', 'human', 'complaint', 'greeting', 'choice', 'erase'] as const;
export type Expect = (typeof EXPECTS)[number];

const topic = z.enum(TOPICS);
const labelled = z.object({
  text: z.string().min(1),
  expect: z.enum(EXPECTS),
  danger: z.boolean().optional(),
  topic: z.union([topic, z.array(topic).min(1)]).optional(),
  action: z.string().optional(),
  lang: z.enum(['es', 'en', 'pt', 'ht']),
  kind: z.string().optional(),
});
export type Labelled = z.infer<typeof labelled>;

export const SET_NAMES = ['train', 'dev', 'test'] as const;
export type SetName = (typeof SET_NAMES)[number];

export function setFile(name: string): URL {
  return new URL(`./${name}.jsonl`, import.meta.url);
}

export function readSet(file: URL): Labelled[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: Labelled[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${file.pathname}:${i + 1}: not JSON`);
    }
    const parsed = labelled.safeParse(json);
    if (!parsed.success) throw new Error(`${file.pathname}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    if (parsed.data.expect === 'question' && !parsed.data.topic) throw new Error(`${file.pathname}:${i + 1}: a question needs a topic`);
    out.push(parsed.data);
  });
  return out;
}

export function topicsOf(m: Labelled): readonly string[] {
  return m.topic === undefined ? [] : typeof m.topic === 'string' ? [m.topic] : m.topic;
}
