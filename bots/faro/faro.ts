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
import type { Config } from '../../src/config.ts';
import type { Answer } from '../../src/core/domain.ts';
import { createConsole } from '../../src/console/index.ts';
import { createApiRouter } from '../../src/http/api/index.ts';
import { createApp } from '../../src/http/app.ts';
import { startServer } from '../../src/http/server.ts';
import { createLogger, type Logger } from '../../src/log/logger.ts';
import { parseSchedule, staffedBy } from '../../src/core/schedule.ts';
import { createPersonLink } from '../../src/runtime/personLink.ts';
import { ticketRef } from '../../src/runtime/refs.ts';
import { createLiveEvents } from '../../src/staff/liveEvents.ts';
import { TurnRuntime } from '../../src/runtime/turns.ts';
import { ensureFirstAdmin } from '../../src/staff/accounts.ts';
import { createPseaNotifier } from '../../src/staff/pseaNotifier.ts';
import { openStore } from '../../src/store/index.ts';
import { optionalChannels } from './channels.ts';
import type { Store } from '../../src/store/ports.ts';

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
  const tokenKey = await tokenSigningKey(config);
  const published = await store.answers.listPublished();
  warnAboutOverdueReviews(published, log);
  const answers = buildAnswerIndex(published);
  const dialog = createFaroDialog({
    answers,
    understanding: loadUnderstanding(),
    settings: {
      hotline: config.HOTLINE_NUMBER,
      openingHours: { es: config.OPENING_HOURS_ES, en: config.OPENING_HOURS_EN },
      pseaEmail: config.PSEA_EMAIL,
      staffed: staffedBy(parseSchedule(config.OPENING_SCHEDULE, config.TIME_ZONE)),
    },
  });
  // The PSEA focal point hears that a report was filed (never its content): webhook + console.
  const pseaNotifier = createPseaNotifier({ log, ...(config.PSEA_WEBHOOK_URL && { webhookUrl: config.PSEA_WEBHOOK_URL }) });
  // The console's live updates: tickets and transcript lines from turns, the sealed alert.
  const events = createLiveEvents(await store.tickets.list({ status: 'claimed' }));
  pseaNotifier.subscribe((event) => events.publish({ type: 'psea', event }));
  const runtime = new TurnRuntime({ store, dialog, log, ticketRef, onSealedReport: () => pseaNotifier.reportFiled(), onApplied: (effects, transcript) => events.fromEffects(effects, transcript) });
  const directLine = createDirectLine({
    turns: runtime,
    tokenKey,
    origins: config.WEBCHAT_ORIGINS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    log,
    ...(config.DIRECTLINE_SECRET ? { secret: config.DIRECTLINE_SECRET } : {}),
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
  });
  // The embeddable widget (`/widget.js`, demo page at `/`) talks to the Direct Line endpoints.
  const widget = createWidget({ log, ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}) });
  const channels: Channel[] = [
    { name: 'webchat', sink: directLine.sink, routers: [directLine.router, ...widget.routers], handleUpgrade: directLine.handleUpgrade, stop: () => directLine.close() },
    ...(await optionalChannels(config, runtime, store, log)),
  ];
  for (const channel of channels) runtime.register(channel.name, channel.sink);
  for (const channel of channels) await channel.resume?.();
  await runtime.recover();

  // The staff API answers only its own paths under /api (so /api/messages still reaches Bot Framework).
  const staffApi = createApiRouter({ store, log, tokenKey, person: createPersonLink(runtime), events, ...(config.PUBLIC_URL?.startsWith('https://') && { secureCookies: true }) });
  // The operator console (`/console`) is a page over the staff API.
  const operatorConsole = createConsole({ log });
  const app = createApp({ log, ready: () => store.ping(), routers: [staffApi, operatorConsole.router, ...channels.flatMap((c) => c.routers ?? [])], beforeBody: [directLine.cors] });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => channels.some((c) => c.handleUpgrade?.(req, socket, head) ?? false);
  const server = await startServer({ app, port: config.PORT, host: config.HOST, log, onUpgrade });
  for (const channel of channels) await channel.start?.();
  log.info({ url: server.url, store: config.MONGODB_URI ? 'mongodb' : 'embedded', channels: channels.map((c) => c.name) }, 'Faro is listening');

  return {
    url: server.url,
    store,
    runtime,
    async stop() {
      // Stop receiving first (sockets, polling), then finish what is in flight.
      for (const channel of channels) await channel.stop?.();
      events.end();
      await server.close();
      await runtime.close();
      await pseaNotifier.idle();
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
