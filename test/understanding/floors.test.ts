/**
 * Understanding must not regress: floors on the `train` and `dev` sets, through the real
 * dialog in every state (see evaluate.ts). Never on `test`: the blind set is only measured
 * (`npm run eval`), so that its figures stay honest. Floors sit a little under what was
 * measured when they were set; raise them when the figures rise. No timings here.
 */
import { expect } from 'chai';
import { faroDialog } from '../support/dialog.ts';
import { evaluate } from './evaluate.ts';
import { figures, pct, type Figures } from './report.ts';
import { readSet, setFile } from './sets.ts';

type Floors = Partial<Record<keyof Figures, { min?: number; max?: number }>>;

const FLOORS: Record<'train' | 'dev', Floors> = {
  train: {
    pseaRecall: { min: 99 },
    pseaDangerBoth: { min: 95 },
    dangerRecall: { min: 99 },
    benignFalseAlarms: { max: 2 },
    otherFalseAlarms: { max: 5 },
    faqRight: { min: 70 },
    faqWrong: { max: 2 },
    human: { min: 97 },
    complaint: { min: 95 },
    erase: { min: 85 },
  },
  dev: {
    pseaRecall: { min: 90 },
    pseaDangerBoth: { min: 70 },
    dangerRecall: { min: 95 },
    benignFalseAlarms: { max: 12 },
    otherFalseAlarms: { max: 4 },
    faqRight: { min: 50 },
    faqWrong: { max: 4 },
    human: { min: 90 },
    complaint: { min: 70 },
    erase: { min: 80 },
  },
};

describe('understanding floors (train and dev sets, every state)', () => {
  for (const [name, floors] of Object.entries(FLOORS)) {
    it(`${name}: stays at or above its floors`, () => {
      const f = figures(evaluate(faroDialog(), readSet(setFile(name))));
      for (const [key, { min, max }] of Object.entries(floors) as [keyof Figures, { min?: number; max?: number }][]) {
        const value = pct(f[key]);
        if (min !== undefined) expect(value, `${name} ${key} (${f[key].n}/${f[key].of})`).to.be.at.least(min);
        if (max !== undefined) expect(value, `${name} ${key} (${f[key].n}/${f[key].of})`).to.be.at.most(max);
      }
    });
  }
});
