/**
 * The Faro conversation as an XState v5 machine. Pure: it reads intents (see intents.ts) and
 * emits what to say and which effects to run; it never does I/O, reads a clock or draws random
 * numbers (a ticket reference arrives drawn in the event). Prompts are not written here:
 * `prompt` means "show the question of the state we end up in" (render.ts), so every state's
 * question is defined once and help, language switches and errors can repeat it.
 *
 * Protection first: SIGNAL, HUMAN, MENU, HELP, LANG and WITHDRAW are handled at the root, so
 * they work from every state; states handle only CHOOSE / ASK / TEXT (and a few GREET/UNCLEAR).
 */
import { and, assign, emit, setup, type SnapshotFrom } from 'xstate';
import { isTopic, type CaseType, type Intake, type Lang, type Topic } from '../../src/core/domain.ts';
import type { ReferenceLookup } from '../../src/core/dialog.ts';
import type { Effect } from '../../src/core/effect.ts';
import type { Intent } from './intents.ts';
import { cleanNationality, householdCode, INTAKE_CODES, INTAKE_FIELDS, type IntakeField, matchRegion, nextAfter, PLAIN_FIELDS, type PlainField, REGIONS } from './options.ts';

/** Bump when the consent text in content/locales changes: each consent record names the version accepted. */
export const CONSENT_TEXT_VERSION = '2026-11-24';

export type ConsentState = 'pending' | 'accepted' | 'declined';

export interface FaroContext {
  lang: Lang;
  consent: ConsentState;
  /** What the person asked for that needs consent first; resumed once they accept. */
  pending: 'handoff' | 'intake' | 'complaint' | null;
  topic: Topic | null;
  answerId: string | null;
  /** Answer ids offered when a question was not understood confidently. */
  suggestions: string[];
  intake: Intake;
  /** Intake being corrected from the summary: go back to the summary after the field. */
  editing: boolean;
  ticketRef: string | null;
  /** Messages not understood in a row; from the second on, a person is offered. */
  misses: number;
  /** The kind of case being filed, and the reference it got (shown to the person). */
  caseType: CaseType | null;
  caseRef: string | null;
  /** How the person wants to be reached about a PSEA report. The follow-up code is never kept. */
  pseaContact: PseaContact | null;
  /** An operator has joined the open ticket (`ticketRef`): "a person" now means them, live. */
  operator: boolean;
  /** The ticket whose satisfaction question is being asked, and its score once given. */
  rating: { ref: string; score: Score | null } | null;
  /** The last ticket the person was asked about: each ticket asks once. */
  askedRef: string | null;
  /** The report whose focal point wrote to the person (who chose to be contacted in this chat):
   * what they write in `psea.followup` is added to it, sealed. */
  pseaFollowup: string | null;
  /** A question recognised before language and consent: what was found (answer ids, a topic),
   * never the words, shown once the person has decided on consent. */
  asked: { best: string | null; suggestions: string[]; topic: Topic | null } | null;
  /** Words a person started telling at the PSEA contact question: they become the report. Kept
   * only until the contact choice, one turn later (the report is then filed and this cleared). */
  pseaDraft: { text: string; danger: boolean } | null;
}

/**
 * What a state is, read with `snapshot.hasTag()` (a parent's tags hold in all its children);
 * the test in test/dialogs/states.test.ts walks every state:
 * - `sealed`: its words belong to the PSEA focal point alone, never to the transcript staff read;
 * - `report`: the person's words are the PSEA report (only plain commands interrupt);
 * - `answer`: free text answers the question, it is not a question for the FAQ;
 * - `intake`: a registration question, which takes only its answers (a worry or complaint is heard);
 * - `live`: an operator is in the chat and reads everything;
 * - `personal`: its prompt shows this conversation's own data, never shared between conversations;
 * - `transient`: left at once (`always`), so it has no prompt.
 */
export type StepTag = 'sealed' | 'report' | 'answer' | 'intake' | 'live' | 'personal' | 'transient';

export type Score = 1 | 2 | 3 | 4 | 5;
const SCORES: readonly Score[] = [1, 2, 3, 4, 5];

export type DialogEvent = Intent & { ref: string };

/** The contact choices a person has in chat (a phone number would be personal data to collect). */
type PseaContact = Extract<Effect, { type: 'psea.report' }>['contact'];

export type Emitted =
  | { type: 'say'; key: string; vars?: Record<string, string> }
  | { type: 'prompt' }
  | { type: 'effect'; effect: Effect }
  /** What was found under a reference the person typed (rendered by render.ts). */
  | { type: 'status'; lookup: ReferenceLookup };

const CASE_TYPES: readonly CaseType[] = ['complaint', 'suggestion', 'compliment'];
const PSEA_CONTACTS: readonly PseaContact[] = ['anonymous', 'this_chat'];

