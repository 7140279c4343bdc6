/**
 * Runs labelled messages through the real Faro dialog (real intents, machine, renderer and
 * seed content) in the states people write from, and scores what Faro did with each one.
 * The dialog is driven through its port exactly as the runtime drives it: each message is a
 * turn on a conversation restored from a saved snapshot of that state.
 */
import { performance } from 'node:perf_hooks';
import type { Dialog, DialogSession, DialogTurn } from '../../src/core/dialog.ts';
import type { Choice } from '../../src/core/message.ts';
import { createTranslations } from '../../dialogs/faro/i18n.ts';
import { settings } from '../support/dialog.ts';
import { topicsOf, type Labelled } from './sets.ts';
import { loadBotCatalogs } from '../../content/locales/index.ts';

export const STATES = ['first', 'menu', 'intake', 'faq', 'live'] as const;
export type State = (typeof STATES)[number];

/** What Faro did with a message, read off the step it ended in and what it said. */
export type Outcome = 'psea+danger' | 'psea' | 'danger' | 'check' | 'human' | 'complaint' | 'erase' | 'answer' | 'suggest' | 'topic' | 'live' | 'intake' | 'unclear' | 'other';
export const OUTCOMES: readonly Outcome[] = ['psea+danger', 'psea', 'danger', 'check', 'human', 'complaint', 'erase', 'answer', 'suggest', 'topic', 'live', 'intake', 'unclear', 'other'];

export interface Result {
  message: Labelled;
  state: State;
  outcome: Outcome;
  /** The topic of the answer or topic list shown, if any. */
  topic: string | null;
  micros: number;
}

const es = createTranslations(loadBotCatalogs()).es;
const vars = { hotline: settings.hotline, pseaEmail: settings.pseaEmail, hours: settings.openingHours.es, ref: '', caseRef: '' };
const SAFETY_TEXT = es('safety.info', vars).slice(0, 60);
const NOT_UNDERSTOOD = es('notUnderstood');
const NOTHING_STORED = es('withdraw.nothingStored');

interface Saved {
  machineVersion: number;
  snapshot: unknown;
  choices: Choice[];
}

/** Builds a saved conversation in `state`, as the runtime would have stored it. */
function prepare(dialog: Dialog, state: State): Saved | null {
  if (state === 'first') return null;
  const session = dialog.open(null);
  let choices: Choice[] = [];
  let n = 0;
  const send = (input: { text?: string; action?: string; signal?: { type: 'OPERATOR_JOINED'; ticketRef: string } }) => {
    const turn = session.turn(input, choices, { ref: `EVL-${String(++n).padStart(3, '0')}`, now: Date.UTC(2026, 10, 25, 15) });
    choices = turn.choices;
    return turn;
  };
  send({ text: 'hola' });
  send({ action: 'lang:es' });
  send({ action: 'consent:accept' });
  if (state === 'intake') {
    send({ action: 'intake' });
    send({ action: 'ageGroup:18_39' });
  } else if (state === 'faq') {
    send({ action: 'topic:health' });
    send({ text: '1' });
  } else if (state === 'live') {
    send({ action: 'human' });
    send({ signal: { type: 'OPERATOR_JOINED', ticketRef: `EVL-${String(n).padStart(3, '0')}` } });
  }
  const expected = { menu: 'menu', intake: 'intake.gender', faq: 'faq.answer', live: 'handoff.live' }[state];
  if (session.step !== expected) throw new Error(`eval: could not reach ${state} (at ${session.step})`);
  const saved = { machineVersion: dialog.version, snapshot: session.persist(), choices };
  session.stop();
  return saved;
}

export function outcomeOf(turn: DialogTurn, step: string): { outcome: Outcome; topic: string | null } {
  const texts = turn.replies.map((r) => r.text);
  const topic = turn.replies.find((r) => r.topic)?.topic ?? null;
  const saysSafety = texts.some((t) => t.includes(SAFETY_TEXT));
  if (step.startsWith('psea.')) return { outcome: saysSafety ? 'psea+danger' : 'psea', topic };
  if (step === 'safety' || saysSafety) return { outcome: 'danger', topic };
  if (step.startsWith('check.')) return { outcome: 'check', topic };
  if (step === 'handoff.live') return { outcome: 'live', topic };
  if (step.startsWith('handoff.')) return { outcome: 'human', topic };
  if (step.startsWith('complaint.')) return { outcome: 'complaint', topic };
  if (step === 'withdraw' || texts.includes(NOTHING_STORED)) return { outcome: 'erase', topic };
  // Not understood, with the question of the state repeated (an answer shown again is not an answer).
  if (texts.some((t) => t.startsWith(NOT_UNDERSTOOD))) return { outcome: 'unclear', topic: null };
  if (step === 'faq.answer') return { outcome: 'answer', topic };
  if (step === 'faq.suggest') return { outcome: 'suggest', topic };
  if (step === 'faq.questions') return { outcome: 'topic', topic };
  // The registration questions (menu option "Registrar mi caso"), or still in them.
  if (step.startsWith('intake.')) return { outcome: 'intake', topic };
  return { outcome: 'other', topic };
}

