/**
 * Composition root of the default deployment: picks the store, the dialog, the channels and
 * the HTTP server, and wires them. Only this file (and tests) know the concrete adapters.
 */
import { loadUnderstanding } from '../../content/understanding/index.ts';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Channel } from '../../channels/channel.ts';
import { createDirectLine } from '../../channels/directline/index.ts';
import { createWidget } from '../../channels/widget/index.ts';
import { loadSeedAnswers } from '../../content/answers/index.ts';
import { buildAnswerIndex } from '../../dialogs/faq/answerIndex.ts';
import { createFaroDialog } from '../../dialogs/faro/index.ts';
import type { Express } from 'express';
import type { Config } from '../../src/config.ts';
import type { Dialog } from '../../src/core/dialog.ts';
import type { Answer } from '../../src/core/domain.ts';
import { createConsole } from '../../src/console/index.ts';
import { type ApiOptions, createApiRouter } from '../../src/http/api/index.ts';
import { createApp } from '../../src/http/app.ts';
import { type RunningServer, startServer } from '../../src/http/server.ts';
import { createLogger, type Logger } from '../../src/log/logger.ts';
import { parseSchedule, staffedBy } from '../../src/core/schedule.ts';
import { createPersonLink } from '../../src/helpdesk/personLink.ts';
import { ticketRef } from '../../src/runtime/refs.ts';
import { createLiveEvents, type LiveEvents } from '../../src/staff/liveEvents.ts';
import { TurnRuntime } from '../../src/runtime/turns.ts';
import { ensureFirstAdmin, ensureFirstPseaFocal } from '../../src/staff/accounts.ts';
import { createPseaNotifier } from '../../src/staff/pseaNotifier.ts';
import { openStore } from '../../src/store/index.ts';
import { optionalChannels, webChat } from './channels.ts';
import type { Store } from '../../src/store/ports.ts';
import { helpdesk } from '../../src/helpdesk/index.ts';
import { loadPartners } from '../../content/partners/index.ts';
import { createTranslations, type Translate } from '../../dialogs/faro/i18n.ts';
import type { Lang } from '../../src/core/languages.ts';
import type { Say } from '../../src/core/dialog.ts';
import { loadBotCatalogs } from '../../content/locales/index.ts';

/** What Faro is made of; `startFaro` reads them from the configuration, tests pass their own. */
export interface FaroDeps {
  store: Store;
  dialog: Dialog;
  log: Logger;
  /** Direct Line and staff tokens are signed with keys derived from it (≥ 32 bytes). */
  tokenKey: Buffer;
  /** The clock of turns, staff sessions and the PSEA alert. Default: the real one. */
  now?: () => number;
  /** The channels, built over the runtime they hand messages to. */
  channels: (runtime: TurnRuntime) => Channel[] | Promise<Channel[]>;
  /** Settings of the staff API besides its wiring (login limits, cookies, the KDF cost…). */
  api?: Partial<Omit<ApiOptions, 'store' | 'log' | 'tokenKey' | 'person' | 'events' | 'now'>>;
  /** Where the PSEA focal point is alerted that a report was filed (never its content). */
  pseaWebhookUrl?: string;
  /** express's `trust proxy` (TRUST_PROXY). */
  trustProxy?: boolean | number | string;
  /** The bot's strings, as the dialog has them (staff-side messages to the person use them too).
   * Default: the shipped catalogs. */
  translations?: Record<Lang, Translate>;
}

/** Faro wired but not yet listening: the app, the runtime and what the console is told. */
export interface Faro {
  app: Express;
  store: Store;
  runtime: TurnRuntime;
  events: LiveEvents;
  channels: Channel[];
  /** Listens (port 0: a free one) and starts the channels' receiving. */
  listen(port: number, host: string): Promise<RunningServer>;
  /** Stops receiving, finishes the turns in flight and the PSEA alerts. Not the store: its owner closes it. */
  stop(): Promise<void>;
}

/**
 * The one wiring of Faro, under `startFaro` and every test that needs the whole of it: the
 * runtime feeds the console's live events, a filed report alerts the focal point, the channels
 * are registered and resumed before unfinished turns are recovered, and the staff API, the
 * console and the channels' routes share one app.
 */
export async function createFaro(deps: FaroDeps): Promise<Faro> {
  const { store, dialog, log, tokenKey } = deps;
  const now = deps.now ?? Date.now;
  // The PSEA focal point hears that a report was filed (never its content): webhook + console.
  const pseaNotifier = createPseaNotifier({ log, now, ...(deps.pseaWebhookUrl && { webhookUrl: deps.pseaWebhookUrl }) });
  // The console's live updates: tickets and transcript lines from turns, the sealed alert.
  const events = createLiveEvents(await store.tickets.list({ status: 'claimed' }));
  pseaNotifier.subscribe((event) => events.publish({ type: 'psea', event }));
  const runtime = new TurnRuntime({
    store,
    dialog,
    ...helpdesk(store),
    log,
    ticketRef,
    now,
    onSealedReport: () => pseaNotifier.reportFiled(),
    onApplied: (effects, transcript) => events.fromEffects(effects, transcript),
  });
  const channels = await deps.channels(runtime);
  for (const channel of channels) runtime.register(channel.name, channel.sink);
  for (const channel of channels) await channel.resume?.();
  await runtime.recover();

  // The staff API answers only its own paths under /api (so /api/messages still reaches Bot Framework).
  // The bot's catalogs and the partner directory are content: loaded here, handed to the API.
  const translations = deps.translations ?? createTranslations(loadBotCatalogs());
  const say: Say = (lang, key, vars) => translations[lang](key, vars);
  const staffApi = createApiRouter({ partners: loadPartners(), say, ...deps.api, store, log, tokenKey, now, person: createPersonLink(runtime), events });
  // The operator console (`/console`) is a page over the staff API.
  const operatorConsole = createConsole({ log });
  const app = createApp({
    log,
    ready: () => store.ping(),
    routers: [staffApi, operatorConsole.router, ...channels.flatMap((c) => c.routers ?? [])],
    beforeBody: channels.flatMap((c) => c.beforeBody ?? []),
    ...(deps.trustProxy !== undefined && { trustProxy: deps.trustProxy }),
  });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => channels.some((c) => c.handleUpgrade?.(req, socket, head) ?? false);
  let server: RunningServer | undefined;

  return {
    app,
    store,
    runtime,
    events,
    channels,
    async listen(port, host) {
      server = await startServer({ app, port, host, log, onUpgrade });
      for (const channel of channels) await channel.start?.();
      return server;
    },
    async stop() {
      // Stop receiving first (sockets, polling), then finish what is in flight.
      for (const channel of channels) await channel.stop?.();
      events.end();
      await server?.close();
      await runtime.close();
      await pseaNotifier.idle();
    },
  };
}

