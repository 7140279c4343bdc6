import { expect } from 'chai';
import { AnswerValidationError, loadSeedAnswers, MAX_TEXT_CHARS, validateAnswers } from '../../content/answers/index.ts';
import { LANGUAGES, TOPICS, type Answer } from '../../src/core/domain.ts';
import { LANGUAGE } from '../../src/core/languages.ts';

/** A small valid set: 3 answers per topic, each in es and en. */
/** The languages in which every answer must exist (the others have some). */
const EVERY_ANSWER = LANGUAGES.filter((lang) => LANGUAGE[lang].allAnswers);

function validSet(): Answer[] {
  const out: Answer[] = [];
  for (const topic of TOPICS) {
    for (let i = 1; i <= 3; i++) {
      for (const lang of EVERY_ANSWER) {
        out.push({
          id: `${topic}.sample-${i}`,
          lang,
          topic,
          question: lang === 'es' ? `¿Pregunta ${i}?` : `Question ${i}?`,
          text: lang === 'es' ? 'Respuesta corta. Llama al 105.' : 'Short answer. Call 105.',
          keywords: ['uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho'],
          agency: 'ACNUR / UNHCR',
          source: 'https://www.gob.pe/migraciones',
          verifiedAt: '2026-11-01',
          reviewBy: '2027-05-01',
          status: 'published',
          sample: true,
        });
      }
    }
  }
  return out;
}

function errorOf(fn: () => unknown): AnswerValidationError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(AnswerValidationError);
    return err as AnswerValidationError;
  }
  expect.fail('expected validation to throw');
}

describe('content/answers seed', () => {
  const answers = loadSeedAnswers();

  it('loads and validates every seed file', () => {
    expect(answers.length).to.be.greaterThan(0);
    expect(() => validateAnswers(answers)).not.to.throw();
  });

  it('has at least 4 published answers per topic in each language', () => {
    for (const topic of TOPICS) {
      for (const lang of EVERY_ANSWER) {
        const n = answers.filter((a) => a.topic === topic && a.lang === lang && a.status === 'published').length;
        expect(n, `${topic}/${lang}`).to.be.at.least(4);
      }
    }
  });

  it('pairs every answer with its translation, with the same source and agency', () => {
    const ids = new Set(answers.map((a) => a.id));
    for (const id of ids) {
      const es = answers.find((a) => a.id === id && a.lang === 'es');
      const en = answers.find((a) => a.id === id && a.lang === 'en');
      expect(es, `${id} es`).to.exist;
      expect(en, `${id} en`).to.exist;
      expect(en!.source, id).to.equal(es!.source);
      expect(en!.agency, id).to.equal(es!.agency);
    }
  });

  it('marks the seed as sample content with verification dates', () => {
    for (const a of answers) {
      expect(a.sample, a.id).to.equal(true);
      expect(a.verifiedAt, a.id).to.equal('2026-11-01');
      expect(a.reviewBy, a.id).to.equal('2027-05-01');
      expect(a.text.length, a.id).to.be.at.most(MAX_TEXT_CHARS);
    }
  });

  it('returns fresh objects on every load', () => {
    const again = loadSeedAnswers();
    expect(again).to.deep.equal(answers);
    expect(again[0]).not.to.equal(answers[0]);
  });
});

describe('validateAnswers', () => {
  it('accepts a minimal valid set', () => {
    expect(validateAnswers(validSet())).to.have.length(TOPICS.length * 3 * 2);
  });

  it('rejects something that is not an array', () => {
    const err = errorOf(() => validateAnswers({ id: 'x' }, 'upload.json'));
    expect(err.message).to.contain('upload.json: expected an array of answers, got object');
  });

  it('names the entry, id, language and field of a missing or wrong field', () => {
    const set = validSet() as unknown as Record<string, unknown>[];
    delete set[0]!.agency;
    set[1]!.lang = 'fr';
    set[2]!.extra = 1;
    const err = errorOf(() => validateAnswers(set, 'health.json'));
    expect(err.message).to.contain('health.json[0] id "regularization.sample-1" (es): field "agency": is missing');
    expect(err.message).to.contain('health.json[1] id "regularization.sample-1" (fr): field "lang"');
    expect(err.message).to.contain('health.json[2]').and.to.contain('Unrecognized key: "extra"');
    expect(err.problems).to.have.length(3);
  });

  it('rejects text that is too long or uses markdown', () => {
    const set = validSet();
    set[0]!.text = 'a'.repeat(MAX_TEXT_CHARS + 1);
    set[1]!.text = 'Ve a la **posta**.';
    set[2]!.text = 'Pasos:\n- ir a la posta';
    const err = errorOf(() => validateAnswers(set));
    expect(err.message).to.contain(`field "text": ${MAX_TEXT_CHARS + 1} characters, at most ${MAX_TEXT_CHARS}`);
    expect(err.message).to.contain('plain text only, found bold markers');
    expect(err.message).to.contain('plain text only, found a bullet list');
  });

  it('rejects bad dates and a review date not after verification', () => {
    const set = validSet();
    set[0]!.verifiedAt = '01/11/2026';
    set[1]!.reviewBy = '2027-02-30';
    set[2]!.reviewBy = '2026-10-01';
    const err = errorOf(() => validateAnswers(set));
    expect(err.message).to.match(/\[0\].*field "verifiedAt": must be a real ISO date YYYY-MM-DD/);
    expect(err.message).to.match(/\[1\].*field "reviewBy": must be a real ISO date YYYY-MM-DD/);
    expect(err.message).to.contain('field "reviewBy": 2026-10-01 must be after verifiedAt 2026-11-01');
  });

  it('rejects an id that does not match its topic, and too few keywords', () => {
    const set = validSet();
    set[0]!.id = 'health.sample-1';
    set[1]!.keywords = ['solo', 'tres', 'palabras'];
    const err = errorOf(() => validateAnswers(set));
    expect(err.message).to.contain('field "id": must start with its topic "regularization."');
    expect(err.message).to.contain('field "keywords": 3 keywords, expected 8 to 20');
  });

  it('rejects duplicates and answers missing a translation', () => {
    const set = validSet();
    const dup = { ...set[0]! };
    set.push(dup);
    const withoutEn = set.filter((a) => !(a.id === 'health.sample-2' && a.lang === 'en'));
    const err = errorOf(() => validateAnswers(withoutEn));
    expect(err.message).to.contain('id "regularization.sample-1" (es) appears twice: answers[0] id');
    expect(err.message).to.contain('id "health.sample-2": missing its "en" version');
  });

  it('rejects a topic with fewer than 3 published answers in a language', () => {
    const set = validSet().map((a) => (a.topic === 'housing' && a.lang === 'en' && a.id === 'housing.sample-3' ? { ...a, status: 'draft' as const } : a));
    const err = errorOf(() => validateAnswers(set));
    expect(err.problems).to.deep.equal(['topic "housing" (en): 2 published answers, needs at least 3']);
  });
});
