/**
 * The bot's catalogs against each other: a key missing in a full language would show the person
 * the key (or a Spanish string in the middle of a Portuguese conversation), a dropped placeholder
 * loses the case number, and a command word the bot tells people to type must work when typed.
 */
import { expect } from 'chai';
import { type Catalog, keysOf, loadBotCatalogs } from '../../content/locales/index.ts';
import { LANGUAGE, LANGUAGES } from '../../src/core/languages.ts';
import { loadSeedAnswers } from '../../content/answers/index.ts';
import { loadUnderstanding } from '../../content/understanding/index.ts';
import { buildAnswerIndex } from '../../dialogs/faq/answerIndex.ts';
import { interpret } from '../../dialogs/faro/intents.ts';

const catalogs = loadBotCatalogs();
const source = catalogs.es;
const sourceKeys = keysOf(source);

/** What a language of `essentials` must translate: what keeps a person safe and reachable. */
const ESSENTIAL_GROUPS = ['language', 'consent', 'safety', 'psea', 'handoff', 'withdraw', 'check', 'menu', 'choice', 'offerHuman', 'notUnderstood', 'help'];

function valueAt(catalog: Catalog, key: string): string | undefined {
  let node: string | Catalog | undefined = catalog;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('bot catalogs (content/locales)', () => {
  for (const lang of LANGUAGES.filter((l) => l !== 'es')) {
    describe(`${lang} (${LANGUAGE[lang].catalog})`, () => {
      const keys = keysOf(catalogs[lang]);

      it('has no key the Spanish catalog lacks', () => {
        expect(keys.filter((k) => !sourceKeys.includes(k))).to.deep.equal([]);
      });

      const required = LANGUAGE[lang].catalog === 'full' ? sourceKeys : sourceKeys.filter((k) => ESSENTIAL_GROUPS.includes(k.split('.')[0]!));
      it(`has every ${LANGUAGE[lang].catalog === 'full' ? '' : 'essential '}key, none empty`, () => {
        expect(required.filter((k) => !valueAt(catalogs[lang], k)?.trim())).to.deep.equal([]);
      });

      it('keeps the placeholders of every string', () => {
        const differing = keys.filter((k) => placeholders(valueAt(source, k) ?? '').join() !== placeholders(valueAt(catalogs[lang], k) ?? '').join());
        expect(differing).to.deep.equal([]);
      });
    });
  }

  describe('command words the bot tells people to type', () => {
    // «persona», «menú», «borrar mis datos», «english»: in each language's own words, as its strings give them.
    const COMMAND_KEYS = ['offerHuman', 'handoff.waiting', 'handoff.left', 'handoff.closed', 'handoff.closedUnattended', 'consent.accepted', 'withdraw.confirm', 'help'];
    const answers = buildAnswerIndex(loadSeedAnswers());
    const understanding = loadUnderstanding();
    for (const lang of LANGUAGES) {
      it(`are commands when typed (${lang})`, () => {
        const said = new Set(COMMAND_KEYS.flatMap((k) => [...(valueAt(catalogs[lang], k) ?? '').matchAll(/«([^»]+)»|"([^"]+)"/g)].map((m) => (m[1] ?? m[2])!)));
        expect(said.size, lang).to.be.greaterThan(2);
        for (const word of said) {
          if (/^\d/.test(word)) continue; // "«1 3»": an example of choosing several options
          const intent = interpret({ text: word }, { step: 'menu', tagged: () => false, lang, choices: [], answers, understanding });
          expect(['HUMAN', 'MENU', 'WITHDRAW', 'HELP', 'LANG'], `«${word}» (${lang}) → ${intent.type}`).to.include(intent.type);
        }
      });
    }
  });
});
