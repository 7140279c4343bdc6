import type { Router } from 'express';
import type { Logger } from '../../src/log/logger.ts';
import { buildWidget } from './build.ts';
import { createWidgetRouter } from './router.ts';

/**
 * The embeddable web widget: `GET /widget.js` and a demo page at `GET /`. It is not a channel
 * of its own: the widget is a Direct Line client, so its conversations are the `webchat`
 * channel's (channels/directline), which must be mounted too and must allow the agency
 * sites' origins (WEBCHAT_ORIGINS).
 *
 * Wiring (composition root): its routers go with the `webchat` channel's,
 *
 *   const widget = createWidget({ log, ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}) });
 *   { name: 'webchat', sink: directLine.sink, routers: [directLine.router, ...widget.routers], … }
 */
export interface WidgetOptions {
  /** Public base URL (`https://faro.example.org`). Baked into widget.js as its server, so a
   * copy of the script served from elsewhere (a CDN) still talks to Faro, and shown in the demo
   * page's snippet. Default: the server the script is loaded from. */
  publicUrl?: string;
  log: Logger;
}

export interface WebWidget {
  routers: Router[];
}

/** Builds widget.js (about 40 ms; a broken build stops the start-up here) and its routes. */
export function createWidget(options: WidgetOptions): WebWidget {
  const origin = options.publicUrl === undefined ? '' : originOf(options.publicUrl);
  const bundle = buildWidget(origin);
  options.log.info({ bytes: bundle.identity.length, gzipBytes: bundle.gzip.length, brBytes: bundle.br.length }, 'widget.js built');
  return { routers: [createWidgetRouter({ bundle, ...(origin ? { publicOrigin: origin } : {}) })] };
}

function originOf(publicUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new Error(`Widget publicUrl "${publicUrl}" is not a URL; use e.g. "https://faro.example.org".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Widget publicUrl must start with http:// or https://, got "${publicUrl}".`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`Widget publicUrl must be an origin without a path, got "${publicUrl}".`);
  }
  return url.origin;
}