const HANDLED_AT_ONCE: readonly Outcome[] = ['psea+danger', 'psea', 'danger', 'check', 'erase', 'complaint', 'answer'];

/** Which states a message is scored in: a menu number means something only at the menu, and in a
 * live chat everything but protection signals (and erasure) is for the operator. */
export function statesFor(m: Labelled): readonly State[] {
  if (m.expect === 'choice') return ['menu'];
  if (m.expect === 'question') return ['first', 'menu', 'faq'];
  if (m.expect === 'human' || m.expect === 'complaint' || m.expect === 'greeting') return ['first', 'menu', 'intake', 'faq'];
  return STATES;
}

export function evaluate(dialog: Dialog, messages: readonly Labelled[]): Result[] {
  // Warm up (JIT, caches) so the times measure a running process, not its first calls.
  for (const message of messages.slice(0, 100)) dialog.open(null).turn({ text: message.text }, [], { ref: 'WRM-000', now: 0 });
  const saved = new Map(STATES.map((s) => [s, prepare(dialog, s)] as const));
  const results: Result[] = [];
  for (const state of STATES) {
    const base = saved.get(state)!;
    for (const message of messages) {
      if (!statesFor(message).includes(state)) continue;
      const session: DialogSession = dialog.open(base && { machineVersion: base.machineVersion, snapshot: base.snapshot });
      let choices = base?.choices ?? [];
      let n = 0;
      const turn = (input: { text?: string; action?: string }) => {
        const t = session.turn(input, choices, { ref: `MSG-${String(++n).padStart(3, '0')}`, now: Date.UTC(2026, 10, 25, 15) });
        choices = t.choices;
        return t;
      };
      const started = performance.now();
      let last = turn({ text: message.text });
      const micros = (performance.now() - started) * 1000;
      let found = outcomeOf(last, session.step);
      // A first message that is not handled at once must survive the language and consent questions.
      if (state === 'first' && !HANDLED_AT_ONCE.includes(found.outcome)) {
        if (session.step === 'language') last = turn({ action: 'lang:es' });
        if (session.step === 'consent') last = turn({ action: 'consent:accept' });
        if (last !== undefined) found = outcomeOf(last, session.step);
      }
      session.stop();
      results.push({ message, state, outcome: found.outcome, topic: found.topic, micros });
    }
  }
  return results;
}

export function isSignal(o: Outcome): boolean {
  return o === 'psea' || o === 'danger' || o === 'psea+danger';
}

/** Whether Faro did the right thing with the message (a check-in is neither right nor a false alarm). */
export function verdict(r: Result): 'right' | 'wrong' | 'suggested' | 'check' {
  const { message: m, outcome: o } = r;
  if (o === 'check' && (m.expect === 'psea' || m.expect === 'danger' || m.expect === 'benign')) return 'check';
  switch (m.expect) {
    case 'psea':
      return o === 'psea' || o === 'psea+danger' ? 'right' : 'wrong';
    case 'danger':
      return o === 'danger' || o === 'psea+danger' ? 'right' : 'wrong';
    case 'benign':
      return isSignal(o) ? 'wrong' : 'right';
    case 'question':
      if (o === 'answer') return topicsOf(m).includes(r.topic ?? '') ? 'right' : 'wrong';
      return o === 'suggest' || o === 'topic' ? 'suggested' : 'wrong';
    case 'human':
      return o === 'human' ? 'right' : 'wrong';
    case 'complaint':
      return o === 'complaint' ? 'right' : 'wrong';
    case 'erase':
      return o === 'erase' ? 'right' : 'wrong';
    case 'greeting':
      return isSignal(o) || o === 'unclear' || o === 'check' ? 'wrong' : 'right';
    case 'choice': {
      const action = m.action ?? '';
      if (action.startsWith('topic:')) return o === 'topic' && r.topic === action.slice(6) ? 'right' : 'wrong';
      return o === (action === 'complaints' ? 'complaint' : action) ? 'right' : 'wrong';
    }
  }
}
