import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { loadSeedAnswers } from '../../content/answers/index.ts';
import { buildAnswerIndex, CONFIDENT, foldEs, stemEs, type AnswerIndex, type AnswerMatch } from '../../dialogs/faq/answerIndex.ts';
import { TOPICS, type Answer, type Lang, type Topic } from '../../src/core/domain.ts';

interface Case {
  text: string;
  lang: Lang;
  answer?: string | string[];
  topic?: Topic;
  direct?: boolean;
  note?: string;
  knownGap?: string;
}
interface Cases {
  fixture: Case[];
  seed: Case[];
  negatives: Case[];
}

const cases = JSON.parse(readFileSync(new URL('./faq.cases.json', import.meta.url), 'utf8')) as Cases;
const fixture = JSON.parse(readFileSync(new URL('./fixtures/answers.json', import.meta.url), 'utf8')) as Answer[];

const best = (ms: AnswerMatch[]): AnswerMatch | undefined => ms[0];
const confidentOf = (ms: AnswerMatch[]): number => best(ms)?.confidence ?? 0;

/** Runs the case table against one corpus and prints accuracy (not asserted: each case is). */
function caseSuite(name: string, list: Case[], answers: () => Answer[]): void {
  describe(`FAQ cases: ${name}`, () => {
    let index: AnswerIndex;
    const tally = { withAnswer: 0, top1: 0, direct: 0, offered: 0, wrongDirect: 0, topics: 0, topicsOk: 0 };
    const correctConf: number[] = [];
    const otherConf: number[] = [];

    before(() => {
      index = buildAnswerIndex(answers());
    });

    after(() => {
      const pct = (a: number, b: number) => (b === 0 ? '-' : `${Math.round((100 * a) / b)}%`);
      console.log(
        `      [${name}] ${tally.withAnswer} answer cases: top-1 ${tally.top1} (${pct(tally.top1, tally.withAnswer)}), ` +
          `shown directly ${tally.direct} (${pct(tally.direct, tally.withAnswer)}), offered in list ${tally.offered}, ` +
          `wrong shown directly ${tally.wrongDirect}; topics ${tally.topicsOk}/${tally.topics}`,
      );
      const fmt = (xs: number[]) =>
        xs
          .sort((a, b) => a - b)
          .map((x) => x.toFixed(2))
          .join(' ');
      console.log(`      [${name}] confidence of correct best matches: ${fmt(correctConf)}`);
      console.log(`      [${name}] confidence of other best matches (wrong/uncovered, CONFIDENT=${CONFIDENT}): ${fmt(otherConf)}`);
    });

    for (const c of list) {
      const title = `${c.lang} ${JSON.stringify(c.text)}${c.answer ? ` → ${[c.answer].flat().join(' | ')}` : ''}${c.topic ? ` [${c.topic}]` : ''}`;
      if (c.knownGap) {
        it(`${title} (known gap: ${c.knownGap})`);
        continue;
      }
      it(title, () => {
        const matches = index.search(c.text, c.lang);
        const top = best(matches);
        const expected = c.answer === undefined ? undefined : [c.answer].flat();
        if (expected) {
          tally.withAnswer++;
          if (top && expected.includes(top.answerId)) {
            tally.top1++;
            correctConf.push(top.confidence);
            if (top.confidence >= CONFIDENT) tally.direct++;
          } else {
            if (top) otherConf.push(top.confidence);
            if (top && top.confidence >= CONFIDENT) tally.wrongDirect++;
            else if (matches.some((m) => expected.includes(m.answerId))) tally.offered++;
          }
        } else if (top) otherConf.push(top.confidence);
        if (c.topic) tally.topics++;
        const topic = index.topicOf(c.text, c.lang);
        if (c.topic && topic === c.topic) tally.topicsOk++;

        const shown = matches.map((m) => `${m.answerId}:${m.confidence}`).join(', ') || 'nothing';
        if (expected) {
          if (!(top && expected.includes(top.answerId))) {
            // Not the best: acceptable only as an offer in a list, never shown as THE answer.
            expect(top?.confidence ?? 0, `wrong answer shown directly: ${shown}`).to.be.below(CONFIDENT);
            expect(
              matches.map((m) => m.answerId),
              `expected answer not offered: ${shown}`,
            ).to.include.oneOf(expected);
          }
        }
        if (c.direct === true) expect(confidentOf(matches), shown).to.be.at.least(CONFIDENT);
        if (c.direct === false) expect(confidentOf(matches), `must not be shown directly: ${shown}`).to.be.below(CONFIDENT);
        if (c.topic) expect(topic, `topicOf (matches: ${shown})`).to.equal(c.topic);
      });
    }

    describe('negatives: nothing matches, no topic', () => {
      for (const c of cases.negatives) {
        it(`${c.lang} ${JSON.stringify(c.text)}`, () => {
          expect(index.search(c.text, c.lang)).to.deep.equal([]);
          expect(index.topicOf(c.text, c.lang)).to.equal(null);
        });
      }
    });
  });
}

