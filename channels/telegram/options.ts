import type { Logger } from '../../src/log/logger.ts';
import type { TurnHandler } from '../../src/runtime/ports.ts';
import { retryPolicyOf, type RetryPolicy } from './retry.ts';

export interface TelegramWebhookOptions {
  /** Public HTTPS URL Telegram posts updates to, e.g. `https://faro.example.org/telegram/webhook`. */
  url: string;
  /** 1–256 characters of `A-Za-z0-9_-`; Telegram echoes it in `X-Telegram-Bot-Api-Secret-Token`. */
  secretToken: string;
  /** Where this app serves the webhook. Default: the path of `url` (differs behind a proxy that rewrites paths). */
  path?: string;
}

export interface TelegramChannelOptions {
  /** The bot token from @BotFather, `123456789:AAF…`. */
  token: string;
  turns: TurnHandler;
  log: Logger;
  /** Bot API server. Default `https://api.telegram.org`; set for a local Bot API server or a test emulator. */
  apiRoot?: string;
  /** Webhook mode when set; long polling (`getUpdates`) otherwise. */
  webhook?: TelegramWebhookOptions;
  /** Drop the updates Telegram kept while Faro was down, instead of answering them late. Default false. */
  dropPendingUpdates?: boolean;
  /** Retries of Bot API calls, and of failed turns in long polling. Defaults in retry.ts. */
  retry?: Partial<RetryPolicy>;
}

export interface CheckedOptions {
  token: string;
  apiRoot?: string;
  webhook?: { url: string; secretToken: string; path: string };
  dropPendingUpdates: boolean;
  retry: RetryPolicy;
}

const TOKEN = /^\d{1,20}:[A-Za-z0-9_-]{1,100}$/;
const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;
/** Plain path characters only: express would read `:name`, `*` or `(` as route syntax. */
const PATH = /^\/[A-Za-z0-9._~/-]+$/;

/** Fails at start-up, saying what to change, rather than at the first message. */
export function checkOptions(options: TelegramChannelOptions): CheckedOptions {
  if (!TOKEN.test(options.token)) {
    throw new Error('Telegram bot token is malformed: it must look like "123456789:AAFx…", as @BotFather gives it.');
  }
  const checked: CheckedOptions = {
    token: options.token,
    dropPendingUpdates: options.dropPendingUpdates ?? false,
    retry: retryPolicyOf(options.retry),
  };
  if (options.apiRoot !== undefined) checked.apiRoot = apiRootOf(options.apiRoot);
  if (options.webhook) checked.webhook = webhookOf(options.webhook, options.apiRoot !== undefined);
  return checked;
}

/** telegraf resolves `./bot<token>/<method>` against apiRoot, so a path needs its trailing slash. */
function apiRootOf(apiRoot: string): string {
  const url = parseUrl(apiRoot, 'Telegram apiRoot');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.toString();
}

function webhookOf(webhook: TelegramWebhookOptions, customApi: boolean): CheckedOptions['webhook'] {
  const url = parseUrl(webhook.url, 'Telegram webhook url');
  // Telegram accepts only HTTPS webhooks; plain HTTP is for a local Bot API server or emulator.
  if (url.protocol !== 'https:' && !customApi) {
    throw new Error(`Telegram webhook url must start with https:// (Telegram refuses anything else), got "${webhook.url}".`);
  }
  if (!SECRET_TOKEN.test(webhook.secretToken)) {
    throw new Error('Telegram webhook secretToken must be 1–256 characters of A-Z, a-z, 0-9, "_" or "-" (e.g. `openssl rand -hex 32`).');
  }
  const path = webhook.path ?? url.pathname;
  if (!PATH.test(path)) {
    throw new Error(`Telegram webhook path must be a plain path below "/" such as "/telegram/webhook", got "${path}".`);
  }
  return { url: url.toString(), secretToken: webhook.secretToken, path };
}

function parseUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${what} "${value}" is not a URL; use e.g. "https://faro.example.org/telegram/webhook".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${what} must start with http:// or https://, got "${value}".`);
  return url;
}
