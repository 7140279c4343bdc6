import { setTimeout as delay } from 'node:timers/promises';
import { Telegraf } from 'telegraf';
import type { Channel } from '../channel.ts';
import { CHANNEL } from './inbound.ts';
import { checkOptions, type TelegramChannelOptions } from './options.ts';
import { errorName, receiveUpdate, type ReceiveDeps } from './receive.ts';
import { TelegramSink } from './sink.ts';
import { checkUpdate } from './update.ts';
import { createWebhookRouter } from './webhook.ts';

export type { TelegramChannelOptions, TelegramWebhookOptions } from './options.ts';

/** Faro needs messages and button clicks only; Telegram then sends nothing else. */
const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** What to change when polling stops for good (telegraf retries 429, 5xx and network errors itself). */
const POLLING_HINTS = new Map<unknown, string>([
  [409, 'another process polls with this bot token, or a webhook was set: run one poller, or use a webhook everywhere'],
  [401, 'the bot token was revoked: get a new one from @BotFather'],
]);

/**
 * The Telegram channel (telegraf): long polling by default, a webhook when `webhook` is given.
 *
 * Wiring (composition root):
 *
 *   const telegram = createTelegramChannel({ token: env.TELEGRAM_BOT_TOKEN, turns: runtime, log,
 *     webhook: { url: env.TELEGRAM_WEBHOOK_URL, secretToken: env.TELEGRAM_WEBHOOK_SECRET } });
 *   runtime.register(telegram.name, telegram.sink);
 *   const app = createApp({ log, ready, routers: [...telegram.routers ?? []] });
 *   const server = await startServer({ app, … });
 *   await telegram.start();   // after the server listens: Telegram may post at once
 *   …
 *   await telegram.stop();    // before runtime.close(): finishes the updates in flight
 *
 * `start()` checks the token (`getMe`) and then either removes any webhook and starts polling
 * (it resolves once polling runs; it does not wait for polling to end) or registers the
 * webhook with its secret. Both fail loudly on a wrong token or an unreachable Bot API.
 */
export function createTelegramChannel(options: TelegramChannelOptions): Channel {
  const checked = checkOptions(options);
  const log = options.log.child({ channel: CHANNEL });
  // webhookReply off: every Bot API call is a real request, whose failure we see and log.
  const bot = new Telegraf(checked.token, { telegram: { webhookReply: false, ...(checked.apiRoot ? { apiRoot: checked.apiRoot } : {}) } });
  const deps: ReceiveDeps = { turns: options.turns, telegram: bot.telegram, log };
  const sink = new TelegramSink(bot.telegram, checked.retry, log);
  const { webhook } = checked;

  // Long polling hands each update here; validation is the same as the webhook's.
  bot.use(async (ctx) => {
    const check = checkUpdate(ctx.update);
    if (!check.ok) {
      log.warn({ problem: check.problem }, 'update skipped: not a valid update');
      return;
    }
    await receiveUpdate(deps, check.update, checked.retry);
  });
  // telegraf's default handler prints the whole update (message text, names) and rethrows,
  // which would stop polling.
  bot.catch((err, ctx) => {
    log.error({ updateId: ctx.update.update_id, err: errorName(err) }, 'update dropped after retries');
  });

  let polling: Promise<void> | undefined;
  let started = false;

  return {
    name: CHANNEL,
    sink,
    routers: webhook ? [createWebhookRouter({ ...deps, path: webhook.path, secretToken: webhook.secretToken })] : [],

    async start() {
      if (started) throw new Error('Telegram channel started twice');
      started = true;
      bot.botInfo = await bot.telegram.getMe();
      if (webhook) {
        await bot.telegram.setWebhook(webhook.url, {
          secret_token: webhook.secretToken,
          allowed_updates: [...ALLOWED_UPDATES],
          drop_pending_updates: checked.dropPendingUpdates,
        });
        log.info({ bot: bot.botInfo.id, mode: 'webhook', path: webhook.path }, 'Telegram webhook registered');
        return;
      }
      // Done here rather than inside launch() so that a failure rejects start().
      await bot.telegram.deleteWebhook({ drop_pending_updates: checked.dropPendingUpdates });
      // launch() resolves only when polling stops: keep the promise, never await it here.
      polling = bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }).catch((err: unknown) => {
        const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
        log.error({ err: errorName(err), code, hint: POLLING_HINTS.get(code) }, 'Telegram long polling stopped: no more Telegram messages will arrive');
      });
      log.info({ bot: bot.botInfo.id, mode: 'polling' }, 'Telegram long polling started');
    },

    async stop() {
      if (!polling) return;
      // Stops fetching; launch() settles after the updates in flight are handled and the last
      // offset is confirmed to Telegram. Right after start() launch() may still be between its
      // own deleteWebhook and the first getUpdates, where bot.stop() throws "not running".
      while (!stopPolling(bot)) {
        const ended = await Promise.race([polling.then(() => true), delay(10).then(() => false)]);
        if (ended) break;
      }
      await polling;
      polling = undefined;
    },
  };
}

function stopPolling(bot: Telegraf): boolean {
  try {
    bot.stop('shutdown');
    return true;
  } catch {
    return false;
  }
}
