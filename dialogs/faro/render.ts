/**
 * Turns what the machine emitted into localised replies. Every state's question is defined
 * here once (`PROMPTS`); the machine only says "prompt" and the question of the state the
 * turn ends in is shown, after any `say` messages, so a turn never asks two things.
 */
import type { ReferenceLookup } from '../../src/core/dialog.ts';
import type { Answer, Lang } from '../../src/core/domain.ts';
import { CASE_TYPES, LANGUAGES, TOPICS } from '../../src/core/domain.ts';
import { fill, LANGUAGE, lookupOrder } from '../../src/core/languages.ts';
import type { Effect } from '../../src/core/effect.ts';
import type { Choice, Reply } from '../../src/core/message.ts';
import type { AnswerIndex } from '../faq/answerIndex.ts';
import type { Translate } from './i18n.ts';
import type { Emitted, FaroContext, Step, TransientStep } from './machine.ts';
import { COMMON_REGIONS, INTAKE_CODES, INTAKE_FIELDS, type IntakeField, PLAIN_FIELDS, type PlainField } from './options.ts';

/** Deployment facts shown to people; set through the environment (see README). */
export interface DialogSettings {
  hotline: string;
  /** Opening hours as said to people; a language without them gets its fallback's. */
  openingHours: Partial<Record<Lang, string>>;
  pseaEmail: string;
  /** Whether operators are at work at `at`, and if not, when they next are, said for a person
   * ("el lunes a las 9:00"; null when unknown). Absent: always staffed. */
  staffed?: (at: number, lang: Lang) => { open: true } | { open: false; next: string | null };
}

export interface RenderEnv {
  t: Translate;
  /** Every language's strings (the language question is asked in all of them). */
  translations: Record<Lang, Translate>;
  lang: Lang;
  answers: AnswerIndex;
  settings: DialogSettings;
  /** The turn's time (opening hours). */
  now: number;
}

/** Where a turn ends: the step, and whether its prompt shows this conversation's own data
 * (tag `personal`). */
export interface At {
  step: Step;
  personal: boolean;
}

export function render(emitted: Emitted[], at: At, ctx: FaroContext, env: RenderEnv): { replies: Reply[]; effects: Effect[] } {
  const { step } = at;
  const replies: Reply[] = [];
  const effects: Effect[] = [];
  let prompted = false;
  for (const e of emitted) {
    if (e.type === 'effect') effects.push(e.effect);
    else if (e.type === 'prompt') prompted = true;
    else if (e.type === 'status') replies.push({ text: statusText(e.lookup, env), choices: [], step });
    else {
      const text = env.t(e.key, e.vars ? { ...vars(ctx, env), ...e.vars } : vars(ctx, env));
      replies.push({ text: e.key === 'handoff.waiting' ? text + afterHours(env) : text, choices: [], step });
    }
  }
  if (prompted) replies.push(...cachedPrompt(at, ctx, env));
  return { replies, effects };
}

/**
 * Most questions read the same for everyone (per language and a little context), so they are
 * built once and shared, frozen. Steps tagged `personal` are built every time.
 */
const promptCache = new WeakMap<RenderEnv['answers'], Map<string, readonly Reply[]>>();

function cachedPrompt({ step, personal }: At, ctx: FaroContext, env: RenderEnv): readonly Reply[] {
  const prompt = promptOf(step);
  if (personal) return prompt.build(ctx, env, one(step));
  let cache = promptCache.get(env.answers);
  if (!cache) {
    cache = new Map();
    promptCache.set(env.answers, cache);
  }
  const key = `${env.lang}|${step}|${prompt.variant?.(ctx) ?? ''}`;
  let replies = cache.get(key);
  if (!replies) {
    replies = deepFreeze(prompt.build(ctx, env, one(step)));
    cache.set(key, replies);
  }
  return replies;
}

/** A transient state is left at once and has no prompt; any other step without one is a bug
 * (test/dialogs/states.test.ts walks every state). */
