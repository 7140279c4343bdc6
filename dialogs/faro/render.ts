/**
 * Turns what the machine emitted into localised replies. Every state's question is defined
 * here once (`promptFor`); the machine only says "prompt" and the question of the state the
 * turn ends in is shown, after any `say` messages, so a turn never asks two things.
 */
import type { ReferenceLookup } from '../../src/core/dialog.ts';
import type { Answer, Lang } from '../../src/core/domain.ts';
import { CASE_TYPES, TOPICS } from '../../src/core/domain.ts';
import type { Effect } from '../../src/core/effect.ts';
import type { Choice, Reply } from '../../src/core/message.ts';
import type { AnswerIndex } from '../faq/answerIndex.ts';
import type { Translate } from './i18n.ts';
import type { Emitted, FaroContext } from './machine.ts';
import { COMMON_REGIONS, INTAKE_CODES, INTAKE_FIELDS, type IntakeField } from './options.ts';

/** Deployment facts shown to people; set through the environment (see README). */
export interface DialogSettings {
  hotline: string;
  openingHours: Record<Lang, string>;
  pseaEmail: string;
  /** Whether operators are at work at `at`, and if not, when they next are, said for a person
   * ("el lunes a las 9:00"; null when unknown). Absent: always staffed. */
  staffed?: (at: number, lang: Lang) => { open: true } | { open: false; next: string | null };
}

export interface RenderEnv {
  t: Translate;
  lang: Lang;
  answers: AnswerIndex;
  settings: DialogSettings;
  /** The turn's time (opening hours). */
  now: number;
}

export function render(emitted: Emitted[], step: string, ctx: FaroContext, env: RenderEnv): { replies: Reply[]; effects: Effect[] } {
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
  if (prompted) replies.push(...cachedPrompt(step, ctx, env));
  return { replies, effects };
}

/**
 * Most questions read the same for everyone (per language and a little context), so they are
 * built once and shared, frozen. Steps that show a person's own data are built every time.
 */
const promptCache = new WeakMap<RenderEnv['answers'], Map<string, readonly Reply[]>>();

function cachedPrompt(step: string, ctx: FaroContext, env: RenderEnv): readonly Reply[] {
  const variant = promptVariant(step, ctx);
  if (variant === null) return promptFor(step, ctx, env);
  let cache = promptCache.get(env.answers);
  if (!cache) promptCache.set(env.answers, (cache = new Map()));
  const key = `${env.lang}|${step}|${variant}`;
  let replies = cache.get(key);
  if (!replies) {
    replies = deepFreeze(promptFor(step, ctx, env));
    cache.set(key, replies);
  }
  return replies;
}

/** What else the prompt of `step` depends on besides the language, or null when it shows
 * personal or per-conversation data and must not be shared. */
