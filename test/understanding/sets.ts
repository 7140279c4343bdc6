/** Where the labelled sets are (the format and the reader are in content/understanding). */
export { EXPECTS, readLabelled as readSet, topicsOf, type Expect, type Labelled } from '../../content/understanding/index.ts';

export const SET_NAMES = ['train', 'dev', 'test'] as const;
export type SetName = (typeof SET_NAMES)[number];

/** `train` is the bot's own training set in content/understanding (linked from here). */
export function setFile(name: string): URL {
  return new URL(`./${name}.jsonl`, import.meta.url);
}
