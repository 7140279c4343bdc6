import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The part of whatsapp-web.js's `Client` this channel uses. The real `Client` fits it as is;
 * tests pass an in-process fake that emits the same events.
 *
 *   qr(qr: string)            a pairing code to scan (refreshed about every 20 s)
 *   authenticated()           the phone accepted the pairing (or the saved session was restored)
 *   auth_failure(message)     the saved session was refused
 *   ready()                   WhatsApp Web is loaded: sending works from here on
 *   message(message)          an incoming message (see inbound.ts for the fields read)
 *   disconnected(reason)      a WAState (`CONFLICT`, `UNPAIRED`, `TOS_BLOCK`…) or `LOGOUT`
 */
export interface ClientLike {
  on(event: ClientEvent, listener: (...args: unknown[]) => void): unknown;
  initialize(): Promise<void>;
  /** Resolves to the sent message, or null when WhatsApp Web does not know the chat. */
  sendMessage(chatId: string, text: string): Promise<unknown>;
  destroy(): Promise<void>;
}

export type ClientEvent = 'qr' | 'ready' | 'authenticated' | 'auth_failure' | 'message' | 'disconnected';

/** What a client is built from; plain data, so tests can check it without the library. */
export interface ClientSettings {
  /** LocalAuth `dataPath`: the linked device's browser profile lives in `<authDataPath>/session`. */
  authDataPath: string;
  /** Saved WhatsApp Web page versions (the library's default is `./.wwebjs_cache` in the cwd). */
  webVersionCachePath: string;
  puppeteer: { executablePath: string; headless: true; args: string[] };
}

export type CreateClient = (settings: ClientSettings) => ClientLike;

export const DEFAULT_EXECUTABLE_PATH = '/usr/bin/chromium';

/** Chromium as a quiet server process: no sandbox (containers), no GPU, no update or sync traffic. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Everything the library writes stays under Faro's data directory. */
export function clientSettings(dataDir: string, executablePath: string): ClientSettings {
  return {
    authDataPath: join(dataDir, 'wwebjs'),
    webVersionCachePath: join(dataDir, 'wwebjs-cache'),
    puppeteer: { executablePath, headless: true, args: [...CHROMIUM_ARGS] },
  };
}

/**
 * The real client factory. whatsapp-web.js (and puppeteer with it) is imported only here, when
 * the channel starts: deployments without this channel never load it. Constructing a `Client`
 * launches nothing; `initialize()` starts Chromium.
 */
export async function loadClientFactory(): Promise<CreateClient> {
  const { default: wwebjs } = await import('whatsapp-web.js');
  return (settings) =>
    new wwebjs.Client({
      authStrategy: new wwebjs.LocalAuth({ dataPath: settings.authDataPath }),
      puppeteer: { ...settings.puppeteer, args: [...settings.puppeteer.args] },
      webVersionCache: { type: 'local', path: settings.webVersionCachePath },
    });
}

/** Fails at start-up, with what to do, rather than at the first `initialize()` in the background. */
export async function assertBrowserExists(executablePath: string): Promise<void> {
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw new Error(`WhatsApp Web needs Chromium at ${executablePath}, which is missing or not executable: install it (Debian: apt-get install chromium) or set PUPPETEER_EXECUTABLE_PATH.`);
  }
}