export function promptOf(step: Step): Prompt {
  const prompt = (PROMPTS as Partial<Record<Step, Prompt>>)[step];
  if (!prompt) throw new Error(`No prompt for step ${step}`);
  return prompt;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function vars(ctx: FaroContext, env: RenderEnv): Record<string, string> {
  return { ref: ctx.ticketRef ?? '', caseRef: ctx.caseRef ?? '', hotline: env.settings.hotline, hours: hoursOf(env), pseaEmail: env.settings.pseaEmail };
}

const choice = (action: string, title: string): Choice => ({ action, title });
const LISTED_PER_TOPIC = 8;

type One = (text: string, choices?: Choice[], extra?: Partial<Reply>) => Reply[];
const one =
  (step: Step): One =>
  (text, choices = [], extra = {}) => [{ text, choices, step, ...extra }];

export interface Prompt {
  /** What else the question depends on besides the language (the cache key); absent: nothing. */
  readonly variant?: (ctx: FaroContext) => string;
  readonly build: (ctx: FaroContext, env: RenderEnv, one: One) => Reply[];
}

const human = (t: Translate) => choice('human', t('choice.human'));
const menu = (t: Translate) => choice('menu', t('choice.menu'));

/** The question of a registration field: its options from the intake spec. */
const fieldPrompt = (field: keyof typeof INTAKE_CODES): Prompt => ({
  build: (_ctx, { t }, one) =>
    one(
      t(`intake.ask.${field}`),
      INTAKE_CODES[field].map((code) => choice(`${field}:${code}`, t(`intake.option.${field}.${code}`))),
    ),
});
const typedPrompt = (step: 'nationalityOther' | 'regionOther'): Prompt => ({ build: (_ctx, { t }, one) => one(t(`intake.ask.${step}`)) });

/** Every state's question, once. Transient states (`afterConsent`, `handoff.entry`) have none. */
const PROMPTS: Record<Exclude<Step, TransientStep>, Prompt> = {
  // Asked before a language is known: the question in every language, the likeliest first.
  language: {
    build: (_ctx, { lang, translations }, one) =>
      one(
        [lang, ...LANGUAGES.filter((l) => l !== lang)].map((l) => translations[l]('language.ask')).join('\n'),
        LANGUAGES.map((l) => choice(`lang:${l}`, LANGUAGE[l].name)),
      ),
  },
  consent: { build: (_ctx, { t }, one) => one(t('consent.text'), [choice('consent:accept', t('choice.consent.accept')), choice('consent:decline', t('choice.consent.decline'))]) },
  menu: {
    variant: (ctx) => ctx.consent,
    build: (ctx, { t }, one) => {
      const text = ctx.consent === 'declined' ? `${t('menu.ask')}\n${t('menu.anonymous')}` : t('menu.ask');
      const topics = TOPICS.map((topic) => choice(`topic:${topic}`, t(`choice.topic.${topic}`)));
      const register = ctx.consent === 'accepted' ? [choice('intake', t('choice.intake'))] : [];
      return one(text, [...topics, choice('complaints', t('choice.complaints')), ...register, human(t)]);
    },
  },
  'faq.questions': {
    variant: (ctx) => ctx.topic ?? '',
    build: (ctx, env, one) => {
      const { t } = env;
      const topic = ctx.topic ?? 'regularization';
      // A WhatsApp list holds 10 rows: the first answers of the topic (content order), a person and
      // the menu. The others are found by typing the question.
      const list = env.answers.listTopic(topic, env.lang).slice(0, LISTED_PER_TOPIC);
      const topicTitle = t(`choice.topic.${topic}`);
      if (list.length === 0) return one(t('faq.empty', { topic: topicTitle }), [human(t), menu(t)], { topic });
      return one(t('faq.list', { topic: topicTitle, list: numbered(list) }), [...numberedChoices(list), human(t), menu(t)], { topic });
    },
  },
  'faq.suggest': {
    build: (ctx, env, one) => {
      const list = ctx.suggestions.map((id) => env.answers.get(id, env.lang)).filter((a): a is Answer => a !== undefined);
      return one(`${env.t('faq.suggest')}\n${numbered(list)}`, [...numberedChoices(list), human(env.t), menu(env.t)]);
    },
  },
  'faq.answer': {
    variant: (ctx) => ctx.answerId ?? '',
    build: (ctx, env, one) => {
      const { t } = env;
      const answer = ctx.answerId ? env.answers.get(ctx.answerId, env.lang) : undefined;
      if (!answer) return one(t('faq.unavailable'), [menu(t), human(t)]);
      const where = { topic: answer.topic, answerId: answer.id };
      const provenance = t('faq.provenance', { agency: answer.agency, date: formatDate(answer.verifiedAt, env.lang) });
      const body = `${answer.text}\n\n${provenance}${answer.sample ? `\n${t('faq.sample')}` : ''}`;
      return [...one(body, [], where), ...one(t('faq.helpful'), [choice('yes', t('choice.yes')), choice('no', t('choice.no'))], where)];
    },
  },
  ...(Object.fromEntries(PLAIN_FIELDS.map((field) => [`intake.${field}`, fieldPrompt(field)])) as Record<`intake.${PlainField}`, Prompt>),
  'intake.nationality': fieldPrompt('nationality'),
  'intake.nationalityOther': typedPrompt('nationalityOther'),
  'intake.region': {
    build: (_ctx, { t }, one) => one(t('intake.ask.region'), [...COMMON_REGIONS.map((r) => choice(`region:${r}`, r)), choice('region:other', t('intake.otherRegion'))]),
  },
  'intake.regionOther': typedPrompt('regionOther'),
  'intake.needs': {
    build: (ctx, { t }, one) => {
      const picked = ctx.intake.needs ?? [];
      const list = picked.map((code) => t(`intake.option.needs.${code}`)).join(', ');
      const text = picked.length > 0 ? `${t('intake.ask.needs')}\n${t('intake.needsSelected', { list })}` : t('intake.ask.needs');
      return one(text, [...INTAKE_CODES.needs.map((code) => choice(`needs:${code}`, t(`intake.option.needs.${code}`))), choice('intake:done', t('choice.done'))]);
    },
  },
  'intake.confirm': {
    build: (ctx, env, one) => one(env.t('intake.ask.confirm', { summary: summary(ctx, env) }), [choice('intake:confirm', env.t('choice.confirm')), choice('intake:edit', env.t('choice.edit'))]),
  },
  'intake.edit': {
    build: (_ctx, { t }, one) =>
      one(
        t('intake.ask.edit'),
        INTAKE_FIELDS.map((f) => choice(`edit:${f}`, t(`intake.field.${f}`))),
      ),
  },
  'handoff.queued': { build: (ctx, env, one) => one(env.t('handoff.queued', vars(ctx, env)) + afterHours(env), [menu(env.t)]) },
  // No options while talking to a person: a number typed on a numbered channel goes to
  // them too, and a stray tap must not end the chat ("menú" does, as the text says).
  'handoff.live': { build: (_ctx, { t }, one) => one(t('handoff.live')) },
  'feedback.score': {
    build: (_ctx, { t }, one) => one(t('feedback.score'), [...[1, 2, 3, 4, 5].map((n) => choice(`rate:${n}`, t(`choice.score.${n}`))), choice('feedback:skip', t('choice.skip'))]),
  },
  'feedback.comment': { build: (_ctx, { t }, one) => one(t('feedback.comment'), [choice('feedback:skip', t('choice.noThanks'))]) },
  status: { build: (_ctx, { t }, one) => one(t('status.ask'), [menu(t)]) },
  'complaint.kind': {
    build: (_ctx, { t }, one) =>
      one(t('complaint.kind'), [...CASE_TYPES.map((c) => choice(`complaint:${c}`, t(`choice.complaintType.${c}`))), choice('status', t('choice.status')), human(t), menu(t)]),
  },
  'complaint.text': { variant: (ctx) => ctx.caseType ?? '', build: (ctx, { t }, one) => one(t(`complaint.text.${ctx.caseType ?? 'complaint'}`), [menu(t)]) },
  'complaint.done': { build: (ctx, { t }, one) => one(t('complaint.done', { ref: ctx.caseRef ?? '' }), [menu(t)]) },
  'psea.info': { build: (ctx, env, one) => one(env.t('psea.info', vars(ctx, env)), [choice('psea:report', env.t('choice.pseaReport')), human(env.t), menu(env.t)]) },
  'psea.urgent': {
    build: (ctx, env, one) => one(`${env.t('safety.info')}\n\n${env.t('psea.info', vars(ctx, env))}`, [choice('psea:report', env.t('choice.pseaReport')), human(env.t), menu(env.t)]),
  },
  'psea.contact': {
    build: (_ctx, { t }, one) =>
      one(t('psea.contact'), [choice('psea:contact:anonymous', t('choice.pseaContact.anonymous')), choice('psea:contact:this_chat', t('choice.pseaContact.this_chat')), menu(t)]),
  },
  'psea.describe': { build: (_ctx, { t }, one) => one(t('psea.describe'), [menu(t)]) },
  'psea.done': { build: (_ctx, { t }, one) => one(t('psea.next'), [human(t), menu(t)]) },
  'psea.followup': { build: (_ctx, { t }, one) => one(t('psea.followup'), [menu(t)]) },
  safety: { build: (_ctx, { t }, one) => one(t('safety.info'), [human(t), menu(t)]) },
  'check.safety': { build: (_ctx, { t }, one) => one(t('check.safety'), [choice('yes', t('choice.checkYes')), choice('no', t('choice.checkNo')), human(t)]) },
  'check.psea': {
    build: (ctx, env, one) =>
      one(env.t('check.psea', vars(ctx, env)), [choice('yes', env.t('choice.checkYes')), choice('no', env.t('choice.checkNo')), choice('psea:report', env.t('choice.pseaReport')), human(env.t)]),
  },
  withdraw: { build: (_ctx, { t }, one) => one(t('withdraw.confirm'), [choice('yes', t('choice.yes')), choice('no', t('choice.no'))]) },
};

/** The intake summary shown before confirming: "• Edad: 18 a 39". */
function summary(ctx: FaroContext, env: RenderEnv): string {
  const { t } = env;
  const shown = (field: IntakeField): string => {
    const value = ctx.intake[field];
    if (field === 'needs') {
      const needs = ctx.intake.needs ?? [];
      return needs.length === 0 ? t('intake.none') : needs.map((c) => t(`intake.option.needs.${c}`)).join(', ');
    }
    if (typeof value !== 'string') return '—';
    if (field === 'region') return value;
    // A typed nationality ("boliviana") has no catalog entry: show it as typed.
    const key = `intake.option.${field}.${value}`;
    const title = t(key);
    return title === key ? value : title;
  };
  return INTAKE_FIELDS.map((f) => `• ${t(`intake.field.${f}`)}: ${shown(f)}`).join('\n');
}

const numbered = (list: Answer[]) => list.map((a, i) => `${i + 1}. ${a.question}`).join('\n');
const numberedChoices = (list: Answer[]) => list.map((a, i) => choice(`faq:${a.id}`, String(i + 1)));

function formatDate(iso: string, lang: Lang): string {
  const [y = '', m = '', d = ''] = iso.split('-');
  return fill(LANGUAGE[lang].digits, { y, m, d });
}

function hoursOf(env: RenderEnv): string {
  return (
    lookupOrder(env.lang)
      .map((lang) => env.settings.openingHours[lang])
      .find((hours) => hours !== undefined) ?? ''
  );
}

/** Outside opening hours, the person is told when someone will answer (their ticket stays). */
function afterHours(env: RenderEnv): string {
  const staffed = env.settings.staffed?.(env.now, env.lang);
  if (!staffed || staffed.open) return '';
  const hours = hoursOf(env);
  return `\n${staffed.next ? env.t('handoff.afterHours', { next: staffed.next, hours }) : env.t('handoff.afterHoursUnknown', { hours })}`;
}

/** What a person is told about a reference they typed (see src/helpdesk/lookup.ts for who may learn what). */
function statusText(lookup: ReferenceLookup, env: RenderEnv): string {
  const { t } = env;
  if (lookup.found === 'nothing') return t('status.notFound', { ref: lookup.ref });
  if (lookup.found === 'ticket') return t(`status.ticket.${lookup.status}`, { ref: lookup.ref });
  const text = t(`status.case.${lookup.status}`, { ref: lookup.ref, type: t(`status.type.${lookup.type}`) });
  return lookup.outcome ? `${text}\n${t('status.outcome', { outcome: lookup.outcome })}` : text;
}