/** How each intake field accepts an answer: a known code from a choice, or typed text. */
type FieldRule = { codes: readonly string[]; fromText?: (text: string) => string | null };
const FIELD_RULES: Record<IntakeField, FieldRule> = {
  // A plain field takes one of its codes, from a choice.
  ...(Object.fromEntries(PLAIN_FIELDS.map((field): [PlainField, FieldRule] => [field, { codes: INTAKE_CODES[field] }])) as Record<PlainField, FieldRule>),
  nationality: { codes: INTAKE_CODES.nationality.filter((c) => c !== 'other'), fromText: cleanNationality },
  region: { codes: REGIONS, fromText: matchRegion },
  householdSize: { codes: INTAKE_CODES.householdSize, fromText: householdCode },
  needs: { codes: INTAKE_CODES.needs },
};

/** The action of a CHOOSE after `prefix`, e.g. chosen(e, 'topic:') → 'health'. */
function chosen(event: DialogEvent, prefix: string): string | null {
  return event.type === 'CHOOSE' && event.action.startsWith(prefix) ? event.action.slice(prefix.length) : null;
}

function fieldValue(field: IntakeField, event: DialogEvent): string | null {
  const rule = FIELD_RULES[field];
  if (event.type === 'TEXT') return rule.fromText ? rule.fromText(event.text) : null;
  const code = chosen(event, `${field}:`);
  return code !== null && rule.codes.includes(code) ? code : null;
}

function toggle(list: string[], code: string): string[] {
  return list.includes(code) ? list.filter((c) => c !== code) : [...list, code];
}

type Field = { field: IntakeField };

/** A new conversation's context (also the base when a saved one is carried over). */
export function initialContext(lang: Lang): FaroContext {
  return {
    lang,
    consent: 'pending',
    pending: null,
    topic: null,
    answerId: null,
    suggestions: [],
    intake: {},
    editing: false,
    ticketRef: null,
    misses: 0,
    caseType: null,
    caseRef: null,
    pseaContact: null,
    operator: false,
    rating: null,
    askedRef: null,
    pseaFollowup: null,
    asked: null,
    pseaDraft: null,
  };
}

