import i18next, { type TFunction } from 'i18next';
import { LANGUAGES, type Lang } from '../../src/core/domain.ts';
import en from '../../content/locales/en/bot.json' with { type: 'json' };
import es from '../../content/locales/es/bot.json' with { type: 'json' };

/** One i18next instance for the bot's strings; per-turn code uses a fixed `t` per language
 * (never `changeLanguage` on a shared instance). Escaping is off: channels escape for their
 * own markup. */
export function createTranslations(): Record<Lang, TFunction> {
  const i18n = i18next.createInstance();
  void i18n.init({
    resources: { es: { translation: es }, en: { translation: en } },
    lng: 'es',
    fallbackLng: 'es',
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return { es: i18n.getFixedT('es'), en: i18n.getFixedT('en') };
}