function promptVariant(step: string, ctx: FaroContext): string | null {
  switch (step) {
    case 'menu':
      return ctx.consent;
    case 'faq.questions':
      return ctx.topic ?? '';
    case 'faq.answer':
      return ctx.answerId ?? '';
    case 'complaint.text':
      return ctx.caseType ?? '';
    case 'faq.suggest':
    case 'handoff.queued':
    case 'complaint.done':
    case 'intake.needs':
    case 'intake.confirm':
      return null;
    default:
      return '';
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function vars(ctx: FaroContext, env: RenderEnv): Record<string, string> {
  return { ref: ctx.ticketRef ?? '', caseRef: ctx.caseRef ?? '', hotline: env.settings.hotline, hours: env.settings.openingHours[env.lang], pseaEmail: env.settings.pseaEmail };
}

const choice = (action: string, title: string): Choice => ({ action, title });
const LISTED_PER_TOPIC = 8;

function promptFor(step: string, ctx: FaroContext, env: RenderEnv): Reply[] {
  const { t } = env;
  const one = (text: string, choices: Choice[] = [], extra: Partial<Reply> = {}): Reply[] => [{ text, choices, step, ...extra }];
  const human = choice('human', t('choice.human'));
  const menu = choice('menu', t('choice.menu'));
  if (step.startsWith('intake.')) return intakePrompt(step.slice(7) as IntakeStep, ctx, env, one);
  switch (step) {
    case 'language':
      return one(t('language.ask'), [choice('lang:es', t('choice.lang.es')), choice('lang:en', t('choice.lang.en'))]);
    case 'consent':
      return one(t('consent.text'), [choice('consent:accept', t('choice.consent.accept')), choice('consent:decline', t('choice.consent.decline'))]);
    case 'menu': {
      const text = ctx.consent === 'declined' ? `${t('menu.ask')}\n${t('menu.anonymous')}` : t('menu.ask');
      const topics = TOPICS.map((topic) => choice(`topic:${topic}`, t(`choice.topic.${topic}`)));
      const register = ctx.consent === 'accepted' ? [choice('intake', t('choice.intake'))] : [];
      return one(text, [...topics, choice('complaints', t('choice.complaints')), ...register, human]);
    }
    case 'faq.questions': {
      const topic = ctx.topic ?? 'regularization';
      // A WhatsApp list holds 10 rows: the first answers of the topic (content order), a person and
      // the menu. The others are found by typing the question.
      const list = env.answers.listTopic(topic, env.lang).slice(0, LISTED_PER_TOPIC);
      const topicTitle = t(`choice.topic.${topic}`);
      if (list.length === 0) return one(t('faq.empty', { topic: topicTitle }), [human, menu], { topic });
      return one(t('faq.list', { topic: topicTitle, list: numbered(list) }), [...numberedChoices(list), human, menu], { topic });
    }
    case 'faq.suggest': {
      const list = ctx.suggestions.map((id) => env.answers.get(id, env.lang)).filter((a): a is Answer => a !== undefined);
      return one(`${t('faq.suggest')}\n${numbered(list)}`, [...numberedChoices(list), human, menu]);
    }
    case 'faq.answer': {
      const answer = ctx.answerId ? env.answers.get(ctx.answerId, env.lang) : undefined;
      if (!answer) return one(t('faq.unavailable'), [menu, human]);
      const where = { topic: answer.topic, answerId: answer.id };
      const provenance = t('faq.provenance', { agency: answer.agency, date: formatDate(answer.verifiedAt, env.lang) });
      const body = `${answer.text}\n\n${provenance}${answer.sample ? `\n${t('faq.sample')}` : ''}`;
      return [
        { text: body, choices: [], step, ...where },
        { text: t('faq.helpful'), choices: [choice('yes', t('choice.yes')), choice('no', t('choice.no'))], step, ...where },
      ];
    }
    case 'handoff.queued':
      return one(t('handoff.queued', vars(ctx, env)) + afterHours(env), [menu]);
    // No options while talking to a person: a number typed on a numbered channel goes to
    // them too, and a stray tap must not end the chat ("menú" does, as the text says).
    case 'handoff.live':
      return one(t('handoff.live'));
    case 'feedback.score':
      return one(t('feedback.score'), [...[1, 2, 3, 4, 5].map((n) => choice(`rate:${n}`, t(`choice.score.${n}`))), choice('feedback:skip', t('choice.skip'))]);
    case 'feedback.comment':
      return one(t('feedback.comment'), [choice('feedback:skip', t('choice.noThanks'))]);
    case 'status':
      return one(t('status.ask'), [menu]);
    case 'complaint.kind':
      return one(t('complaint.kind'), [...CASE_TYPES.map((c) => choice(`complaint:${c}`, t(`choice.complaintType.${c}`))), choice('status', t('choice.status')), human, menu]);
    case 'complaint.text':
      return one(t(`complaint.text.${ctx.caseType ?? 'complaint'}`), [menu]);
    case 'complaint.done':
      return one(t('complaint.done', { ref: ctx.caseRef ?? '' }), [menu]);
    case 'psea.info':
      return one(t('psea.info', vars(ctx, env)), [choice('psea:report', t('choice.pseaReport')), human, menu]);
    case 'psea.contact':
      return one(t('psea.contact'), [choice('psea:contact:anonymous', t('choice.pseaContact.anonymous')), choice('psea:contact:this_chat', t('choice.pseaContact.this_chat')), menu]);
    case 'psea.describe':
      return one(t('psea.describe'), [menu]);
    case 'psea.done':
      return one(t('psea.next'), [human, menu]);
    case 'psea.followup':
      return one(t('psea.followup'), [menu]);
    case 'psea.urgent':
      return one(`${t('safety.info')}\n\n${t('psea.info', vars(ctx, env))}`, [choice('psea:report', t('choice.pseaReport')), human, menu]);
    case 'safety':
      return one(t('safety.info'), [human, menu]);
    case 'check.safety':
      return one(t('check.safety'), [choice('yes', t('choice.checkYes')), choice('no', t('choice.checkNo')), human]);
    case 'check.psea':
      return one(t('check.psea', vars(ctx, env)), [choice('yes', t('choice.checkYes')), choice('no', t('choice.checkNo')), choice('psea:report', t('choice.pseaReport')), human]);
    case 'withdraw':
      return one(t('withdraw.confirm'), [choice('yes', t('choice.yes')), choice('no', t('choice.no'))]);
    default:
      return one(t('notUnderstood'), [menu, human]);
  }
}

type IntakeStep = IntakeField | 'nationalityOther' | 'regionOther' | 'confirm' | 'edit';

function intakePrompt(field: IntakeStep, ctx: FaroContext, env: RenderEnv, one: (text: string, choices?: Choice[]) => Reply[]): Reply[] {
  const { t } = env;
  const options = (f: keyof typeof INTAKE_CODES) => INTAKE_CODES[f].map((code) => choice(`${f}:${code}`, t(`intake.option.${f}.${code}`)));
  switch (field) {
    case 'region':
      return one(t('intake.ask.region'), [...COMMON_REGIONS.map((r) => choice(`region:${r}`, r)), choice('region:other', t('intake.otherRegion'))]);
    case 'nationalityOther':
    case 'regionOther':
      return one(t(`intake.ask.${field}`));
    case 'needs': {
      const picked = ctx.intake.needs ?? [];
      const list = picked.map((code) => t(`intake.option.needs.${code}`)).join(', ');
      const text = picked.length > 0 ? `${t('intake.ask.needs')}\n${t('intake.needsSelected', { list })}` : t('intake.ask.needs');
      return one(text, [...options('needs'), choice('intake:done', t('choice.done'))]);
    }
    case 'confirm':
      return one(t('intake.ask.confirm', { summary: summary(ctx, env) }), [choice('intake:confirm', t('choice.confirm')), choice('intake:edit', t('choice.edit'))]);
    case 'edit':
      return one(t('intake.ask.edit'), INTAKE_FIELDS.map((f) => choice(`edit:${f}`, t(`intake.field.${f}`))));
    default:
      return one(t(`intake.ask.${field}`), options(field));
  }
}

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
  const [y, m, d] = iso.split('-');
  return lang === 'es' ? `${d}/${m}/${y}` : `${y}-${m}-${d}`;
}

/** Outside opening hours, the person is told when someone will answer (their ticket stays). */
function afterHours(env: RenderEnv): string {
  const staffed = env.settings.staffed?.(env.now, env.lang);
  if (!staffed || staffed.open) return '';
  const hours = env.settings.openingHours[env.lang];
  return `\n${staffed.next ? env.t('handoff.afterHours', { next: staffed.next, hours }) : env.t('handoff.afterHoursUnknown', { hours })}`;
}

/** What a person is told about a reference they typed (see src/runtime/lookup.ts for who may learn what). */
function statusText(lookup: ReferenceLookup, env: RenderEnv): string {
  const { t } = env;
  if (lookup.found === 'nothing') return t('status.notFound', { ref: lookup.ref });
  if (lookup.found === 'ticket') return t(`status.ticket.${lookup.status}`, { ref: lookup.ref });
  const text = t(`status.case.${lookup.status}`, { ref: lookup.ref, type: t(`status.type.${lookup.type}`) });
  return lookup.outcome ? `${text}\n${t('status.outcome', { outcome: lookup.outcome })}` : text;
}
