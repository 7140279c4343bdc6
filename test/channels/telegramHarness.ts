import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// The package's default export does not type-check under NodeNext; the class itself does.
import { TelegramServer, type StoredBotUpdate } from 'telegram-test-api/lib/telegramServer.js';
import type { Channel } from '../../channels/channel.ts';
import { createTelegramChannel, type TelegramChannelOptions } from '../../channels/telegram/index.ts';
import { SECRET_HEADER } from '../../channels/telegram/webhook.ts';
import type { Inbound } from '../../src/core/message.ts';
import { createApp } from '../../src/http/app.ts';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/log/logger.ts';
import type { OutboundSink, TurnHandler, TurnOutcome } from '../../src/runtime/ports.ts';
import { ticketRef } from '../../src/runtime/refs.ts';
import { TurnRuntime } from '../../src/runtime/turns.ts';
import { createMemoryStore } from '../../src/store/memory/index.ts';
import type { Store } from '../../src/store/ports.ts';
import { faroDialog } from '../support/dialog.ts';
import { FakeTurns } from '../support/fakeTurns.ts';
import { helpdesk } from '../../src/helpdesk/index.ts';

export const TOKEN = '1234567:faro-test-token';
export const SECRET = 'test-secret_0123456789';
export const WEBHOOK_PATH = '/telegram/webhook';

/** A turn handler and how to give it the channel's sink. */
export interface Turns {
  turns: TurnHandler;
  attach(sink: OutboundSink): void;
  close(): Promise<void>;
}

/** The real runtime, memory store and Faro dialog. */
export function faroTurns(): Turns & { runtime: TurnRuntime; store: Store } {
  const store = createMemoryStore();
  const runtime = new TurnRuntime({ store, ...helpdesk(store), dialog: faroDialog(), log: createLogger('silent'), ticketRef });
  return { turns: runtime, runtime, store, attach: (sink) => runtime.register('telegram', sink), close: () => runtime.close() };
}

export function fakeTurns(): Turns & { fake: FakeTurns } {
  const fake = new FakeTurns();
  return {
    turns: fake,
    fake,
    attach: (sink) => {
      fake.sink = sink;
    },
    close: async () => {},
  };
}

/** Wraps a TurnHandler and tells when turns settle, so tests await events instead of sleeping. */
export class ObservedTurns implements TurnHandler {
  readonly settled: { inbound: Inbound; outcome?: TurnOutcome; error?: unknown }[] = [];
  private waiters: (() => void)[] = [];
  constructor(private readonly inner: TurnHandler) {}

  async handle(inbound: Inbound): Promise<TurnOutcome> {
    try {
      const outcome = await this.inner.handle(inbound);
      this.record({ inbound, outcome });
      return outcome;
    } catch (error) {
      this.record({ inbound, error });
      throw error;
    }
  }

  /** Resolves once `count` turns (duplicates and failures included) have settled. */
  async settledCount(count: number): Promise<void> {
    while (this.settled.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private record(entry: ObservedTurns['settled'][number]): void {
    this.settled.push(entry);
    for (const wake of this.waiters.splice(0)) wake();
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** telegram-test-api on a free port of 127.0.0.1. */
export async function startEmulator(): Promise<TelegramServer> {
  const emulator = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storage: 'RAM' });
  await emulator.start();
  return emulator;
}

/**
 * Stands in for Telegram's servers in front of Faro: forwards every request to `target` with
 * the secret-token header, which telegram-test-api never sends.
 */
export async function startSecretProxy(secret: string): Promise<{ url: string; target: string; close(): Promise<void> }> {
  const proxy = { url: '', target: '', close: async () => {} };
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? '/', proxy.target);
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host, [SECRET_HEADER]: secret } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}

export interface Running {
  emulator: TelegramServer;
  channel: Channel;
  observed: ObservedTurns;
  /** The Faro app (webhook mode only serves something there). */
  server: RunningServer;
  close(): Promise<void>;
}

/**
 * The channel on a real app, against telegram-test-api: long polling, or a webhook reached
 * through the secret-adding proxy.
 */
export async function startTelegram(mode: 'polling' | 'webhook', turns: Turns, extra: Partial<TelegramChannelOptions> = {}): Promise<Running> {
  const log = createLogger('silent');
  const emulator = await startEmulator();
  const proxy = mode === 'webhook' ? await startSecretProxy(SECRET) : undefined;
  const observed = new ObservedTurns(turns.turns);
  const channel = createTelegramChannel({
    token: TOKEN,
    turns: observed,
    log,
    apiRoot: emulator.config.apiURL,
    retry: { sleep: async () => {} },
    ...(proxy ? { webhook: { url: `${proxy.url}${WEBHOOK_PATH}`, secretToken: SECRET } } : {}),
    ...extra,
  });
  turns.attach(channel.sink);
  const app = createApp({ log, ready: async () => true, routers: channel.routers ?? [] });
  const server = await startServer({ app, port: 0, host: '127.0.0.1', log });
  if (proxy) proxy.target = server.url;
  await channel.start?.();
  return {
    emulator,
    channel,
    observed,
    server,
    async close() {
      await channel.stop?.();
      await server.close();
      await proxy?.close();
      await turns.close();
      await emulator.stop();
    },
  };
}

