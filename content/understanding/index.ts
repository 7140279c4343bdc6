/**
 * Labelled messages: how people really write, each with what it means (see
 * test/understanding/FORMAT.md). `train.jsonl` in this folder is what the running bot learns
 * from (dialogs/understanding); the held-out `dev` and blind `test` sets live under
 * test/understanding/ and are never learnt from. `readLabelled` checks every line and names the
 * file and line of a problem.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TOPICS } from '../../src/core/domain.ts';
import { trainClassifier, type Example } from '../../dialogs/understanding/classifier.ts';
import { createUnderstanding, type Understanding } from '../../dialogs/understanding/understand.ts';

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

export const TRAINING_SET = new URL('./train.jsonl', import.meta.url);

export function readLabelled(file: URL): Labelled[] {
  const out: Labelled[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${file.pathname}:${i + 1}`;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new Error(`${where}: not JSON`);
      }
      const parsed = labelled.safeParse(json);
      if (!parsed.success) throw new Error(`${where}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      if (parsed.data.expect === 'question' && !parsed.data.topic) throw new Error(`${where}: a question needs a topic`);
      out.push(parsed.data);
    });
  return out;
}

export function topicsOf(m: Labelled): readonly string[] {
  return m.topic === undefined ? [] : typeof m.topic === 'string' ? [m.topic] : m.topic;
}

/** What the classifier learns from a message: its meaning, danger, topics and language.
 * Menu numbers and titles are left out: they mean something only next to their menu. */
export function toExample(m: Labelled): Example | null {
  if (m.expect === 'choice') return null;
  const labels = [m.expect, ...(m.danger ? ['danger'] : []), ...topicsOf(m).map((t) => `topic:${t}`), `lang:${m.lang}`];
  return { text: m.text, labels: [...new Set(labels)] };
}

export function loadTrainingExamples(file: URL = TRAINING_SET): Example[] {
  return readLabelled(file)
    .map(toExample)
    .filter((e): e is Example => e !== null);
}

let shipped: Understanding | undefined;
/** Faro's understanding trained on the shipped set: trained once per process (about a second). */
export function loadUnderstanding(): Understanding {
  shipped ??= createUnderstanding(trainClassifier(loadTrainingExamples()));
  return shipped;
}