export interface RunningFaro {
  url: string;
  store: Store;
  runtime: TurnRuntime;
  /** Stops accepting, finishes the turns in flight, closes the store. */
  stop(): Promise<void>;
}

export async function startFaro(config: Config, log: Logger = createLogger(config.LOG_LEVEL)): Promise<RunningFaro> {
  const store = await openStore({ dataDir: config.DATA_DIR, ...(config.MONGODB_URI ? { mongodbUri: config.MONGODB_URI } : {}) });
  await seedAnswersIfEmpty(store, log);
  await ensureFirstAdmin(store, { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD }, log);
  await ensureFirstPseaFocal(store, { email: config.PSEA_FOCAL_EMAIL, password: config.PSEA_FOCAL_PASSWORD }, log);
  const tokenKey = await tokenSigningKey(config);
  const published = await store.answers.listPublished();
  warnAboutOverdueReviews(published, log);
  const translations = createTranslations(loadBotCatalogs());
  const dialog = createFaroDialog({
    translations,
    answers: buildAnswerIndex(published),
    understanding: loadUnderstanding(),
    settings: {
      hotline: config.HOTLINE_NUMBER,
      openingHours: { es: config.OPENING_HOURS_ES, en: config.OPENING_HOURS_EN, pt: config.OPENING_HOURS_PT, ht: config.OPENING_HOURS_HT },
      pseaEmail: config.PSEA_EMAIL,
      staffed: staffedBy(parseSchedule(config.OPENING_SCHEDULE, config.TIME_ZONE)),
    },
  });
  const publicUrl = config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {};
  const faro = await createFaro({
    store,
    dialog,
    translations,
    log,
    tokenKey,
    ...(config.PSEA_WEBHOOK_URL && { pseaWebhookUrl: config.PSEA_WEBHOOK_URL }),
    ...(config.TRUST_PROXY !== undefined && { trustProxy: config.TRUST_PROXY }),
    ...(config.PUBLIC_URL?.startsWith('https://') && { api: { secureCookies: true } }),
    channels: async (runtime) => {
      const directLine = createDirectLine({
        turns: runtime,
        tokenKey,
        origins: config.WEBCHAT_ORIGINS,
        rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
        log,
        ...(config.DIRECTLINE_SECRET ? { secret: config.DIRECTLINE_SECRET } : {}),
        ...publicUrl,
      });
      // The embeddable widget (`/widget.js`, demo page at `/`) talks to the Direct Line endpoints.
      const widget = createWidget({ log, ...publicUrl });
      return [webChat(directLine, widget), ...(await optionalChannels(config, runtime, store, log))];
    },
  });
  const server = await faro.listen(config.PORT, config.HOST);
  log.info({ url: server.url, store: config.MONGODB_URI ? 'mongodb' : 'embedded', channels: faro.channels.map((c) => c.name) }, 'Faro is listening');

  return {
    url: server.url,
    store,
    runtime: faro.runtime,
    async stop() {
      await faro.stop();
      await store.close();
    },
  };
}

async function seedAnswersIfEmpty(store: Store, log: Logger): Promise<void> {
  if ((await store.answers.count()) > 0) return;
  const seed = loadSeedAnswers();
  await store.answers.upsertMany(seed);
  log.info({ answers: seed.length }, 'loaded sample answers into an empty store: verify them before going live');
}

/** Answers past their review-by date are still shown (hiding them could leave a topic empty),
 * but every start says how many need re-verifying. */
function warnAboutOverdueReviews(answers: Answer[], log: Logger): void {
  const today = new Date().toISOString().slice(0, 10);
  const overdue = answers.filter((a) => a.reviewBy < today);
  if (overdue.length > 0) log.warn({ answers: overdue.length, ids: [...new Set(overdue.map((a) => a.id))].slice(0, 20) }, 'published answers are past their review-by date: have them re-verified');
}

/** Direct Line tokens are signed with this key. From TOKEN_SIGNING_KEY, or generated once and
 * kept in DATA_DIR so tokens stay valid across restarts. Several instances must share one key. */
async function tokenSigningKey(config: Config): Promise<Buffer> {
  if (config.TOKEN_SIGNING_KEY) return Buffer.from(config.TOKEN_SIGNING_KEY, 'utf8');
  const file = join(config.DATA_DIR, 'directline-token.key');
  try {
    return Buffer.from(await readFile(file, 'utf8'), 'base64');
  } catch {
    const key = randomBytes(32);
    await mkdir(config.DATA_DIR, { recursive: true });
    await writeFile(file, key.toString('base64'), { mode: 0o600 });
    return key;
  }
}
