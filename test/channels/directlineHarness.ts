import { expect } from 'chai';
import { WebSocket } from 'ws';
import { createDirectLine, type DirectLine, type DirectLineOptions } from '../../channels/directline/index.ts';
import { createApp } from '../../src/http/app.ts';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/log/logger.ts';
import { FakeTurns } from '../support/fakeTurns.ts';

/** A real app with the Direct Line channel on a free port, a fake runtime and a fake clock. */
export interface Harness {
  url: string;
  dl: DirectLine;
  turns: FakeTurns;
  server: RunningServer;
  clock: { now: number; advance(ms: number): void };
  close(): Promise<void>;
}

export const TOKEN_KEY = Buffer.from('0123456789abcdef0123456789abcdef');

export async function startHarness(options: Partial<Omit<DirectLineOptions, 'turns' | 'log' | 'now'>> & { jsonLimit?: string } = {}): Promise<Harness> {
  const log = createLogger('silent');
  const turns = new FakeTurns();
  const clock = {
    now: Date.UTC(2026, 10, 24, 12, 0, 0),
    advance(ms: number) {
      this.now += ms;
    },
  };
  const { jsonLimit, ...dlOptions } = options;
  const dl = createDirectLine({
    tokenKey: TOKEN_KEY,
    origins: ['https://widget.example.org'],
    ...dlOptions,
    turns,
    log,
    now: () => clock.now,
  });
  turns.sink = dl.sink;
  const app = createApp({ log, ready: async () => true, routers: [dl.router], beforeBody: [dl.cors], jsonLimit });
  const server = await startServer({ app, port: 0, host: '127.0.0.1', log, onUpgrade: dl.handleUpgrade, onClose: dl.close });
  return { url: server.url, dl, turns, server, clock, close: () => server.close() };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // Parsed JSON bodies are inspected field by field in tests.
  json: Record<string, any>;
}

/** Bodies must never carry HTML or a stack trace, whatever happened. */
export function expectCalmBody(text: string): void {
  expect(text).not.to.match(/<html|<!doctype|<pre>/i);
  expect(text).not.to.match(/\n\s+at [^\n]+:\d+:\d+/);
  expect(text).not.to.match(/node_modules|\.ts:\d+/);
}

export async function call(base: string, method: string, path: string, init: { auth?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.auth !== undefined) headers.authorization = `Bearer ${init.auth}`;
  let body: string | undefined;
  if (init.raw !== undefined) body = init.raw;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const text = await res.text();
  expectCalmBody(text);
  let json: Record<string, any> = {};
  if (text !== '') {
    expect(res.headers.get('content-type') ?? '').to.match(/^application\/json/);
    json = JSON.parse(text) as Record<string, any>;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** generate + start: a conversation ready for posts. */
export async function startConversation(h: Harness, secret?: string): Promise<{ id: string; token: string; streamUrl: string }> {
  const generated = await call(h.url, 'POST', '/v3/directline/tokens/generate', secret === undefined ? {} : { auth: secret });
  expect(generated.status).to.equal(200);
  const started = await call(h.url, 'POST', '/v3/directline/conversations', { auth: generated.json.token as string });
  expect(started.status).to.equal(201);
  return { id: started.json.conversationId as string, token: started.json.token as string, streamUrl: started.json.streamUrl as string };
}

export function message(text: string, clientActivityID?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    from: { id: 'dl_user1', role: 'user' },
    text,
    locale: 'es-PE',
    ...(clientActivityID ? { channelData: { clientActivityID } } : {}),
    ...extra,
  };
}

export function post(h: Harness, conversation: { id: string; token: string }, activity: unknown): Promise<Answer> {
  return call(h.url, 'POST', `/v3/directline/conversations/${conversation.id}/activities`, { auth: conversation.token, body: activity });
}

export function getActivities(h: Harness, conversation: { id: string; token: string }, watermark?: string): Promise<Answer> {
  const query = watermark === undefined ? '' : `?watermark=${encodeURIComponent(watermark)}`;
  return call(h.url, 'GET', `/v3/directline/conversations/${conversation.id}/activities${query}`, { auth: conversation.token });
}

/** A WebSocket client that records every frame. */
export class StreamClient {
  readonly frames: string[] = [];
  readonly ws: WebSocket;
  closed: { code: number; reason: string } | undefined;
  private readonly opened: Promise<void>;

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.on('message', (data) => this.frames.push(String(data)));
    this.ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
  }

  open(): Promise<void> {
    return this.opened;
  }

  /** Activity sets received so far (empty keep-alive frames skipped). */
  get sets(): Array<{ activities: Array<Record<string, any>>; watermark?: string }> {
    return this.frames.filter((f) => f !== '').map((f) => JSON.parse(f) as { activities: Array<Record<string, any>>; watermark?: string });
  }

  get activities(): Array<Record<string, any>> {
    return this.sets.flatMap((s) => s.activities);
  }

  async waitFor(predicate: (c: StreamClient) => boolean, what = 'frames', timeoutMs = 3000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.ws.close();
  }
}

/** The HTTP status of a refused WebSocket upgrade. */
export function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      ws.close();
      reject(new Error('upgrade was accepted'));
    });
    ws.once('error', () => undefined);
  });
}
