/**
 * How an agency page configures the widget: `data-*` attributes on the script tag, or a
 * `window.FaroWidget = { … }` object set before it (the object wins where both say something).
 *
 *   <script src="https://faro.example.org/widget.js" data-lang="en" data-title="Ayuda"
 *           data-exit-url="https://www.bbc.com/mundo" async></script>
 *
 * - `lang`: `es` or `en`; default: the page's `<html lang>`, else Spanish.
 * - `title`: the chat header; default `Faro`.
 * - `exitUrl`: where "Quick exit" goes; default https://www.google.com (http/https only).
 * - `domain`: the Direct Line base (`https://faro.example.org/v3/directline`); default: the
 *   server the script came from.
 */
import { langOf, type Lang } from './strings.ts';

export interface WidgetConfig {
  lang: Lang;
  title: string;
  exitUrl: string;
  domain: string;
}

declare global {
  interface Window {
    FaroWidget?: Partial<Record<'lang' | 'title' | 'exitUrl' | 'domain', unknown>>;
  }
}

const DEFAULT_EXIT = 'https://www.google.com';

/** `origin` is where the script says it came from (or the server's PUBLIC_URL baked in). */
export function readConfig(script: HTMLScriptElement | null, origin: string): WidgetConfig {
  const data = script?.dataset ?? {};
  const fromWindow = typeof window.FaroWidget === 'object' && window.FaroWidget !== null ? window.FaroWidget : {};
  const pick = (name: 'lang' | 'title' | 'exitUrl' | 'domain'): string | undefined => {
    const value = fromWindow[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    const attr = data[name];
    return attr !== undefined && attr.trim() !== '' ? attr.trim() : undefined;
  };
  const lang = pick('lang');
  return {
    lang: langOf(lang ?? document.documentElement.lang),
    title: (pick('title') ?? 'Faro').slice(0, 80),
    exitUrl: httpUrl(pick('exitUrl')) ?? DEFAULT_EXIT,
    domain: (httpUrl(pick('domain')) ?? `${origin}/v3/directline`).replace(/\/+$/, ''),
  };
}

/** Only http(s) URLs: a `javascript:` exit or domain would run code on the agency's page. */
function httpUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