/** What the person sees of one bot message. */
export interface Seen {
  messageId: number;
  text: string;
  /** Button rows as `title=action`. */
  buttons: string[][];
}

/** A person in a Telegram chat with the bot, through the emulator's client API. */
export class Person {
  private readonly client;
  private readonly languageCode: string | undefined;
  private seen = 0;

  constructor(
    private readonly running: Running,
    readonly chatId: number,
    options: { type?: 'private' | 'group'; languageCode?: string } = {},
  ) {
    this.client = running.emulator.getClient(TOKEN, { chatId, userId: chatId, type: options.type ?? 'private', firstName: 'Ana' });
    this.languageCode = options.languageCode;
  }

  /** Sends a text and returns the bot messages it produced, once its turn settled. */
  async say(text: string): Promise<Seen[]> {
    const message = this.client.makeMessage(text, this.languageCode ? { from: { id: this.chatId, is_bot: false, first_name: 'Ana', language_code: this.languageCode } } : {});
    return this.turn('AddedUserMessage', () => this.client.sendMessage(message));
  }

  /** Presses a button of one of the bot's messages. */
  async click(seen: Seen, action: string): Promise<Seen[]> {
    if (!seen.buttons.flat().some((b) => b.endsWith(`=${action}`))) throw new Error(`no button ${action} on message ${seen.messageId}`);
    const query = this.client.makeCallbackQuery(action, { message: { message_id: seen.messageId } });
    return this.turn('AddedUserCallbackQuery', () => this.client.sendCallback(query));
  }

  /** Sends without waiting for a turn (for updates Faro must ignore). Resolves once the emulator
   * stored it (polling) or Faro answered its webhook call. */
  async sendIgnored(text: string): Promise<void> {
    const added = once(this.running.emulator, 'AddedUserMessage');
    await this.client.sendMessage(this.client.makeMessage(text));
    await added;
  }

  /** Bot messages to this chat not returned before. */
  newMessages(): Seen[] {
    const mine = this.running.emulator.storage.botMessages.filter((m) => String(m.message.chat_id) === String(this.chatId));
    const fresh = mine.slice(this.seen);
    this.seen = mine.length;
    return fresh.map(seenOf);
  }

  private async turn(event: string, send: () => Promise<unknown>): Promise<Seen[]> {
    const before = this.running.observed.settled.length;
    const added = once(this.running.emulator, event);
    await send();
    await Promise.all([added, this.running.observed.settledCount(before + 1)]);
    return this.newMessages();
  }
}

function seenOf(stored: StoredBotUpdate): Seen {
  const markup = stored.message.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
  return {
    messageId: stored.messageId,
    text: stored.message.text,
    buttons: (markup?.inline_keyboard ?? []).map((row) => row.map((b) => `${b.text}=${b.callback_data ?? ''}`)),
  };
}

/** One Bot API call the stub received. */
export interface ApiCall {
  path: string;
  method: string;
  payload: Record<string, unknown>;
}

/** What the stub answers: Telegram's envelope, or `hang` (never answers) for timeouts. */
export type StubAnswer = { status: number; body: unknown } | 'hang';

/**
 * A local Bot API stub over real HTTP, for what the emulator cannot do (errors, retry_after,
 * recording every call). It answers `getMe`, `sendMessage` and the rest like Telegram, unless
 * `script` gives the next answers for a method.
 */
export class StubBotApi {
  readonly calls: ApiCall[] = [];
  /** Next answers per method, taken in order; then the default success. */
  readonly script = new Map<string, StubAnswer[]>();
  url = '';
  private server: Server | undefined;
  private nextMessageId = 100;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '';
        const method = /\/bot[^/]+\/([A-Za-z]+)$/.exec(path)?.[1] ?? '';
        const text = Buffer.concat(chunks).toString('utf8');
        const payload = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
        this.calls.push({ path, method, payload });
        const answer = this.script.get(method)?.shift() ?? this.success(method, payload);
        if (answer === 'hang') return;
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Calls of one Bot API method. */
  of(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Scripts the next answers of `method`. */
  answer(method: string, ...answers: StubAnswer[]): void {
    this.script.set(method, [...(this.script.get(method) ?? []), ...answers]);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  private success(method: string, payload: Record<string, unknown>): StubAnswer {
    if (method === 'getMe') return ok({ id: 777, is_bot: true, first_name: 'Faro', username: 'FaroTestBot' });
    if (method === 'sendMessage') {
      return ok({ message_id: this.nextMessageId++, date: 1_764_000_000, chat: { id: Number(payload.chat_id), type: 'private' }, text: payload.text });
    }
    return ok(true);
  }
}

export const ok = (result: unknown): StubAnswer => ({ status: 200, body: { ok: true, result } });

/** A Bot API error exactly as Telegram sends it. */
export function apiError(code: number, description: string, parameters?: Record<string, unknown>): StubAnswer {
  return { status: code, body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) } };
}
