/**
 * widget.js: one `<script src="https://faro.example.org/widget.js" async></script>` puts the
 * Faro chat on any page (see config.ts for the options). Bundled and minified by the server at
 * start-up (../build.ts); nothing here is committed as a build artefact.
 */
import { readConfig } from './config.ts';
import { Widget } from './widget.ts';

/** Replaced at build time with the server's PUBLIC_URL origin, or '' to use the script's own. */
declare const __FARO_ORIGIN__: string;

declare global {
  interface Window {
    /** Set once mounted, so a page that includes the script twice gets one chat. */
    __faroWidgetMounted?: boolean;
  }
}

// currentScript is only set while this script first runs: read it now, before any await.
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
const origin = __FARO_ORIGIN__ || (script?.src ? new URL(script.src, location.href).origin : location.origin);

function boot(): void {
  if (window.__faroWidgetMounted) return;
  window.__faroWidgetMounted = true;
  new Widget(readConfig(script, origin)).mount();
}

if (document.body) boot();
else document.addEventListener('DOMContentLoaded', boot, { once: true });
