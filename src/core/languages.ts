/**
 * The languages Faro speaks, and every fact about a language that code needs: its name, how
 * dates and opening times are said, which words choose it, and where a missing string or answer
 * is looked up instead. Each fact is a `Record<Lang, …>` entry, so adding a language is one
 * entry here (the compiler then names every field to fill) plus its catalog in
 * `content/locales/<lang>/bot.json` and its answers in `content/answers/` (README, "Adding a
 * language").
 */

export const LANGUAGES = ['es', 'en', 'pt', 'ht'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'es';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** How an opening time is said; `{time}` is 9:00, `{clock}` the whole "at 9:00". */
export interface OpeningWords {
  clock: string;
  /** The clock at one o'clock, where the language says it differently ("a la 1:30"). */
  clockAtOne?: string;
  today: string;
  tomorrow: string;
  /** Within the week: `{weekday}`. */
  weekday: string;
  /** Further: `{day}` `{month}`, and `{year}` in `dateWithYear` when a year or more away. */
  date: string;
  dateWithYear: string;
}

export interface Language {
  /** Its own name, as the language buttons show it. */
  name: string;
  /** The BCP 47 locale for `Intl` (names of days and months) and for the web chat's speech. */
  locale: string;
  /**
   * How much of the bot's catalog is translated: `full` (every string; a test holds every key),
   * or `essentials` (language choice, consent, safety and PSEA information, a person, the menu;
   * the rest is read in the fallback language).
   */
  catalog: 'full' | 'essentials';
  /** Where a string or an answer missing in this language is read instead, in order. */
  fallback: readonly Lang[];
  /** Every answer must exist in this language (otherwise the answers it has are used, and the
   * rest are shown in the fallback language). */
  allAnswers: boolean;
  /** Whole messages that switch to this language at any point (lower case, accents optional); at
   * the language question its code (`es`) chooses it too. */
  words: readonly string[];
  /** A date as digits: `{d}`, `{m}`, `{y}` (two-digit day and month). */
  digits: string;
  opening: OpeningWords;
  /** Names of days (Monday first) and months where `Intl` does not know the language. */
  weekdays?: readonly string[];
  months?: readonly string[];
}

/**
 * Haitian Creole is read with Spanish as its fallback, not English or French: Haitians who
 * reach Peru's hotline mostly read some Spanish, and Faro has no French. Its catalog and the
 * Portuguese one were written by the team, not by native speakers: a reviewer who is one
 * should read them before a deployment relies on them.
 */
export const LANGUAGE: Record<Lang, Language> = {
  es: {
    name: 'Español',
    locale: 'es',
    catalog: 'full',
    fallback: [],
    allAnswers: true,
    words: ['español', 'esp', 'spanish', 'castellano', 'en español', 'in spanish', 'habla español', 'español por favor'],
    digits: '{d}/{m}/{y}',
    opening: {
      clock: 'a las {time}',
      clockAtOne: 'a la {time}',
      today: 'hoy {clock}',
      tomorrow: 'mañana {clock}',
      weekday: 'el {weekday} {clock}',
      date: 'el {day} de {month} {clock}',
      dateWithYear: 'el {day} de {month} de {year} {clock}',
    },
  },
  en: {
    name: 'English',
    locale: 'en',
    catalog: 'full',
    fallback: ['es'],
    allAnswers: true,
    words: ['english', 'eng', 'inglés', 'english please', 'in english', 'en inglés', 'speak english', 'do you speak english', 'hablas inglés'],
    digits: '{y}-{m}-{d}',
    opening: {
      clock: 'at {time}',
      today: 'today {clock}',
      tomorrow: 'tomorrow {clock}',
      weekday: 'on {weekday} {clock}',
      date: 'on {day} {month} {clock}',
      dateWithYear: 'on {day} {month} {year} {clock}',
    },
  },
  pt: {
    name: 'Português',
    locale: 'pt-BR',
    catalog: 'full',
    fallback: ['es'],
    allAnswers: false,
    words: ['português', 'portuguese', 'em português', 'falo português', 'português por favor', 'en portugués', 'in portuguese'],
    digits: '{d}/{m}/{y}',
    opening: {
      clock: 'às {time}',
      clockAtOne: 'à {time}',
      today: 'hoje {clock}',
      tomorrow: 'amanhã {clock}',
      weekday: '{weekday} {clock}',
      date: 'em {day} de {month} {clock}',
      dateWithYear: 'em {day} de {month} de {year} {clock}',
    },
  },
  ht: {
    name: 'Kreyòl ayisyen',
    locale: 'ht',
    catalog: 'essentials',
    fallback: ['es'],
    allAnswers: false,
    words: ['kreyòl', 'kreyòl ayisyen', 'creole', 'créole', 'haitian creole', 'criollo', 'criollo haitiano', 'an kreyòl', 'en kreyòl', 'en créole', 'in creole', 'pale kreyòl'],
    digits: '{d}/{m}/{y}',
    opening: {
      clock: 'a {time}',
      today: 'jodi a {clock}',
      tomorrow: 'demen {clock}',
      weekday: '{weekday} {clock}',
      date: '{day} {month} {clock}',
      dateWithYear: '{day} {month} {year} {clock}',
    },
    weekdays: ['lendi', 'madi', 'mèkredi', 'jedi', 'vandredi', 'samdi', 'dimanch'],
    months: ['janvye', 'fevriye', 'mas', 'avril', 'me', 'jen', 'jiyè', 'out', 'septanm', 'oktòb', 'novanm', 'desanm'],
  },
};

/** A catalog of strings (content/locales/<lang>/bot.json): nested groups, as i18next reads them. */
export interface Catalog {
  [key: string]: string | Catalog;
}

/** A language and then its fallbacks, ending with the default language: where to look things up. */
export function lookupOrder(lang: Lang): Lang[] {
  return [...new Set<Lang>([lang, ...LANGUAGE[lang].fallback, DEFAULT_LANG])];
}

/** Fills `{name}` slots (the language facts' own simple templates). */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
