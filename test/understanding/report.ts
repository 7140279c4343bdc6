/** Figures from evaluated messages: per category and state, a confusion table, the slowest message. */
import { EXPECTS, type Expect } from './sets.ts';
import { isSignal, OUTCOMES, STATES, verdict, type Result, type State } from './evaluate.ts';

export interface Share {
  n: number;
  of: number;
}
export const pct = (s: Share) => (s.of === 0 ? NaN : (100 * s.n) / s.of);

/** The figures the issue's aims are written in, per state ('all' = every state together). */
export interface Figures {
  pseaRecall: Share;
  pseaDangerBoth: Share;
  dangerRecall: Share;
  benignFalseAlarms: Share;
  otherFalseAlarms: Share;
  checkIns: Share;
  faqRight: Share;
  faqWrong: Share;
  faqSuggested: Share;
  human: Share;
  complaint: Share;
  greeting: Share;
  choice: Share;
  erase: Share;
}

export function figures(results: readonly Result[]): Figures {
  const share = (pick: (r: Result) => boolean, hit: (r: Result) => boolean): Share => {
    const of = results.filter(pick);
    return { n: of.filter(hit).length, of: of.length };
  };
  const is = (e: Expect) => (r: Result) => r.message.expect === e;
  const right = (r: Result) => verdict(r) === 'right';
  const signalish = (r: Result) => r.message.expect === 'psea' || r.message.expect === 'danger' || r.message.expect === 'benign';
  return {
    pseaRecall: share(is('psea'), right),
    pseaDangerBoth: share(
      (r) => r.message.expect === 'psea' && r.message.danger === true,
      (r) => r.outcome === 'psea+danger',
    ),
    dangerRecall: share(is('danger'), right),
    benignFalseAlarms: share(is('benign'), (r) => isSignal(r.outcome)),
    otherFalseAlarms: share(
      (r) => !signalish(r),
      (r) => isSignal(r.outcome),
    ),
    checkIns: share(signalish, (r) => r.outcome === 'check'),
    faqRight: share(is('question'), right),
    faqWrong: share(is('question'), (r) => verdict(r) === 'wrong' && r.outcome === 'answer'),
    faqSuggested: share(is('question'), (r) => verdict(r) === 'suggested'),
    human: share(is('human'), right),
    complaint: share(is('complaint'), right),
    greeting: share(is('greeting'), right),
    choice: share(is('choice'), right),
    erase: share(is('erase'), right),
  };
}

const LABELS: Record<keyof Figures, string> = {
  pseaRecall: 'PSEA disclosure → psea.*',
  pseaDangerBoth: 'PSEA + danger → both in one reply',
  dangerRecall: 'immediate danger → safety',
  benignFalseAlarms: 'alarming-looking everyday → signal (false alarm)',
  otherFalseAlarms: 'other messages → signal (false alarm)',
  checkIns: 'signal-like messages → check-in',
  faqRight: 'question → answer of a right topic',
  faqWrong: 'question → answer of a wrong topic',
  faqSuggested: 'question → suggestions / topic list',
  human: 'request for a person → handoff.*',
  complaint: 'complaint/suggestion/compliment → complaint.*',
  greeting: 'greeting → greeted',
  choice: 'menu number or title → that option',
  erase: '"borrar mis datos" → erasure',
};

const cell = (s: Share) => (s.of === 0 ? '—' : `${pct(s).toFixed(0)}% (${s.n}/${s.of})`);

export function formatReport(name: string, results: readonly Result[]): string {
  const byState = new Map<State | 'all', Figures>([...STATES.map((s) => [s, figures(results.filter((r) => r.state === s))] as const), ['all', figures(results)]]);
  const cols: (State | 'all')[] = [...STATES, 'all'];
  const lines: string[] = [];
  const messages = new Set(results.map((r) => r.message)).size;
  lines.push(`## ${name}: ${messages} messages, ${results.length} turns`, '');
  lines.push(`| what | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---').join('|')}|`);
  for (const key of Object.keys(LABELS) as (keyof Figures)[]) lines.push(`| ${LABELS[key]} | ${cols.map((c) => cell(byState.get(c)![key])).join(' | ')} |`);
  lines.push('', 'Confusion (every state; rows: label, columns: what Faro did):', '');
  const used = OUTCOMES.filter((o) => results.some((r) => r.outcome === o));
  lines.push(`| label | ${used.join(' | ')} |`, `|---|${used.map(() => '---').join('|')}|`);
  for (const e of EXPECTS) {
    const row = results.filter((r) => r.message.expect === e);
    if (row.length === 0) continue;
    lines.push(`| ${e} | ${used.map((o) => row.filter((r) => r.outcome === o).length || '').join(' | ')} |`);
  }
  const times = results.map((r) => r.micros).sort((a, b) => a - b);
  const slowest = results.reduce((a, b) => (b.micros > a.micros ? b : a));
  lines.push(
    '',
    `Turn time (understanding + machine + render): p50 ${times[Math.floor(times.length / 2)]!.toFixed(0)} µs, p99 ${times[Math.floor(times.length * 0.99)]!.toFixed(0)} µs; slowest ${slowest.micros.toFixed(0)} µs (${slowest.state}): ${JSON.stringify(slowest.message.text.slice(0, 80))}`,
  );
  return lines.join('\n');
}

/** The messages handled wrongly, for reading (never for tuning, when the set is `test`). */
export function formatMisses(results: readonly Result[], limit = Infinity): string {
  const missed = results.filter((r) => verdict(r) === 'wrong' || (r.message.expect === 'question' && verdict(r) === 'suggested'));
  const seen = new Map<string, { r: Result; states: State[] }>();
  for (const r of missed) {
    const key = `${r.message.text}\u0000${r.outcome}`;
    const entry = seen.get(key);
    if (entry) entry.states.push(r.state);
    else seen.set(key, { r, states: [r.state] });
  }
  return [...seen.values()]
    .slice(0, limit)
    .map(
      ({ r, states }) =>
        `- [${r.message.expect}${r.message.topic ? `:${[r.message.topic].flat().join('/')}` : ''} → ${r.outcome}${r.topic ? `:${r.topic}` : ''}] (${states.join(',')}) ${r.message.text}`,
    )
    .join('\n');
}
