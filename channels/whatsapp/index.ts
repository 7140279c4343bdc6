import type { Channel } from '../channel.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { TurnHandler } from '../../src/runtime/ports.ts';
import type { InboxRepo } from '../../src/store/ports.ts';
import { createGraphClient } from './graph.ts';
import { createPseudonymizer } from './ids.ts';
import { CHANNEL } from './inbound.ts';
import { Receiver } from './receive.ts';
import { createWhatsAppRouter } from './router.ts';
import { WhatsAppSink, type TemplateRef } from './sink.ts';
import { CustomerServiceWindow } from './window.ts';

/**
 * WhatsApp through Meta's official Cloud API: a signed webhook in, Graph API calls out.
 *
 * Wiring (composition root):
 *
 *   const whatsapp = createWhatsAppChannel({
 *     token: config.WHATSAPP_TOKEN, phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
 *     appSecret: config.WHATSAPP_APP_SECRET, verifyToken: config.WHATSAPP_VERIFY_TOKEN,
 *     apiRoot: config.WHATSAPP_API_ROOT,
 *     template: config.WHATSAPP_TEMPLATE_NAME ? { name: config.WHATSAPP_TEMPLATE_NAME, lang: config.WHATSAPP_TEMPLATE_LANG } : undefined,
 *     turns: runtime, inbox: store.inbox, log,
 *   });
 *   // a Channel: runtime.register(whatsapp.name, whatsapp.sink); mount whatsapp.routers
 *
 * In Meta's app dashboard, set the callback URL to `https://<host>/webhooks/whatsapp` with the
 * same verify token, and subscribe to the `messages` field.
 */
export interface WhatsAppOptions {
  /** A system-user access token with `whatsapp_business_messaging`. */
  token: string;
  /** The sending number's id (not the phone number). */
  phoneNumberId: string;
  /** The Meta app's secret: webhook signatures are checked with it. */
  appSecret: string;
  /** Any string; Meta repeats it when verifying the webhook URL. */
  verifyToken: string;
  /** Default `https://graph.facebook.com/v21.0`. */
  apiRoot?: string;
  /** Sent instead of a reply outside the 24-hour window; without it, such replies are dropped. */
  template?: TemplateRef;
  turns: TurnHandler;
  /** The durable inbox (Store.inbox): webhooks are answered only once their messages are in it. */
  inbox: InboxRepo;
  log: Logger;
  /** Milliseconds since the epoch (the 24-hour window); injectable for tests. */
  now?: () => number;
  /** Waits between attempts of a Graph call or a turn. Default 0.5 s, 2 s, 8 s (4 attempts). */
  retryDelaysMs?: readonly number[];
  /** A Graph call slower than this counts as failed (and is retried). Default 15 s. */
  requestTimeoutMs?: number;
}

export interface WhatsAppChannel extends Channel {
  /** Resolves when every webhook accepted so far has been worked through (tests, shutdown). */
  idle(): Promise<void>;
}

export const DEFAULT_API_ROOT = 'https://graph.facebook.com/v21.0';

export function createWhatsAppChannel(options: WhatsAppOptions): WhatsAppChannel {
  const settings = checkOptions(options);
  const now = options.now ?? Date.now;
  const log = options.log.child({ channel: CHANNEL });
  const stopping = new AbortController();
  const retry = { delaysMs: options.retryDelaysMs ?? [500, 2000, 8000], signal: stopping.signal };
  const window = new CustomerServiceWindow(now);
  const ref = createPseudonymizer(options.appSecret);

  const graph = createGraphClient({ apiRoot: settings.apiRoot, phoneNumberId: options.phoneNumberId, token: options.token, timeoutMs: options.requestTimeoutMs ?? 15_000 });
  const sink = new WhatsAppSink({ graph, window, template: options.template, retry, ref, log });
  const receiver = new Receiver({ turns: options.turns, window, releaseHeld: (waId) => sink.releaseHeld(waId), phoneNumberId: options.phoneNumberId, inbox: options.inbox, now, retry, ref, log });
  const router = createWhatsAppRouter({ appSecret: options.appSecret, verifyToken: options.verifyToken, receiver, log });

  return {
    name: CHANNEL,
    sink,
    routers: [router],
    idle: () => receiver.idle(),
    // Messages a crash (or a failed turn) left in the inbox; working them through reopens their
    // 24-hour windows at once, so replies the runtime recovers next can still be sent.
    async resume() {
      await receiver.drain();
    },
    async stop() {
      // New webhooks get a 503 (Meta delivers them again later); backoff waits end at once;
      // turns in flight finish (a reply that could not be sent stays in the outbox, for
      // recovery at the next start).
      receiver.close();
      stopping.abort();
      await receiver.idle();
    },
  };
}

/** Start-up checks that say exactly what to change (the option and its usual variable). */
function checkOptions(options: WhatsAppOptions): { apiRoot: string } {
  const need = (value: string, option: string, variable: string) => {
    if (typeof value !== 'string' || value.trim() === '') throw new Error(`WhatsApp ${option} is empty: set ${variable}.`);
  };
  need(options.token, 'token', 'WHATSAPP_TOKEN');
  need(options.phoneNumberId, 'phoneNumberId', 'WHATSAPP_PHONE_NUMBER_ID');
  need(options.appSecret, 'appSecret', 'WHATSAPP_APP_SECRET');
  need(options.verifyToken, 'verifyToken', 'WHATSAPP_VERIFY_TOKEN');
  if (!/^\d{1,32}$/.test(options.phoneNumberId)) {
    throw new Error('WhatsApp phoneNumberId must be the numeric phone number id from Meta (WHATSAPP_PHONE_NUMBER_ID), not the phone number.');
  }
  const apiRoot = (options.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(apiRoot);
  } catch {
    throw new Error(`WhatsApp apiRoot "${apiRoot}" is not a URL (WHATSAPP_API_ROOT); use e.g. "${DEFAULT_API_ROOT}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`WhatsApp apiRoot must start with https:// (WHATSAPP_API_ROOT), got "${apiRoot}".`);
  }
  if (options.template) {
    if (!/^[a-z0-9_]{1,512}$/.test(options.template.name)) {
      throw new Error(`WhatsApp template name "${options.template.name}" is not a template name (WHATSAPP_TEMPLATE_NAME): use lowercase letters, digits and "_".`);
    }
    if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(options.template.lang)) {
      throw new Error(`WhatsApp template language "${options.template.lang}" is not a language code (WHATSAPP_TEMPLATE_LANG): use e.g. "es", "es_PE" or "en_US".`);
    }
  }
  const delays = options.retryDelaysMs ?? [];
  if (delays.some((d) => !Number.isFinite(d) || d < 0)) throw new Error('WhatsApp retryDelaysMs must be non-negative numbers.');
  return { apiRoot };
}
