/**
 * Every state of the Faro machine, found by walking the machine itself (not a hand-kept list):
 * each has known tags, a prompt in both languages unless it is transient, and from each a
 * danger message brings the emergency contacts, a PSEA disclosure the sealed route, and asking
 * for a person a person (or consent first).
 */
import { expect } from 'chai';
import { FARO_DIALOG_VERSION } from '../../dialogs/faro/index.ts';
import { faroMachine, initialContext, type FaroContext, type Step, type StepTag } from '../../dialogs/faro/machine.ts';
import { promptOf } from '../../dialogs/faro/render.ts';
import { buildAnswerIndex } from '../../dialogs/faq/answerIndex.ts';
import { loadSeedAnswers } from '../../content/answers/index.ts';
import { LANGUAGES } from '../../src/core/languages.ts';
import { Chat, settings, translations } from '../support/dialog.ts';

const TAGS: readonly StepTag[] = ['sealed', 'report', 'answer', 'intake', 'live', 'personal', 'transient'];

interface Leaf {
  step: Step;
  value: unknown;
  tags: Set<string>;
  transient: boolean;
}

/** Every leaf state, with the tags of it and its parents (as `snapshot.hasTag` sees them). */
function leaves(): Leaf[] {
  const found: Leaf[] = [];
  type Node = { key: string; states: Record<string, Node>; tags: string[]; always?: unknown };
  const walk = (node: Node, path: string[], inherited: string[]) => {
    const tags = [...inherited, ...node.tags];
    const children = Object.values(node.states);
    if (path.length > 0 && children.length === 0) {
      const value = path.reduceRight<unknown>((inner, key, i) => (i === path.length - 1 ? key : { [key]: inner }), null);
      found.push({ step: path.join('.') as Step, value, tags: new Set(tags), transient: node.always !== undefined });
    }
    for (const child of children) walk(child, [...path, child.key], tags);
  };
  walk(faroMachine.root as unknown as Node, [], []);
  return found;
}

const answers = buildAnswerIndex(loadSeedAnswers());
const someAnswer = answers.listTopic('health', 'es')[0]!.id;

/** What a conversation resting in `step` would have in its context. */
function contextFor(step: Step): FaroContext {
  const base: FaroContext = { ...initialContext('es'), consent: 'accepted' };
  if (step === 'language' || step === 'consent') return { ...base, consent: 'pending' };
  if (step.startsWith('handoff.')) return { ...base, ticketRef: 'T-ABC123', operator: step === 'handoff.live' };
  if (step.startsWith('feedback.')) return { ...base, rating: { ref: 'T-ABC123', score: step === 'feedback.comment' ? 4 : null }, askedRef: 'T-ABC123' };
  if (step === 'faq.answer') return { ...base, answerId: someAnswer, topic: 'health' };
  if (step === 'faq.suggest') return { ...base, suggestions: [someAnswer] };
  if (step === 'faq.questions') return { ...base, topic: 'health' };
  if (step.startsWith('complaint.')) return { ...base, caseType: 'complaint', caseRef: step === 'complaint.done' ? 'C-ABC123' : null };
  if (step === 'psea.contact' || step === 'psea.describe') return { ...base, pseaContact: step === 'psea.describe' ? 'anonymous' : null };
  if (step === 'psea.followup') return { ...base, pseaFollowup: 'P-ABC123' };
  if (step.startsWith('intake.'))
    return { ...base, intake: { ageGroup: '18_39', gender: 'female', nationality: 'venezuelan', region: 'Lima', householdSize: '2', needs: ['pregnancy'], contact: 'this_chat' } };
  return base;
}

function chatIn(leaf: Leaf): Chat {
  const chat = new Chat(undefined, { machineVersion: FARO_DIALOG_VERSION, snapshot: { value: leaf.value, context: contextFor(leaf.step) } });
  expect(chat.step, 'restored in the state itself').to.equal(leaf.step);
  return chat;
}

const ALL = leaves();

describe('Every state of the Faro machine', () => {
  it('is found by walking the machine (all of them, not a list kept by hand)', () => {
    expect(ALL.length).to.be.at.least(37);
    expect(ALL.map((l) => l.step)).to.include.members(['language', 'intake.confirm', 'handoff.live', 'psea.followup', 'check.psea']);
  });

  for (const leaf of ALL) {
    describe(leaf.step, () => {
      it('has only known tags, and is transient exactly when it is left at once', () => {
        for (const tag of leaf.tags) expect(TAGS).to.include(tag);
        expect(leaf.tags.has('transient')).to.equal(leaf.transient);
      });

      if (leaf.transient) {
        it('has no prompt', () => expect(() => promptOf(leaf.step)).to.throw(/No prompt/));
        return;
      }

      it('has a prompt in every language, with no catalog key or placeholder left', () => {
        for (const lang of LANGUAGES) {
          const env = { t: translations[lang], translations, lang, answers, settings, now: Date.UTC(2026, 10, 25, 15) };
          const replies = promptOf(leaf.step).build(contextFor(leaf.step), env, (text, choices = [], extra = {}) => [{ text, choices, step: leaf.step, ...extra }]);
          expect(replies).to.not.be.empty;
          for (const r of replies) {
            expect(r.text.trim(), `${lang} prompt`).to.not.equal('');
            expect(r.text).to.not.match(/\{\{|^[a-z]+(\.[a-zA-Z_]+)+$/);
            for (const c of r.choices) expect(c.title).to.not.match(/^[a-z]+(\.[a-zA-Z_]+)+$/);
          }
        }
      });

      it('answers a danger message with the emergency contacts', () => {
        const chat = chatIn(leaf);
        chat.say('mi pareja me esta pegando ahora, tengo miedo');
        expect(chat.text).to.include('105').and.include('Línea 100');
      });

      it('takes a PSEA disclosure to the sealed route, out of the transcript', () => {
        const chat = chatIn(leaf);
        const turn = chat.say('el señor que entrega los kits me pide cosas a cambio');
        expect(chat.step).to.match(/^psea\./);
        expect(turn.transcript).to.equal(null);
      });

      it('takes a request for a person to a person, or to consent first', () => {
        const chat = chatIn(leaf);
        chat.say('quiero hablar con una persona');
        expect(chat.step).to.be.oneOf(['handoff.queued', 'handoff.live', 'consent']);
      });
    });
  }
});
