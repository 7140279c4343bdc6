/**
 * The bot's catalogs, one `content/locales/<lang>/bot.json` per language of
 * src/core/languages.ts. A language whose catalog is `essentials` holds only some groups; the
 * rest is read in its fallback language (test/content/catalogs.test.ts checks both).
 */
import { readFileSync } from 'node:fs';
import { type Catalog, LANGUAGES, type Lang } from '../../src/core/languages.ts';

export type { Catalog };

export function loadBotCatalogs(): Record<Lang, Catalog> {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, JSON.parse(readFileSync(new URL(`./${lang}/bot.json`, import.meta.url), 'utf8')) as Catalog])) as Record<Lang, Catalog>;
}

/** Every key of a catalog as a dotted path (`handoff.queued`). */
export function keysOf(catalog: Catalog, prefix = ''): string[] {
  return Object.entries(catalog).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}