const dialog = setup({
  types: {
    context: {} as FaroContext,
    events: {} as DialogEvent,
    emitted: {} as Emitted,
    input: {} as { lang?: Lang } | undefined,
    tags: {} as StepTag,
  },
  guards: {
    isConsentGiven: ({ context }) => context.consent === 'accepted',
    isConsentDecided: ({ context }) => context.consent !== 'pending',
    hasOpenTicket: ({ context }) => context.ticketRef !== null,
    wantsHandoff: ({ context }) => context.pending === 'handoff',
    wantsIntake: ({ context }) => context.pending === 'intake',
    isPsea: ({ event }) => event.type === 'SIGNAL' && event.signal === 'psea',
    isPseaInDanger: ({ event }) => event.type === 'SIGNAL' && event.signal === 'psea' && event.danger === true,
    isPseaCheck: ({ event }) => event.type === 'CHECK' && event.about === 'psea',
    wasAsked: ({ context }) => context.asked !== null,
    wasAskedConfidently: ({ context }) => context.asked?.best != null,
    wasAskedWithSuggestions: ({ context }) => (context.asked?.suggestions.length ?? 0) > 0,
    hasPseaDraft: ({ context }) => context.pseaDraft !== null,
    hasDangerousDraft: ({ context }) => context.pseaDraft?.danger === true,
    isLongText: ({ event }) => event.type === 'TEXT' && event.text.trim().split(/\s+/).length >= 4,
    isStuck: ({ context }) => context.misses >= 1,
    hasConfidentAnswer: ({ event }) => event.type === 'ASK' && event.best !== null,
    hasSuggestions: ({ event }) => event.type === 'ASK' && event.suggestions.length > 0,
    hasTopic: ({ event }) => event.type === 'ASK' && event.topic !== null,
    isTopicChoice: ({ event }) => isTopic(chosen(event, 'topic:')),
    isAnswerChoice: ({ event }) => chosen(event, 'faq:') !== null,
    is: ({ event }, params: { action: string }) => event.type === 'CHOOSE' && event.action === params.action,
    fills: ({ event }, params: Field) => fieldValue(params.field, event) !== null,
    fillsWhileEditing: ({ context, event }, params: Field) => context.editing && fieldValue(params.field, event) !== null,
    isNeed: ({ event }) => INTAKE_CODES.needs.some((c) => c !== 'none' && chosen(event, 'needs:') === c),
    areNeeds: ({ event }) => event.type === 'CHOOSE_MANY' && event.actions.every((a) => a.startsWith('needs:') && a !== 'needs:none' && INTAKE_CODES.needs.includes(a.slice(6) as never)),
    wantsComplaint: ({ context }) => context.pending === 'complaint',
    choosesCaseType: ({ event }) => CASE_TYPES.includes(chosen(event, 'complaint:') as CaseType),
    choosesCaseTypeWithConsent: ({ context, event }) => context.consent === 'accepted' && CASE_TYPES.includes(chosen(event, 'complaint:') as CaseType),
    choosesPseaContact: ({ event }) => PSEA_CONTACTS.includes(chosen(event, 'psea:contact:') as PseaContact),
    hasText: ({ event }) => event.type === 'TEXT' && event.text.trim().length > 0,
    isDangerousReport: ({ event }) => event.type === 'TEXT' && event.danger === true && event.text.trim().length > 0,
    choosesIntakeWithConsent: ({ context, event }) => context.consent === 'accepted' && event.type === 'CHOOSE' && event.action === 'intake',
    declinesHandoff: ({ context, event }) => context.pending === 'handoff' && event.type === 'CHOOSE' && event.action === 'consent:decline',
    hasOperator: ({ context }) => context.operator,
    /** A signal about the person's current ticket (an old ticket's signal changes nothing). */
    isAboutTicket: ({ context, event }) => (event.type === 'OPERATOR_JOINED' || event.type === 'TICKET_CLOSED') && event.ticketRef === context.ticketRef,
    /** Worth asking how it went: an operator talked with them and this ticket was not asked about yet. */
    shouldAskRating: ({ context }) => context.operator && context.ticketRef !== null && context.askedRef !== context.ticketRef,
    choosesScore: ({ event }) => SCORES.includes(Number(chosen(event, 'rate:')) as Score),
  },
  actions: {
    prompt: emit({ type: 'prompt' as const }),
    say: emit((_, params: { key: string }) => ({ type: 'say' as const, key: params.key })),
    /** Says something about the current ticket, naming it as it is now (it may be forgotten next). */
    sayTicket: emit(({ context }, params: { key: string }) => ({ type: 'say' as const, key: params.key, vars: { ref: context.ticketRef ?? '' } })),
    countMiss: assign({ misses: ({ context }) => context.misses + 1 }),
    resetMisses: assign({ misses: 0 }),
    startEditing: assign({ editing: true }),
    setLang: assign({ lang: ({ context, event }) => (event.type === 'LANG' ? event.lang : context.lang) }),
    recordConsent: emit(({ context }, params: { decision: 'accepted' | 'withdrawn' }) => ({
      type: 'effect' as const,
      effect: { type: 'consent.record', decision: params.decision, textVersion: CONSENT_TEXT_VERSION, lang: context.lang } satisfies Effect,
    })),
    openTicket: emit(({ context, event }, params: { reason: 'handoff' | 'intake' }) => ({
      type: 'effect' as const,
      effect: { type: 'ticket.open', ref: event.ref, reason: params.reason, lang: context.lang, ...(context.topic ? { topic: context.topic } : {}) } satisfies Effect,
    })),
    rememberTicket: assign({ ticketRef: ({ event }) => event.ref, pending: null }),
    recordFeedback: emit(({ context }, params: { helpful: boolean }) => ({
      type: 'effect' as const,
      effect: { type: 'feedback.record', answerId: context.answerId ?? '', helpful: params.helpful } satisfies Effect,
    })),
    saveIntake: emit(({ context }) => ({ type: 'effect' as const, effect: { type: 'intake.save', intake: context.intake } satisfies Effect })),
    chooseCaseType: assign({ caseType: ({ context, event }) => (chosen(event, 'complaint:') as CaseType | null) ?? context.caseType }),
    openCase: emit(({ context, event }) => ({
      type: 'effect' as const,
      effect: { type: 'case.open', ref: event.ref, caseType: context.caseType ?? 'complaint', text: event.type === 'TEXT' ? event.text : '', lang: context.lang } satisfies Effect,
    })),
    rememberCase: assign({ caseRef: ({ event }) => event.ref, caseType: null, pending: null }),
    choosePseaContact: assign({ pseaContact: ({ event }) => chosen(event, 'psea:contact:') as PseaContact }),
    // The follow-up code goes into the report and the reply only, never into the context.
    fileSealedReport: emit(({ context, event }) => ({
      type: 'effect' as const,
      effect: { type: 'psea.report', code: event.ref, text: event.type === 'TEXT' ? event.text : '', contact: context.pseaContact ?? 'anonymous', lang: context.lang } satisfies Effect,
    })),
    sayPseaCode: emit(({ event }) => ({ type: 'say' as const, key: 'psea.done', vars: { code: event.ref } })),
    forgetPseaContact: assign({ pseaContact: null }),
    eraseData: emit({ type: 'effect' as const, effect: { type: 'data.erase' } satisfies Effect }),
    fill: assign({ intake: ({ context, event }, params: Field) => ({ ...context.intake, [params.field]: fieldValue(params.field, event) }) }),
    toggleNeed: assign({ intake: ({ context, event }) => ({ ...context.intake, needs: toggle(context.intake.needs ?? [], chosen(event, 'needs:') ?? '') }) }),
    setNeeds: assign({ intake: ({ context, event }) => ({ ...context.intake, needs: event.type === 'CHOOSE_MANY' ? [...new Set(event.actions.map((a) => a.slice(6)))] : [] }) }),
    clearNeeds: assign({ intake: ({ context }) => ({ ...context.intake, needs: [] }) }),
    keepNeeds: assign({ intake: ({ context }) => ({ ...context.intake, needs: context.intake.needs ?? [] }) }),
    chooseTopic: assign({ topic: ({ context, event }) => (event.type === 'ASK' ? event.topic : (chosen(event, 'topic:') as Topic | null)) ?? context.topic }),
    chooseAnswer: assign({ answerId: ({ event }) => (event.type === 'ASK' ? event.best : chosen(event, 'faq:')) }),
    offerSuggestions: assign({ suggestions: ({ event }) => (event.type === 'ASK' ? event.suggestions : []) }),
    joinOperator: assign({ operator: true }),
    startRating: assign({ rating: ({ context }) => ({ ref: context.ticketRef ?? '', score: null }), askedRef: ({ context }) => context.ticketRef }),
    forgetTicket: assign({ ticketRef: null, operator: false }),
    chooseScore: assign({ rating: ({ context, event }) => context.rating && { ...context.rating, score: Number(chosen(event, 'rate:')) as Score } }),
    // The score is kept as soon as it is given (a comment may never come); a comment replaces it.
    recordRating: emit(({ context, event }) => ({
      type: 'effect' as const,
      effect: {
        type: 'ticket.rate',
        ref: context.rating?.ref ?? '',
        score: context.rating?.score ?? 3,
        ...(event.type === 'TEXT' && event.text.trim() !== '' && { comment: event.text.trim().slice(0, 1000) }),
      } satisfies Effect,
    })),
    forgetRating: assign({ rating: null }),
    sayStatus: emit(({ event }) => (event.type === 'STATUS' ? { type: 'status' as const, lookup: event.lookup } : { type: 'prompt' as const })),
    openFollowup: assign({ pseaFollowup: ({ context, event }) => (event.type === 'PSEA_MESSAGE' ? event.code : context.pseaFollowup) }),
    sayFromFocalPoint: emit(({ event }) => ({ type: 'say' as const, key: 'psea.fromFocalPoint', vars: { text: event.type === 'PSEA_MESSAGE' ? event.text : '' } })),
    fileFollowupReply: emit(({ context, event }) => ({
      type: 'effect' as const,
      effect: { type: 'psea.reply', code: context.pseaFollowup ?? '', text: event.type === 'TEXT' ? event.text : '' } satisfies Effect,
    })),
    closeFollowup: assign({ pseaFollowup: null }),
    rememberQuestion: assign({ asked: ({ event }) => (event.type === 'ASK' ? { best: event.best, suggestions: event.suggestions, topic: event.topic } : null) }),
    answerAsked: assign(({ context }) => ({
      answerId: context.asked?.best ?? null,
      suggestions: context.asked?.suggestions ?? [],
      topic: context.asked?.topic ?? context.topic,
      asked: null,
    })),
    keepPseaDraft: assign({ pseaDraft: ({ event }) => (event.type === 'TEXT' ? { text: event.text, danger: event.danger === true } : null) }),
    fileDraftReport: emit(({ context, event }) => ({
      type: 'effect' as const,
      effect: {
        type: 'psea.report',
        code: event.ref,
        text: context.pseaDraft?.text ?? '',
        contact: (chosen(event, 'psea:contact:') as PseaContact | null) ?? 'anonymous',
        lang: context.lang,
      } satisfies Effect,
    })),
    forgetPseaDraft: assign({ pseaDraft: null }),
  },
});

