/**
 * The channels besides the web chat, each enabled by its own settings (see README).
 */
import { createBotFrameworkChannel } from '../../channels/botframework/index.ts';
import type { Channel } from '../../channels/channel.ts';
import type { DirectLine } from '../../channels/directline/index.ts';
import type { WebWidget } from '../../channels/widget/index.ts';
import { createTelegramChannel } from '../../channels/telegram/index.ts';
import { createWhatsAppWebChannel } from '../../channels/whatsapp-web/index.ts';
import { createWhatsAppChannel } from '../../channels/whatsapp/index.ts';
import type { Config } from '../../src/config.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { TurnHandler } from '../../src/runtime/ports.ts';
import type { Store } from '../../src/store/ports.ts';

/** The web chat: Direct Line 3.0 (REST and WebSocket) and the widget's script and demo page. */
export function webChat(directLine: DirectLine, widget: WebWidget): Channel {
  return {
    name: 'webchat',
    sink: directLine.sink,
    routers: [directLine.router, ...widget.routers],
    beforeBody: [directLine.cors],
    handleUpgrade: directLine.handleUpgrade,
    stop: () => directLine.close(),
  };
}

export async function optionalChannels(config: Config, turns: TurnHandler, store: Store, log: Logger): Promise<Channel[]> {
  const channels: Channel[] = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    const webhook =
      config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET
        ? { url: config.TELEGRAM_WEBHOOK_URL, secretToken: config.TELEGRAM_WEBHOOK_SECRET, ...(config.TELEGRAM_WEBHOOK_PATH && { path: config.TELEGRAM_WEBHOOK_PATH }) }
        : undefined;
    channels.push(
      createTelegramChannel({
        token: config.TELEGRAM_BOT_TOKEN,
        ...(config.TELEGRAM_API_ROOT && { apiRoot: config.TELEGRAM_API_ROOT }),
        ...(webhook && { webhook }),
        dropPendingUpdates: config.TELEGRAM_DROP_PENDING_UPDATES,
        turns,
        log,
      }),
    );
  }
  const { WHATSAPP_TOKEN: token, WHATSAPP_PHONE_NUMBER_ID: phoneNumberId, WHATSAPP_APP_SECRET: appSecret, WHATSAPP_VERIFY_TOKEN: verifyToken } = config;
  if (token && phoneNumberId && appSecret && verifyToken) {
    channels.push(
      createWhatsAppChannel({
        token,
        phoneNumberId,
        appSecret,
        verifyToken,
        ...(config.WHATSAPP_API_ROOT && { apiRoot: config.WHATSAPP_API_ROOT }),
        ...(config.WHATSAPP_TEMPLATE_NAME && { template: { name: config.WHATSAPP_TEMPLATE_NAME, lang: config.WHATSAPP_TEMPLATE_LANG } }),
        turns,
        inbox: store.inbox,
        log,
      }),
    );
  }
  if (config.WHATSAPP_WEB) {
    channels.push(
      createWhatsAppWebChannel({
        dataDir: config.DATA_DIR,
        executablePath: config.PUPPETEER_EXECUTABLE_PATH,
        ...(config.WHATSAPP_WEB_QR_TOKEN && { qrPageToken: config.WHATSAPP_WEB_QR_TOKEN }),
        turns,
        log,
      }),
    );
  }
  // Unauthenticated, /api/messages would post replies to any serviceUrl a caller names: it is
  // opened only with an app id, or on purpose for local use.
  if (config.MicrosoftAppId || config.BOTFRAMEWORK_ENABLED) {
    channels.push(
      createBotFrameworkChannel({
        turns,
        log,
        ...(config.MicrosoftAppId && { appId: config.MicrosoftAppId }),
        ...(config.MicrosoftAppPassword && { appPassword: config.MicrosoftAppPassword }),
        ...(config.MicrosoftAppType && { appType: config.MicrosoftAppType }),
        ...(config.MicrosoftAppTenantId && { tenantId: config.MicrosoftAppTenantId }),
      }),
    );
  }
  return channels;
}