caseSuite('fixture', cases.fixture, () => fixture);
caseSuite('seed', cases.seed, () => loadSeedAnswers());

describe('answerIndex', () => {
  const index = buildAnswerIndex(fixture);
  const seed = loadSeedAnswers();

  it('the case table is big enough to mean something', () => {
    expect(cases.fixture.length + cases.seed.length).to.be.at.least(40);
    expect(cases.negatives.length).to.be.at.least(4);
  });

  describe('drafts', () => {
    it('never returns, lists or gets a draft', () => {
      for (const lang of ['es', 'en'] as const) {
        for (const q of ['nacionalidad peruana naturalizacion', 'naturalization citizenship', 'borrador requisitos']) {
          expect(index.search(q, lang, 10).map((m) => m.answerId)).to.not.include('reg-nationality');
        }
        expect(index.get('reg-nationality', lang)).to.equal(undefined);
        expect(index.listTopic('regularization', lang).map((a) => a.id)).to.not.include('reg-nationality');
      }
    });

    it('keeps the published translation when the other language is a draft', () => {
      expect(index.get('edu-adults', 'es')?.status).to.equal('published');
      expect(index.get('edu-adults', 'en')).to.equal(undefined);
      expect(index.search('finish secondary school as an adult ceba', 'en', 10).map((m) => m.answerId)).to.not.include('edu-adults');
      expect(index.listTopic('education', 'en').map((a) => a.id)).to.not.include('edu-adults');
    });

    it('drops a seed answer turned into a draft, everywhere', () => {
      const target = seed.find((a) => a.id === 'health.vaccination' && a.lang === 'es')!;
      const edited = seed.map((a) => (a === target ? { ...a, status: 'draft' as const } : a));
      const idx = buildAnswerIndex(edited);
      expect(idx.search('vacuna para mi hijo', 'es', 10).map((m) => m.answerId)).to.not.include('health.vaccination');
      expect(idx.get('health.vaccination', 'es')).to.equal(undefined);
      expect(idx.get('health.vaccination', 'en')?.lang).to.equal('en');
      expect(idx.listTopic('health', 'es').map((a) => a.id)).to.not.include('health.vaccination');
    });
  });

  describe('language separation', () => {
    it('returns only answers in the asked language', () => {
      const seedIndex = buildAnswerIndex(seed);
      for (const c of [...cases.fixture, ...cases.seed]) {
        for (const lang of ['es', 'en'] as const) {
          for (const idx of [index, seedIndex]) {
            for (const m of idx.search(c.text, lang, 5)) expect(idx.get(m.answerId, lang)?.lang).to.equal(lang);
          }
        }
      }
    });

    it('does not find a Spanish-only answer from English', () => {
      expect(index.search('ruc sunat boletas emprender negocio', 'es')[0]?.answerId).to.equal('work-business');
      expect(index.search('ruc sunat boletas emprender negocio', 'en').map((m) => m.answerId)).to.not.include('work-business');
      expect(index.get('work-business', 'en')).to.equal(undefined);
    });

    it('gives each language its own text for a shared id', () => {
      expect(index.get('health-vaccines', 'es')?.question).to.match(/vacuno/);
      expect(index.get('health-vaccines', 'en')?.question).to.match(/vaccinated/);
    });
  });

  describe('listTopic', () => {
    it('is stable: same order on every call and whatever the load order', () => {
      const reversed = buildAnswerIndex([...seed].reverse());
      const shuffled = buildAnswerIndex([...seed].sort((a, b) => (a.text.length % 7) - (b.text.length % 7)));
      const seedIndex = buildAnswerIndex(seed);
      for (const topic of TOPICS) {
        for (const lang of ['es', 'en'] as const) {
          const ids = seedIndex.listTopic(topic, lang).map((a) => a.id);
          expect(ids.length, `${topic}/${lang}`).to.be.at.least(3);
          expect(seedIndex.listTopic(topic, lang).map((a) => a.id)).to.deep.equal(ids);
          expect(reversed.listTopic(topic, lang).map((a) => a.id)).to.deep.equal(ids);
          expect(shuffled.listTopic(topic, lang).map((a) => a.id)).to.deep.equal(ids);
          expect([...ids].sort()).to.deep.equal(ids);
          for (const a of seedIndex.listTopic(topic, lang)) {
            expect(a.topic).to.equal(topic);
            expect(a.lang).to.equal(lang);
            expect(a.status).to.equal('published');
          }
        }
      }
    });

    it('numbers the same answers in both languages when both are published', () => {
      const seedIndex = buildAnswerIndex(seed);
      for (const topic of TOPICS) {
        expect(seedIndex.listTopic(topic, 'en').map((a) => a.id)).to.deep.equal(seedIndex.listTopic(topic, 'es').map((a) => a.id));
      }
    });

    it('returns a copy the caller may change', () => {
      const list = index.listTopic('health', 'es');
      list.length = 0;
      expect(index.listTopic('health', 'es')).to.not.be.empty;
    });

    it('keeps one answer per id and language (the most recently verified)', () => {
      const a = fixture.find((x) => x.id === 'health-sis' && x.lang === 'es')!;
      const newer = { ...a, question: '¿Cómo me afilio al SIS? (nuevo)', verifiedAt: '2026-06-01' };
      const idx = buildAnswerIndex([...fixture, newer]);
      expect(idx.listTopic('health', 'es').filter((x) => x.id === 'health-sis')).to.have.length(1);
      expect(idx.get('health-sis', 'es')?.question).to.equal(newer.question);
    });
  });

  describe('search', () => {
    it('returns at most `limit` matches, best first, confidence in 0..1', () => {
      const ms = index.search('mi hijo tiene fiebre y tos, no tiene vacunas ni seguro', 'es', 5);
      expect(ms.length).to.be.within(1, 5);
      for (let i = 0; i < ms.length; i++) {
        expect(ms[i]!.confidence).to.be.within(0, 1);
        if (i > 0) expect(ms[i]!.confidence).to.be.at.most(ms[i - 1]!.confidence);
      }
      expect(index.search('vacuna para mi hijo', 'es', 1)).to.have.length(1);
      expect(index.search('vacuna para mi hijo', 'es', 0)).to.deep.equal([]);
      expect(index.search('mi hijo tiene fiebre y tos', 'es').length).to.be.at.most(3);
    });

    it('tolerates accents, case, typos and word order', () => {
      const ids = ['Cómo saco una CITA en MIGRACIONES', 'como saco una cita en migraciones', 'migraciones cita como saco', 'komo saco una zita en migrasiones'].map(
        (q) => index.search(q, 'es')[0]?.answerId,
      );
      expect(ids).to.deep.equal(Array(4).fill('reg-appointment'));
    });

    it('treats colloquial words as the words answers use', () => {
      expect(index.search('mi chamo', 'es')[0]?.answerId).to.equal(index.search('mi hijo', 'es')[0]?.answerId);
      expect(index.topicOf('mi chamo tiene tos', 'es')).to.equal('health');
      expect(index.topicOf('busco chamba', 'es')).to.equal('employment');
      expect(index.topicOf('mi carajito no tiene cupo en el cole', 'es')).to.equal('education');
    });

    it('stays calm with empty, emoji-only, huge and odd input', () => {
      for (const text of ['', ' ', '😭😭😭🙏', '?!?!', '\u0000\u0001', 'ª º', '1 2 3', 'a e i o u']) {
        expect(index.search(text, 'es'), JSON.stringify(text)).to.deep.equal([]);
        expect(index.topicOf(text, 'es'), JSON.stringify(text)).to.equal(null);
      }
      const huge = 'mi chamo tiene tos '.repeat(1100);
      expect(huge.length).to.be.above(20_000);
      const t0 = performance.now();
      const ms = index.search(huge, 'es');
      const topic = index.topicOf(`${huge} `, 'es');
      const ms2 = index.search('x'.repeat(20_000), 'es');
      const elapsed = performance.now() - t0;
      expect(ms[0]?.answerId).to.equal('health-sick');
      expect(topic).to.equal('health');
      expect(ms2).to.deep.equal([]);
      expect(elapsed).to.be.below(200);
    });

    it('builds from nothing', () => {
      const empty = buildAnswerIndex([]);
      expect(empty.search('vacuna', 'es')).to.deep.equal([]);
      expect(empty.topicOf('vacuna para mi hijo', 'es')).to.equal('health');
      expect(empty.listTopic('health', 'es')).to.deep.equal([]);
      expect(empty.get('x', 'es')).to.equal(undefined);
    });
  });

  describe('spelling folding and stemming', () => {
    const term = (w: string) => stemEs(foldEs(w));
    it('meets common misspellings', () => {
      const same: Array<[string, string]> = [
        ['vacuna', 'bacuna'],
        ['cita', 'zita'],
        ['hablar', 'ablar'],
        ['quiero', 'kiero'],
        ['llamar', 'yamar'],
        ['colegio', 'colejio'],
        ['embarazada', 'enbarazada'],
        ['desarrollo', 'desarollo'],
        ['trabajo', 'trabajando'],
        ['vacunas', 'vacunacion'],
        ['sacarme', 'sacar'],
      ];
      for (const [a, b] of same) expect(term(a), `${a} ~ ${b}`).to.equal(term(b));
    });
    it('keeps apart words that differ', () => {
      const apart: Array<[string, string]> = [
        ['perro', 'pero'],
        ['caso', 'cosa'],
        ['salud', 'salir'],
      ];
      for (const [a, b] of apart) expect(foldEs(a, false), `${a} ≠ ${b}`).to.not.equal(foldEs(b, false));
    });
  });

  describe('speed (printed, not asserted)', () => {
    it('measures µs per search on the seed', () => {
      const seedIndex = buildAnswerIndex(seed);
      const queries = [...cases.seed, ...cases.fixture].map((c) => [c.text, c.lang] as const);
      const rounds = 20;
      // Warm up the JIT and caches first.
      for (const [t, l] of queries) seedIndex.search(t, l);
      let t0 = performance.now();
      for (let r = 0; r < rounds; r++) for (const [t, l] of queries) seedIndex.search(`${t}${' '.repeat(r + 1)}`, l);
      const searchUs = ((performance.now() - t0) * 1000) / (rounds * queries.length);
      t0 = performance.now();
      for (let r = 0; r < rounds; r++) {
        for (const [t, l] of queries) {
          const text = `${t}${' '.repeat(r + 2)}`;
          seedIndex.search(text, l);
          seedIndex.topicOf(text, l);
        }
      }
      const bothUs = ((performance.now() - t0) * 1000) / (rounds * queries.length);
      t0 = performance.now();
      const built = buildAnswerIndex(seed);
      const buildMs = performance.now() - t0;
      expect(built).to.be.an('object');
      console.log(
        `      ${seed.length} seed answers: build ${buildMs.toFixed(1)} ms; search ${searchUs.toFixed(1)} µs; ` +
          `search + topicOf ${bothUs.toFixed(1)} µs per short message (${queries.length} queries × ${rounds})`,
      );
    });
  });
});
