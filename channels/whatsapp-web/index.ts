import type { Channel } from '../channel.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { TurnHandler } from '../../src/runtime/ports.ts';
import { assertBrowserExists, clientSettings, DEFAULT_EXECUTABLE_PATH, loadClientFactory, type CreateClient } from './client.ts';
import { CHANNEL } from './inbound.ts';
import { Pairing } from './pairing.ts';
import { createQrPageRouter, QR_PAGE_PATH } from './qrPage.ts';
import { createReceiver } from './receive.ts';
import { WhatsAppWebSession } from './session.ts';
import { WhatsAppWebSink, type SinkLimits } from './sink.ts';
import { drawQr, type Terminal } from './terminalQr.ts';

export { CHANNEL } from './inbound.ts';
export type { ClientLike, ClientSettings, CreateClient } from './client.ts';

/**
 * WhatsApp through WhatsApp Web (whatsapp-web.js driving a headless Chromium), for pilots: a
 * phone scans a QR code once and Faro answers as that number. UNOFFICIAL: WhatsApp may ban the
 * number; use the Cloud API in production (see README.md beside this file).
 *
 * Wiring (composition root):
 *
 *   const wa = createWhatsAppWebChannel({ dataDir: config.DATA_DIR, executablePath: config.PUPPETEER_EXECUTABLE_PATH,
 *     qrPageToken: config.WHATSAPP_WEB_QR_TOKEN, turns: runtime, log });
 *   runtime.register(wa.name, wa.sink);           // before runtime.recover(): held until ready
 *   createApp({ …, routers: [..., ...wa.routers] });
 *   await wa.start();                              // after the server listens; does not wait for a scan
 *   // shutdown: await wa.stop();
 */
export interface WhatsAppWebOptions {
  /** Faro's data directory; the linked session lives in `<dataDir>/wwebjs` (keep it: it is the login). */
  dataDir: string;
  /** Chromium to drive. Default /usr/bin/chromium. */
  executablePath?: string;
  /** Enables `GET /whatsapp-web/qr` (≥ 16 characters). Unset: the page answers 404. */
  qrPageToken?: string;
  turns: TurnHandler;
  log: Logger;
  /** Builds the client; default: whatsapp-web.js's `Client` with `LocalAuth`. Tests pass a fake. */
  createClient?: CreateClient;
  /** Where the pairing QR code is drawn. Default process.stdout. */
  terminal?: Terminal;
  /** First wait before a new client after a disconnect (doubles, up to 10 min). Default 5 s. */
  restartDelayMs?: number;
  /** Sink bounds (ids remembered, replies held while not ready). */
  sinkLimits?: SinkLimits;
}

export interface WhatsAppWebChannel extends Channel {
  readonly name: typeof CHANNEL;
  readonly sink: WhatsAppWebSink;
  readonly routers: NonNullable<Channel['routers']>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const MIN_TOKEN_CHARS = 16;

export function createWhatsAppWebChannel(options: WhatsAppWebOptions): WhatsAppWebChannel {
  const { dataDir, qrPageToken, turns } = options;
  const executablePath = options.executablePath ?? DEFAULT_EXECUTABLE_PATH;
  if (dataDir.trim() === '') throw new Error('WhatsApp Web needs a dataDir for its linked session (DATA_DIR).');
  if (qrPageToken !== undefined && qrPageToken.length < MIN_TOKEN_CHARS) {
    throw new Error(`WhatsApp Web qrPageToken must be at least ${MIN_TOKEN_CHARS} characters (WHATSAPP_WEB_QR_TOKEN); leave it unset to disable the QR page.`);
  }
  const restartDelayMs = options.restartDelayMs ?? 5_000;
  if (!Number.isFinite(restartDelayMs) || restartDelayMs < 0) throw new Error(`WhatsApp Web restartDelayMs must be 0 or more, got ${restartDelayMs}.`);

  const log = options.log.child({ channel: CHANNEL });
  const terminal = options.terminal ?? process.stdout;
  const pairing = new Pairing();
  const sink = new WhatsAppWebSink(log, options.sinkLimits);
  const receive = createReceiver(turns, log);
  let session: WhatsAppWebSession | undefined;

  return {
    name: CHANNEL,
    sink,
    routers: [createQrPageRouter({ token: qrPageToken, pairing })],
    async start() {
      if (session) return;
      let createClient = options.createClient;
      if (!createClient) {
        await assertBrowserExists(executablePath);
        createClient = await loadClientFactory();
      }
      session = new WhatsAppWebSession({
        settings: clientSettings(dataDir, executablePath),
        createClient,
        pairing,
        sink,
        onMessage: receive,
        onQr: (qr) => drawQr(terminal, qr, qrPageToken !== undefined),
        log,
        restartDelayMs,
      });
      session.start();
      log.info({ qrPage: qrPageToken !== undefined ? QR_PAGE_PATH : 'disabled' }, 'whatsapp-web channel started: pilots only, the number may be banned');
    },
    async stop() {
      const running = session;
      session = undefined;
      await running?.stop();
    },
  };
}
