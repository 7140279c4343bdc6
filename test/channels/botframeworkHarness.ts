import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createBotFrameworkChannel, type BotFrameworkOptions } from '../../channels/botframework/index.ts';
import type { Channel } from '../../channels/channel.ts';
import { createApp } from '../../src/http/app.ts';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { TurnHandler } from '../../src/runtime/ports.ts';

/** The fixtures beside the adapter: real-shaped activities as the Emulator and a bridge send them. */
export function fixture(name: string): Record<string, any> {
  return readFixture(name) as Record<string, any>;
}

export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../channels/botframework/testdata/${name}`, import.meta.url), 'utf8'));
}

/** One request the bot made to the connector (the serviceUrl). */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId?: string;
  replyToId?: string;
  authorization?: string;
  // The posted activity, inspected field by field.
  activity: Record<string, any>;
}

const REPLY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

/**
 * A stand-in for the Bot Framework connector service (what an activity's `serviceUrl` points
 * at), speaking its REST protocol over real HTTP: it records
 * `POST /v3/conversations/:id/activities[/:replyToId]` and answers with a ResourceResponse
 * `{id}`, or `failStatus` while `failures` > 0.
 */
export class ConnectorStub {
  readonly calls: ConnectorCall[] = [];
  failures = 0;
  /** What a failure answers: 403 is the connector's "the bot is not part of the conversation";
   * botbuilder's HTTP client retries 5xx with back-off (seconds), so tests use 4xx. */
  failStatus = 403;
  url = '';
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '';
        const match = REPLY_PATH.exec(path);
        if (req.method !== 'POST' || !match) {
          res.writeHead(404).end();
          return;
        }
        if (this.failures > 0) {
          this.failures -= 1;
          res.writeHead(this.failStatus, { 'content-type': 'application/json' }).end('{"error":{"code":"BotNotInConversationRoster","message":"refused"}}');
          return;
        }
        const call: ConnectorCall = { method: req.method, path, activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, any> };
        call.conversationId = decodeURIComponent(match[1]!);
        if (match[2] !== undefined) call.replyToId = decodeURIComponent(match[2]);
        if (req.headers.authorization !== undefined) call.authorization = req.headers.authorization;
        this.calls.push(call);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `stub-${this.calls.length}` }));
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Texts the bot sent to one conversation, in order. */
  texts(conversationId: string): string[] {
    return this.calls.filter((c) => c.conversationId === conversationId).map((c) => String(c.activity.text));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Log lines kept in memory, to check that no typed text reaches them. */
export class LogCapture {
  readonly lines: string[] = [];
  readonly log: Logger;
  constructor(level = 'debug') {
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        this.lines.push(chunk.toString('utf8'));
        done();
      },
    });
    this.log = pino({ level, base: undefined }, sink);
  }
  get text(): string {
    return this.lines.join('');
  }
}

export interface BotHarness {
  url: string;
  channel: Channel;
  server: RunningServer;
  close(): Promise<void>;
}

/** The real app (createApp, central error handler) with the Bot Framework channel, on a free port. */
export async function startBot(turns: TurnHandler, log: Logger, options: Partial<Omit<BotFrameworkOptions, 'turns' | 'log'>> = {}): Promise<BotHarness> {
  const channel = createBotFrameworkChannel({ ...options, turns, log });
  const app = createApp({ log, ready: async () => true, routers: channel.routers ?? [] });
  const server = await startServer({ app, port: 0, host: '127.0.0.1', log, onClose: () => channel.stop?.() });
  return { url: server.url, channel, server, close: () => server.close() };
}

export interface Answer {
  status: number;
  text: string;
  // Parsed JSON bodies are inspected field by field in tests.
  json: Record<string, any>;
}

/** POSTs to /api/messages; every answer must be calm JSON (or empty), never HTML or a stack. */
export async function postActivity(url: string, body: unknown, init: { raw?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.raw ?? JSON.stringify(body),
  });
  const text = await res.text();
  expect(text).not.to.match(/<html|<!doctype|<pre>/i);
  expect(text).not.to.match(/\n\s+at [^\n]+:\d+:\d+/);
  expect(text).not.to.match(/node_modules|\.ts:\d+/);
  let json: Record<string, any> = {};
  if (text !== '') {
    expect(res.headers.get('content-type') ?? '').to.match(/^application\/json/);
    json = JSON.parse(text) as Record<string, any>;
  }
  return { status: res.status, text, json };
}

let counter = 0;
/** A message like the Emulator's, in a conversation of our choosing, replying to `serviceUrl`. */
export function message(conversationId: string, serviceUrl: string, content: { text?: string; action?: string; id?: string; channelId?: string; expectReplies?: boolean }): Record<string, any> {
  const base = fixture('message.json');
  const activity: Record<string, any> = { ...base, id: content.id ?? `act-${++counter}`, serviceUrl, conversation: { id: conversationId } };
  delete activity.text;
  if (content.text !== undefined) activity.text = content.text;
  if (content.action !== undefined) activity.value = { action: content.action };
  if (content.channelId !== undefined) activity.channelId = content.channelId;
  if (content.expectReplies) activity.deliveryMode = 'expectReplies';
  return activity;
}
