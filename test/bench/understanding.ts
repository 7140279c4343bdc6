/**
 * What understanding one message costs: `interpret` (signal lexicon, everyday readings,
 * classifier, commands, choices, FAQ search) on every message of the `dev` set, as read at the
 * main menu, after a warm-up. Also the classifier's training time at start-up.
 */
import { performance } from 'node:perf_hooks';
import { loadSeedAnswers } from '../../content/answers/index.ts';
import { loadTrainingExamples, readLabelled } from '../../content/understanding/index.ts';
import { buildAnswerIndex } from '../../dialogs/faq/answerIndex.ts';
import { interpret } from '../../dialogs/faro/intents.ts';
import { trainClassifier } from '../../dialogs/understanding/classifier.ts';
import { createUnderstanding } from '../../dialogs/understanding/understand.ts';
import type { Choice } from '../../src/core/message.ts';

export function benchUnderstanding(rounds = 5): Record<string, number> {
  const examples = loadTrainingExamples();
  const t0 = performance.now();
  const understanding = createUnderstanding(trainClassifier(examples));
  const trainMs = performance.now() - t0;
  const answers = buildAnswerIndex(loadSeedAnswers());
  const texts = readLabelled(new URL('../understanding/dev.jsonl', import.meta.url)).map((m) => m.text);
  const choices: Choice[] = [
    { action: 'topic:health', title: 'Salud' },
    { action: 'human', title: 'Hablar con una persona' },
  ];
  const ctx = { step: 'menu' as const, tagged: () => false, lang: 'es' as const, choices, answers, understanding };
  for (const text of texts) interpret({ text }, ctx);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const text of texts) {
      const start = performance.now();
      interpret({ text }, ctx);
      times.push((performance.now() - start) * 1000);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.floor(q * (times.length - 1))]!);
  return { messages: times.length, p50us: at(0.5), p90us: at(0.9), p99us: at(0.99), trainMs: Math.round(trainMs), trainExamples: examples.length };
}
