/**
 * The console's labels, from content/locales/<lang>/console.json (inlined by esbuild). The
 * language follows the browser (`navigator.language`) until the operator picks one, which is
 * remembered on this device.
 */
import en from '../../../content/locales/en/console.json' with { type: 'json' };
import es from '../../../content/locales/es/console.json' with { type: 'json' };
import type { Lang } from './types.ts';

export type Strings = typeof es;
/** English must have every Spanish key (a test checks the other direction too). */
const CATALOGS: Record<Lang, Strings> = { es, en };
const KEY = 'faro.console.lang';

let current: Lang = initialLang();

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'es' || saved === 'en') return saved;
  } catch {
    // Storage can be off (private mode); the browser's language will do.
  }
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'es';
}

export function lang(): Lang {
  return current;
}

/** The labels in the current language. */
export function s(): Strings {
  return CATALOGS[current];
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  document.title = s().title;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // Not remembered; still switched.
  }
}

/** `fill('Caso {{ref}}', { ref: 'K7P-4QM' })`. Values are inserted as text by the caller. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/** A label from a table keyed by codes the server sends (reasons, topics…), else the code itself. */
export function label(table: Record<string, string>, code: string): string {
  return Object.hasOwn(table, code) ? table[code]! : code;
}