/** One intake question: a valid answer fills the field and moves on to the next question (or
 * back to the summary when correcting); anything else repeats the question. */
function fieldState(field: IntakeField, next: string = nextAfter(field)) {
  const fill = [
    { guard: { type: 'fillsWhileEditing', params: { field } }, target: 'confirm', actions: { type: 'fill', params: { field } } },
    { guard: { type: 'fills', params: { field } }, target: next, actions: { type: 'fill', params: { field } } },
    { actions: [{ type: 'say', params: { key: 'intake.invalid' } }, 'prompt'] },
  ] as const;
  return { entry: 'prompt', on: { CHOOSE: fill, TEXT: fill } } as const;
}

/** Every plain field's state (src/core/intake.ts, PLAIN_FIELDS), built from the spec. */
const plainFieldStates = Object.fromEntries(PLAIN_FIELDS.map((field) => [field, fieldState(field)])) as Record<PlainField, ReturnType<typeof fieldState>>;

const notUnderstood = ['countMiss', { type: 'say', params: { key: 'notUnderstood' } }, 'prompt'] as const;
const invalidAnswer = [{ type: 'say', params: { key: 'intake.invalid' } }, 'prompt'] as const;
/** "No" to a gentle check-in: back to the operator when one is with the person, else the menu. */
const CHECK_DECLINED = [
  { guard: and([{ type: 'is', params: { action: 'no' } }, 'hasOperator']), target: '#faro.handoff', actions: { type: 'say', params: { key: 'check.glad' } } },
  { guard: { type: 'is', params: { action: 'no' } }, target: '#faro.menu', actions: { type: 'say', params: { key: 'check.glad' } } },
] as const;

