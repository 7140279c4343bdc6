/**
 * The Faro dialog behind the `Dialog` port: interpret the message, let the machine decide,
 * render the replies. A session keeps a live XState actor between turns (sending to a live
 * actor is several times cheaper than restoring one per turn); what is saved is only
 * `{ value, context }`, from which `open` restores the same state.
 */
import { createActor, type Actor } from 'xstate';
import type { Dialog, DialogSession, DialogTurn, TurnContext, TurnInput } from '../../src/core/dialog.ts';
import { DEFAULT_LANG, isLang, type Lang } from '../../src/core/domain.ts';
import type { Choice } from '../../src/core/message.ts';
import type { AnswerIndex } from '../faq/answerIndex.ts';
import type { Understanding } from '../understanding/understand.ts';
import type { Translate } from './i18n.ts';
import { interpret } from './intents.ts';
import { faroMachine, initialContext, type Emitted, type FaroContext, type Step } from './machine.ts';
import { render, type DialogSettings } from './render.ts';

/** Bump when saved snapshots stop fitting the machine (renamed states, changed context). */
export const FARO_DIALOG_VERSION = 3;

export type { DialogSettings };

interface Saved {
  value: unknown;
  context: FaroContext;
}

export interface FaroDeps {
  /** The bot's strings per language (createTranslations over content/locales' catalogs). */
  translations: Record<Lang, Translate>;
  answers: AnswerIndex;
  understanding: Understanding;
  settings: DialogSettings;
}

export function createFaroDialog(deps: FaroDeps): Dialog {
  const { translations } = deps;
  return {
    version: FARO_DIALOG_VERSION,
    open(saved, hint) {
      if (saved === null) return new FaroSession(null, { lang: langFromLocale(hint?.locale) }, deps, translations, false);
      if (saved.machineVersion === FARO_DIALOG_VERSION) {
        const restored = tryRestore(saved.snapshot);
        if (restored) return new FaroSession(restored, undefined, deps, translations, false);
      }
      return new FaroSession(carryOver(saved.snapshot), undefined, deps, translations, true);
    },
  };
}

function langFromLocale(locale: string | undefined): Lang {
  const base = locale?.slice(0, 2).toLowerCase();
  return isLang(base) ? base : DEFAULT_LANG;
}

function tryRestore(snapshot: unknown): Saved | null {
  if (!isSaved(snapshot)) return null;
  try {
    faroMachine.resolveState(snapshot as Parameters<typeof faroMachine.resolveState>[0]);
    return snapshot;
  } catch {
    return null;
  }
}

function isSaved(s: unknown): s is Saved {
  return typeof s === 'object' && s !== null && 'value' in s && 'context' in s && typeof (s as Saved).context === 'object' && (s as Saved).context !== null;
}

/** After a version change keep only what is safe to keep (language, consent) and go to the
 * menu, or to the language question when even that is unknown. */
function carryOver(snapshot: unknown): Saved | null {
  const old = isSaved(snapshot) ? snapshot.context : undefined;
  if (!old || !isLang(old.lang) || !['accepted', 'declined'].includes(old.consent)) return null;
  const fresh = faroMachine.resolveState({ value: 'menu', context: { ...initialContext(old.lang), consent: old.consent } });
  return { value: fresh.value, context: fresh.context };
}

class FaroSession implements DialogSession {
  private readonly actor: Actor<typeof faroMachine>;
  private emitted: Emitted[] = [];
  private restarted: boolean;

  constructor(
    saved: Saved | null,
    input: { lang: Lang } | undefined,
    private readonly deps: FaroDeps,
    private readonly translations: Record<Lang, Translate>,
    restarted: boolean,
  ) {
    this.restarted = restarted;
    const snapshot = saved ? faroMachine.resolveState(saved as Parameters<typeof faroMachine.resolveState>[0]) : undefined;
    this.actor = createActor(faroMachine, { snapshot, input });
    this.actor.on('*', (e) => this.emitted.push(e as Emitted));
    this.actor.start();
  }

  get step(): string {
    return stepOf(this.actor.getSnapshot().value);
  }

  turn(input: TurnInput, choices: Choice[], { ref, now, lookup }: TurnContext): DialogTurn {
    const before = this.actor.getSnapshot();
    const stepBefore = stepOf(before.value);
    const intent = interpret(input, {
      step: stepBefore,
      tagged: (tag) => before.hasTag(tag),
      lang: before.context.lang,
      choices: this.restarted ? [] : choices,
      answers: this.deps.answers,
      understanding: this.deps.understanding,
      ...(lookup && { lookup }),
    });
    // A new conversation's greeting (entry prompt) is kept only if this message adds nothing.
    const emitted = this.emitted;
    this.emitted = [];
    this.actor.send({ ...intent, ref });
    const after = this.actor.getSnapshot();
    const all = this.restarted ? [{ type: 'say' as const, key: 'restarted' }, ...emitted, ...this.emitted] : [...emitted, ...this.emitted];
    this.emitted = [];
    this.restarted = false;
    const lang = after.context.lang;
    const step = stepOf(after.value);
    const { replies, effects } = render(all, { step, personal: after.hasTag('personal') }, after.context, {
      t: this.translations[lang],
      translations: this.translations,
      lang,
      answers: this.deps.answers,
      settings: this.deps.settings,
      now,
    });
    const sealed = before.hasTag('sealed') || after.hasTag('sealed');
    return { replies, effects, choices: replies.at(-1)?.choices ?? [], transcript: transcriptOf(after.context, sealed) };
  }

  persist(): Saved {
    const s = this.actor.getSnapshot();
    return { value: s.value, context: s.context };
  }

  stop(): void {
    this.actor.stop();
  }
}

/**
 * Staff may read a turn only while consent stands, and never a turn that touched a `sealed`
 * step (the PSEA steps, and the gentle question whether aid staff did it): the words that led
 * there, the report, its follow-up code. Those belong to the focal point alone, so they are
 * kept out of the transcript operators read.
 */
function transcriptOf(ctx: FaroContext, sealed: boolean): DialogTurn['transcript'] {
  if (ctx.consent !== 'accepted' || sealed) return null;
  return { ticketRef: ctx.ticketRef };
}

/** `{ intake: 'ageGroup' }` → `intake.ageGroup`. */
function stepOf(value: unknown): Step {
  if (typeof value === 'string') return value as Step;
  const [key, child] = Object.entries(value as Record<string, unknown>)[0] ?? ['', ''];
  return `${key}.${stepOf(child)}` as Step;
}
