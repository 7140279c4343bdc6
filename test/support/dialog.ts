import { loadUnderstanding } from '../../content/understanding/index.ts';
import { loadSeedAnswers } from '../../content/answers/index.ts';
import { buildAnswerIndex } from '../../dialogs/faq/answerIndex.ts';
import { createFaroDialog } from '../../dialogs/faro/index.ts';
import type { Dialog, DialogSession, DialogTurn, ReferenceLookup, TurnInput } from '../../src/core/dialog.ts';
import type { Choice } from '../../src/core/message.ts';
import { loadBotCatalogs } from '../../content/locales/index.ts';
import { createTranslations } from '../../dialogs/faro/i18n.ts';

/** The bot's strings, from the shipped catalogs. */
export const translations = createTranslations(loadBotCatalogs());

export const settings = {
  hotline: '0800-12345',
  openingHours: { es: 'lunes a viernes, de 9:00 a 18:00', en: 'Monday to Friday, 9:00 to 18:00' },
  pseaEmail: 'psea@example.org',
};

let shared: Dialog | undefined;
/** The real dialog over the real seed content. */
export function faroDialog(): Dialog {
  shared ??= createFaroDialog({ translations, answers: buildAnswerIndex(loadSeedAnswers()), understanding: loadUnderstanding(), settings });
  return shared;
}

/** Drives one conversation like the runtime does: remembers the last choices, draws refs. */
export class Chat {
  session: DialogSession;
  choices: Choice[] = [];
  last!: DialogTurn;
  /** The turn's time (opening hours) and what the runtime would have found under a reference. */
  now = Date.UTC(2026, 10, 25, 15);
  lookup: ReferenceLookup | undefined;
  private n = 0;

  constructor(dialog: Dialog = faroDialog(), saved: { machineVersion: number; snapshot: unknown } | null = null) {
    this.session = dialog.open(saved);
  }

  say(text: string): DialogTurn {
    return this.send({ text });
  }

  click(action: string): DialogTurn {
    return this.send({ action });
  }

  send(input: TurnInput): DialogTurn {
    this.last = this.session.turn(input, this.choices, { ref: `REF-${String(++this.n).padStart(3, '0')}`, now: this.now, ...(this.lookup && { lookup: this.lookup }) });
    this.choices = this.last.choices;
    return this.last;
  }

  get step(): string {
    return this.session.step;
  }

  get text(): string {
    return this.last.replies.map((r) => r.text).join('\n');
  }

  /** A conversation that has chosen Spanish and accepted consent, now at the menu. */
  static consented(): Chat {
    const chat = new Chat();
    chat.say('hola');
    chat.say('es');
    chat.say('acepto');
    return chat;
  }
}
