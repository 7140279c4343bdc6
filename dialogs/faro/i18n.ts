import i18next from 'i18next';
import { type Catalog, DEFAULT_LANG, LANGUAGES, type Lang, LANGUAGE } from '../../src/core/languages.ts';

/** Looks up a bot string and fills its `{{placeholders}}`. */
export type Translate = (key: string, vars?: Record<string, string>) => string;

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * The bot's strings from the i18next catalogs (content/locales, loaded by the composition root). i18next resolves each key
 * (a key missing in a language is read in its fallbacks, src/core/languages.ts) once; the template is then cached and filled by a
 * plain replace, because a full i18next `t()` per string was the largest cost of a turn
 * (measured: ~40% of a turn's CPU). Escaping is off: channels escape for their own markup.
 */
export function createTranslations(catalogs: Record<Lang, Catalog>): Record<Lang, Translate> {
  const i18n = i18next.createInstance();
  void i18n.init({
    resources: Object.fromEntries(LANGUAGES.map((lang) => [lang, { translation: catalogs[lang] }])),
    lng: DEFAULT_LANG,
    fallbackLng: { ...Object.fromEntries(LANGUAGES.map((lang) => [lang, [...LANGUAGE[lang].fallback]])), default: [DEFAULT_LANG] },
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  const forLang = (lng: Lang): Translate => {
    const templates = new Map<string, string>();
    const template = (key: string): string => {
      let found = templates.get(key);
      if (found === undefined) {
        // Interpolation is skipped here so the cached template keeps its placeholders.
        found = i18n.t(key, { lng, skipInterpolation: true, defaultValue: key });
        templates.set(key, found);
      }
      return found;
    };
    return (key, vars) => {
      const text = template(key);
      return vars && text.includes('{{') ? text.replace(PLACEHOLDER, (whole, name: string) => vars[name] ?? whole) : text;
    };
  };
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, forLang(lang)])) as Record<Lang, Translate>;
}