export const faroMachine = dialog.createMachine({
  id: 'faro',
  initial: 'language',
  context: ({ input }) => initialContext(input?.lang ?? 'es'),
  on: {
    SIGNAL: [{ guard: 'isPseaInDanger', target: '.psea.urgent' }, { guard: 'isPsea', target: '.psea' }, { target: '.safety' }],
    // Maybe a protection signal: ask gently once (a second such message takes the safe reading).
    CHECK: [{ guard: 'isPseaCheck', target: '.check.psea' }, { target: '.check.safety' }],
    LANG: { actions: ['setLang', 'prompt'] },
    HELP: { actions: [{ type: 'say', params: { key: 'help' } }, 'prompt'] },
    GREET: { actions: [{ type: 'say', params: { key: 'greeting' } }, 'prompt'] },
    MENU: [{ guard: 'isConsentDecided', target: '.menu', actions: assign({ pending: null }) }, { target: '.consent' }],
    HUMAN: [
      { guard: 'hasOpenTicket', target: '.handoff' },
      { guard: 'isConsentGiven', target: '.handoff', actions: [{ type: 'openTicket', params: { reason: 'handoff' } }, 'rememberTicket'] },
      { target: '.consent', actions: [assign({ pending: 'handoff' }), { type: 'say', params: { key: 'consent.neededForHandoff' } }] },
    ],
    COMPLAIN: { target: '.complaint' },
    STATUS: { actions: ['sayStatus', 'prompt'] },
    // The focal point answers a report filed with "contact me in this chat": wherever the
    // person is, the message is shown and their next messages go to the focal point, sealed.
    PSEA_MESSAGE: { target: '.psea.followup', actions: ['openFollowup', 'sayFromFocalPoint'] },
    // Staff signals about the person's ticket reach them wherever they are; only the waiting
    // and live states below move. A person in the middle of something is told, not moved.
    OPERATOR_JOINED: { guard: 'isAboutTicket', actions: ['joinOperator', { type: 'sayTicket', params: { key: 'handoff.ready' } }, 'prompt'] },
    TICKET_CLOSED: { guard: 'isAboutTicket', actions: [{ type: 'sayTicket', params: { key: 'handoff.closed' } }, 'forgetTicket', 'prompt'] },
    WITHDRAW: [{ guard: 'isConsentGiven', target: '.withdraw' }, { actions: [{ type: 'say', params: { key: 'withdraw.nothingStored' } }, 'prompt'] }],
    // Old buttons (an inline keyboard further up, say) still lead to their content.
    CHOOSE: [{ guard: 'isTopicChoice', target: '.faq.questions', actions: 'chooseTopic' }, { guard: 'isAnswerChoice', target: '.faq.answer', actions: 'chooseAnswer' }, { actions: notUnderstood }],
    // Free text read as a question, from any state that does not take it as an answer.
    ASK: [
      { guard: 'hasConfidentAnswer', target: '.faq.answer', actions: ['chooseAnswer', 'chooseTopic'] },
      { guard: 'hasSuggestions', target: '.faq.suggest', actions: 'offerSuggestions' },
      { guard: 'hasTopic', target: '.faq.questions', actions: 'chooseTopic' },
      { actions: notUnderstood },
    ],
    CHOOSE_MANY: { actions: notUnderstood },
    TEXT: { actions: notUnderstood },
    UNCLEAR: [{ guard: 'isStuck', actions: ['countMiss', { type: 'say', params: { key: 'notUnderstood' } }, { type: 'say', params: { key: 'offerHuman' } }, 'prompt'] }, { actions: notUnderstood }],
  },
  states: {
    language: {
      entry: 'prompt',
      on: {
        LANG: { target: 'consent', actions: 'setLang' },
        ASK: { actions: ['rememberQuestion', 'prompt'] },
        GREET: { actions: 'prompt' },
        UNCLEAR: { actions: 'prompt' },
        MENU: { actions: 'prompt' },
      },
    },
    consent: {
      entry: 'prompt',
      on: {
        CHOOSE: [
          {
            guard: { type: 'is', params: { action: 'consent:accept' } },
            target: 'afterConsent',
            actions: [assign({ consent: 'accepted' }), { type: 'recordConsent', params: { decision: 'accepted' } }, { type: 'say', params: { key: 'consent.accepted' } }],
          },
          // Declining records nothing: no consent entry, no contact.
          {
            guard: 'declinesHandoff',
            target: 'afterConsent',
            actions: [{ type: 'say', params: { key: 'handoff.withoutConsent' } }, assign({ consent: 'declined', pending: null })],
          },
          {
            guard: { type: 'is', params: { action: 'consent:decline' } },
            target: 'afterConsent',
            actions: [{ type: 'say', params: { key: 'consent.declined' } }, assign({ consent: 'declined', pending: null })],
          },
          { actions: [{ type: 'say', params: { key: 'consent.choose' } }, 'prompt'] },
        ],
        UNCLEAR: { actions: [{ type: 'say', params: { key: 'consent.choose' } }, 'prompt'] },
        ASK: { actions: ['rememberQuestion', { type: 'say', params: { key: 'consent.choose' } }, 'prompt'] },
        GREET: { actions: 'prompt' },
        MENU: { actions: 'prompt' },
      },
    },
    // Transient: where to go once consent is decided (what was asked for before it).
    afterConsent: {
      tags: ['transient'],
      always: [
        { guard: 'wantsHandoff', target: 'handoff', actions: [{ type: 'openTicket', params: { reason: 'handoff' } }, 'rememberTicket'] },
        { guard: 'wantsIntake', target: 'intake', actions: assign({ pending: null }) },
        { guard: 'wantsComplaint', target: 'complaint.text', actions: assign({ pending: null }) },
        { guard: 'wasAskedConfidently', target: 'faq.answer', actions: 'answerAsked' },
        { guard: 'wasAskedWithSuggestions', target: 'faq.suggest', actions: 'answerAsked' },
        { guard: 'wasAsked', target: 'faq.questions', actions: 'answerAsked' },
        { target: 'menu' },
      ],
    },
    // "¿Estás en peligro ahora?" / "¿Lo hizo alguien que trabaja en la ayuda?": asked once, with
    // the emergency and confidential options on screen; a second such message is taken as a yes.
    check: {
      initial: 'safety',
      states: {
        safety: {
          entry: 'prompt',
          on: {
            CHOOSE: [{ guard: { type: 'is', params: { action: 'yes' } }, target: '#faro.safety' }, ...CHECK_DECLINED],
            CHECK: { target: '#faro.safety' },
          },
        },
        psea: {
          tags: ['sealed'],
          entry: 'prompt',
          on: {
            CHOOSE: [{ guard: { type: 'is', params: { action: 'yes' } }, target: '#faro.psea' }, ...CHECK_DECLINED],
            CHECK: { target: '#faro.psea' },
          },
        },
      },
    },
    menu: {
      entry: ['prompt', 'resetMisses'],
      on: {
        CHOOSE: [
          { guard: 'choosesIntakeWithConsent', target: 'intake' },
          { guard: { type: 'is', params: { action: 'intake' } }, target: 'consent', actions: [assign({ pending: 'intake' }), { type: 'say', params: { key: 'consent.neededForIntake' } }] },
        ],
      },
    },
    faq: {
      initial: 'questions',
      states: {
        questions: { entry: ['prompt', 'resetMisses'] },
        suggest: { tags: ['personal'], entry: 'prompt' },
        answer: {
          entry: ['prompt', 'resetMisses'],
          on: {
            CHOOSE: [
              {
                guard: { type: 'is', params: { action: 'yes' } },
                target: '#faro.menu',
                actions: [
                  { type: 'recordFeedback', params: { helpful: true } },
                  { type: 'say', params: { key: 'faq.thanks' } },
                ],
              },
              {
                guard: { type: 'is', params: { action: 'no' } },
                target: 'questions',
                actions: [
                  { type: 'recordFeedback', params: { helpful: false } },
                  { type: 'say', params: { key: 'faq.sorry' } },
                ],
              },
            ],
          },
        },
      },
    },
    // The questions in the intake spec's order (src/core/intake.ts): each goes on to the next.
    intake: {
      initial: INTAKE_FIELDS[0],
      tags: ['answer', 'intake'],
      entry: [assign({ editing: false }), { type: 'say', params: { key: 'intake.start' } }],
      states: {
        ...plainFieldStates,
        nationality: {
          entry: 'prompt',
          on: {
            CHOOSE: [{ guard: { type: 'is', params: { action: 'nationality:other' } }, target: 'nationalityOther' }, ...fieldState('nationality').on.CHOOSE],
            TEXT: fieldState('nationality').on.TEXT,
          },
        },
        nationalityOther: fieldState('nationality'),
        region: {
          entry: 'prompt',
          on: {
            CHOOSE: [{ guard: { type: 'is', params: { action: 'region:other' } }, target: 'regionOther' }, ...fieldState('region').on.CHOOSE],
            TEXT: fieldState('region').on.TEXT,
          },
        },
        regionOther: fieldState('region'),
        // Several answers: toggle one at a time, or type "1 3", then "Listo".
        needs: {
          tags: ['personal'],
          entry: 'prompt',
          on: {
            CHOOSE: [
              { guard: { type: 'is', params: { action: 'needs:none' } }, target: nextAfter('needs'), actions: 'clearNeeds' },
              { guard: { type: 'is', params: { action: 'intake:done' } }, target: nextAfter('needs'), actions: 'keepNeeds' },
              { guard: 'isNeed', actions: ['toggleNeed', 'prompt'] },
              { actions: invalidAnswer },
            ],
            CHOOSE_MANY: [{ guard: 'areNeeds', target: nextAfter('needs'), actions: 'setNeeds' }, { actions: invalidAnswer }],
            TEXT: { actions: invalidAnswer },
          },
        },
        confirm: {
          tags: ['personal'],
          entry: [assign({ editing: false }), 'prompt'],
          on: {
            CHOOSE: [
              {
                guard: { type: 'is', params: { action: 'intake:confirm' } },
                target: '#faro.handoff',
                actions: ['saveIntake', { type: 'openTicket', params: { reason: 'intake' } }, 'rememberTicket'],
              },
              { guard: { type: 'is', params: { action: 'intake:edit' } }, target: 'edit' },
              { actions: invalidAnswer },
            ],
            TEXT: { actions: invalidAnswer },
          },
        },
        edit: {
          entry: 'prompt',
          on: {
            CHOOSE: [
              ...INTAKE_FIELDS.map((field) => ({ guard: { type: 'is' as const, params: { action: `edit:${field}` } }, target: field, actions: 'startEditing' as const })),
              { actions: invalidAnswer },
            ],
            TEXT: { actions: invalidAnswer },
          },
        },
      },
    },
    handoff: {
      initial: 'entry',
      states: {
        // Transient: back to the operator if one has joined, else wait for one.
        entry: { tags: ['transient'], always: [{ guard: 'hasOperator', target: 'live' }, { target: 'queued' }] },
        queued: {
          tags: ['personal'],
          entry: 'prompt',
          on: {
            GREET: { actions: { type: 'say', params: { key: 'handoff.waiting' } } },
            ASK: { actions: { type: 'say', params: { key: 'handoff.waiting' } } },
            UNCLEAR: { actions: { type: 'say', params: { key: 'handoff.waiting' } } },
            TEXT: { actions: { type: 'say', params: { key: 'handoff.waiting' } } },
            OPERATOR_JOINED: { guard: 'isAboutTicket', target: 'live', actions: 'joinOperator' },
            TICKET_CLOSED: [{ guard: 'isAboutTicket', target: '#faro.menu', actions: [{ type: 'sayTicket', params: { key: 'handoff.closedUnattended' } }, 'forgetTicket'] }],
          },
        },
        // The person's messages go to the operator (the runtime writes them to the ticket's
        // transcript, which the console shows live): the bot stays silent. Danger is still
        // answered with the emergency numbers, and the operator sees the message too; a PSEA
        // signal leaves for the confidential flow (root), so those words never reach the operator.
        live: {
          tags: ['live'],
          entry: 'prompt',
          on: {
            TEXT: {},
            UNCLEAR: {},
            SIGNAL: [{ guard: 'isPseaInDanger', target: '#faro.psea.urgent' }, { guard: 'isPsea', target: '#faro.psea' }, { actions: { type: 'say', params: { key: 'safety.info' } } }],
            // A possible PSEA disclosure is asked about away from the operator (check.psea is
            // sealed); possible danger is the operator's to judge: they read it.
            CHECK: [{ guard: 'isPseaCheck', target: '#faro.check.psea' }, {}],
            MENU: [{ guard: 'shouldAskRating', target: '#faro.feedback', actions: [{ type: 'sayTicket', params: { key: 'handoff.left' } }, 'startRating'] }, { target: '#faro.menu' }],
            TICKET_CLOSED: [
              { guard: and(['isAboutTicket', 'shouldAskRating']), target: '#faro.feedback', actions: [{ type: 'sayTicket', params: { key: 'handoff.closed' } }, 'startRating', 'forgetTicket'] },
              { guard: 'isAboutTicket', target: '#faro.menu', actions: [{ type: 'sayTicket', params: { key: 'handoff.closed' } }, 'forgetTicket'] },
            ],
          },
        },
      },
    },
    // A short satisfaction question after talking to an operator: 1–5, then an optional comment.
    feedback: {
      initial: 'score',
      states: {
        score: {
          entry: 'prompt',
          on: {
            CHOOSE: [
              { guard: 'choosesScore', target: 'comment', actions: ['chooseScore', 'recordRating'] },
              { guard: { type: 'is', params: { action: 'feedback:skip' } }, target: '#faro.menu', actions: 'forgetRating' },
              { actions: invalidAnswer },
            ],
            TEXT: { actions: invalidAnswer },
          },
        },
        comment: {
          tags: ['answer'],
          entry: 'prompt',
          on: {
            TEXT: { target: '#faro.menu', actions: ['recordRating', 'forgetRating', { type: 'say', params: { key: 'feedback.thanks' } }] },
            CHOOSE: { guard: { type: 'is', params: { action: 'feedback:skip' } }, target: '#faro.menu', actions: ['forgetRating', { type: 'say', params: { key: 'feedback.thanks' } }] },
          },
        },
      },
    },
    // "What happened with my complaint?": a reference typed anywhere is answered at the root;
    // this step is the way in from the complaints menu (the main menu is full on WhatsApp:
    // its list takes 10 rows at most).
    status: {
      tags: ['answer'],
      entry: 'prompt',
      on: {
        STATUS: { target: 'menu', actions: 'sayStatus' },
        TEXT: { actions: [{ type: 'say', params: { key: 'status.notAReference' } }, 'prompt'] },
      },
    },
    // Complaints, suggestions, compliments: the person's words are kept, so consent comes first.
    complaint: {
      initial: 'kind',
      states: {
        kind: {
          entry: 'prompt',
          on: {
            CHOOSE: [
              { guard: { type: 'is', params: { action: 'status' } }, target: '#faro.status' },
              { guard: 'choosesCaseTypeWithConsent', target: 'text', actions: 'chooseCaseType' },
              {
                guard: 'choosesCaseType',
                target: '#faro.consent',
                actions: ['chooseCaseType', assign({ pending: 'complaint' }), { type: 'say', params: { key: 'consent.neededForComplaint' } }],
              },
            ],
          },
        },
        text: {
          tags: ['answer'],
          entry: 'prompt',
          on: {
            TEXT: [{ guard: 'hasText', target: 'done', actions: ['openCase', 'rememberCase'] }, { actions: invalidAnswer }],
          },
        },
        done: { tags: ['personal'], entry: 'prompt' },
      },
    },
    // PSEA: information first; a confidential report on request, allowed without consent.
    psea: {
      initial: 'info',
      tags: ['sealed'],
      // The words of an unfinished report never outlive it in the conversation.
      exit: 'forgetPseaDraft',
      states: {
        info: { entry: 'prompt', on: { CHOOSE: { guard: { type: 'is', params: { action: 'psea:report' } }, target: 'contact' } } },
        // Exploitation that also tells of danger: the emergency contacts first, then the
        // confidential report in the same reply, never an ordinary ticket.
        urgent: { entry: 'prompt', on: { CHOOSE: { guard: { type: 'is', params: { action: 'psea:report' } }, target: 'contact' } } },
        contact: {
          tags: ['report'],
          entry: 'prompt',
          on: {
            CHOOSE: [
              {
                guard: and(['choosesPseaContact', 'hasDangerousDraft']),
                target: 'done',
                actions: ['fileDraftReport', 'sayPseaCode', 'forgetPseaDraft', { type: 'say', params: { key: 'safety.info' } }],
              },
              { guard: and(['choosesPseaContact', 'hasPseaDraft']), target: 'done', actions: ['fileDraftReport', 'sayPseaCode', 'forgetPseaDraft'] },
              { guard: 'choosesPseaContact', target: 'describe', actions: 'choosePseaContact' },
            ],
            // Someone who starts telling what happened keeps their words: they are the report.
            // In danger too: the emergency contacts at once, not only once a contact is chosen
            // (found by the walk over every state, test/dialogs/states.test.ts).
            TEXT: [
              {
                guard: and(['isLongText', 'isDangerousReport']),
                actions: ['keepPseaDraft', { type: 'say', params: { key: 'psea.draftKept' } }, { type: 'say', params: { key: 'safety.info' } }, 'prompt'],
              },
              { guard: 'isLongText', actions: ['keepPseaDraft', { type: 'say', params: { key: 'psea.draftKept' } }, 'prompt'] },
            ],
            PSEA_MESSAGE: { actions: ['sayFromFocalPoint', 'prompt'] },
          },
        },
        describe: {
          tags: ['report', 'answer'],
          entry: 'prompt',
          on: {
            // In the middle of a new report, a message from the focal point is shown but does not
            // take the person away: what they write next is still the report.
            PSEA_MESSAGE: { actions: ['sayFromFocalPoint', 'prompt'] },
            TEXT: [
              // In danger too: the report is filed, then the emergency numbers come first.
              { guard: 'isDangerousReport', target: '#faro.safety', actions: ['fileSealedReport', 'sayPseaCode', 'forgetPseaContact'] },
              { guard: 'hasText', target: 'done', actions: ['fileSealedReport', 'sayPseaCode', 'forgetPseaContact'] },
              { actions: invalidAnswer },
            ],
          },
        },
        done: { entry: 'prompt' },
        followup: {
          tags: ['report'],
          entry: 'prompt',
          on: {
            TEXT: [
              { guard: 'isDangerousReport', actions: ['fileFollowupReply', { type: 'say', params: { key: 'psea.replied' } }, { type: 'say', params: { key: 'safety.info' } }] },
              { guard: 'hasText', actions: ['fileFollowupReply', { type: 'say', params: { key: 'psea.replied' } }] },
              { actions: invalidAnswer },
            ],
            MENU: { target: '#faro.menu', actions: 'closeFollowup' },
          },
        },
      },
    },
    safety: { entry: 'prompt' },
    withdraw: {
      entry: 'prompt',
      on: {
        CHOOSE: [
          {
            guard: { type: 'is', params: { action: 'yes' } },
            target: 'menu',
            actions: [
              'eraseData',
              { type: 'recordConsent', params: { decision: 'withdrawn' } },
              // Nothing of what was erased stays in the conversation either (not even references).
              assign({ consent: 'declined', intake: {}, ticketRef: null, operator: false, rating: null, askedRef: null, caseRef: null, caseType: null, pseaFollowup: null, pending: null }),
              { type: 'say', params: { key: 'withdraw.done' } },
            ],
          },
          { guard: { type: 'is', params: { action: 'no' } }, target: 'menu' },
        ],
      },
    },
  },
});

/** `{ intake: 'ageGroup' }` → `'intake.ageGroup'`: every state a conversation can be in, as the
 * compiler knows them from the machine (so a Record over them misses none). */
type Flat<V> = V extends string ? V : { [K in keyof V & string]: `${K}.${Flat<V[K]>}` }[keyof V & string];
export type Step = Flat<SnapshotFrom<typeof faroMachine>['value']>;
/** The states tagged `transient`: left at once, so they have no prompt. */
export type TransientStep = 'afterConsent' | 'handoff.entry';
