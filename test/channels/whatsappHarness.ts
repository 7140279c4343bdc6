/**
 * The WhatsApp channel inside the real HTTP app (createApp + startServer on port 0), its Graph
 * calls going to a local stub (whatsappGraphStub.ts), its logs captured, its clock injected.
 * Fixtures live in testdata/whatsapp/ as data files.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createWhatsAppChannel, type WhatsAppChannel, type WhatsAppOptions } from '../../channels/whatsapp/index.ts';
import type { Inbound, Outbound, Reply } from '../../src/core/message.ts';
import { createApp } from '../../src/http/app.ts';
import { startServer } from '../../src/http/server.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { OutboundSink, TurnHandler, TurnOutcome } from '../../src/runtime/ports.ts';
import { createMemoryStore } from '../../src/store/memory/index.ts';
import type { InboxRepo } from '../../src/store/ports.ts';
import { GraphStub } from './whatsappGraphStub.ts';

export const TOKEN = 'EAAGtestTOKEN123';
export const PHONE_NUMBER_ID = '106540352242922';
export const APP_SECRET = 'test-app-secret-0123456789';
export const VERIFY_TOKEN = 'faro-verify-token';
/** The person of most fixtures (a Peruvian mobile number). */
export const WA_ID = '51987654321';
/** The `timestamp` of most fixtures: 2025-11-24T16:00:00Z. */
export const T0 = 1_764_000_000_000;

const TESTDATA = new URL('./testdata/whatsapp/', import.meta.url);

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, TESTDATA), 'utf8');
}

export function fixture<T>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

export function sign(raw: Buffer | string, secret = APP_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/** Every log line, parsed, and the raw text (to check nothing personal is in it). */
export class LogCapture {
  readonly lines: Record<string, unknown>[] = [];
  raw = '';
  readonly logger: Logger;

  constructor() {
    const stream = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        const text = chunk.toString('utf8');
        this.raw += text;
        for (const line of text.split('\n').filter(Boolean)) this.lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    this.logger = pino({ level: 'debug', base: undefined }, stream);
  }

  messages(): string[] {
    return this.lines.map((l) => String(l.msg));
  }
}

export interface WhatsAppHarness {
  url: string;
  stub: GraphStub;
  channel: WhatsAppChannel;
  logs: LogCapture;
  clock: { now: number };
  /** POSTs a webhook: an object is serialised, a string or Buffer goes as is. Signed unless told. */
  post(body: unknown, options?: { signature?: string | null; contentType?: string }): Promise<Response>;
  /** POSTs, checks the 200, and waits until the channel has worked it through. */
  deliver(body: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  turns: TurnHandler;
  /** Where the harness hands the channel's sink (FakeTurns.sink = …, runtime.register(…)). */
  register: (sink: OutboundSink) => void;
  template?: WhatsAppOptions['template'];
  /** Default: a fresh in-memory one. */
  inbox?: InboxRepo;
  /** The channel logs here; the app's own logs too. */
  logs?: LogCapture;
}

export async function startWhatsApp(options: HarnessOptions): Promise<WhatsAppHarness> {
  const stub = await GraphStub.start(TOKEN, PHONE_NUMBER_ID);
  const logs = options.logs ?? new LogCapture();
  const clock = { now: T0 + 5_000 };
  const channel = createWhatsAppChannel({
    token: TOKEN,
    phoneNumberId: PHONE_NUMBER_ID,
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    apiRoot: stub.apiRoot,
    turns: options.turns,
    inbox: options.inbox ?? createMemoryStore().inbox,
    log: logs.logger,
    now: () => clock.now,
    retryDelaysMs: [1, 1, 1],
    ...(options.template && { template: options.template }),
  });
  options.register(channel.sink);
  const app = createApp({ log: logs.logger, ready: async () => true, routers: channel.routers ?? [] });
  const server = await startServer({ app, port: 0, host: '127.0.0.1', log: logs.logger, graceMs: 1000 });
  const url = `${server.url}/webhooks/whatsapp`;

  const post: WhatsAppHarness['post'] = (body, { signature, contentType = 'application/json' } = {}) => {
    const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': contentType };
    const sig = signature === undefined ? sign(raw) : signature;
    if (sig !== null) headers['x-hub-signature-256'] = sig;
    return fetch(url, { method: 'POST', headers, body: typeof raw === 'string' ? raw : new Uint8Array(raw) });
  };

  return {
    url,
    stub,
    channel,
    logs,
    clock,
    post,
    async deliver(body) {
      const res = await post(body);
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
      await channel.idle();
    },
    async close() {
      await channel.stop?.();
      await server.close();
      await stub.close();
    },
  };
}

/** A webhook carrying one message (of any type) from `waId`, in the shape of incoming/text.json. */
export function messageWebhook(message: Record<string, unknown>, waId = WA_ID): unknown {
  const payload = fixture<{ payload: WebhookPayload }>('incoming/text.json').payload;
  const value = payload.entry[0]!.changes[0]!.value;
  value.contacts = [{ profile: { name: 'Persona de prueba' }, wa_id: waId }];
  value.messages = [{ from: waId, timestamp: String(T0 / 1000), ...message }];
  return payload;
}

let wamids = 0;
/** A fresh wamid in Meta's shape (the real ones are base64 that embeds the number). */
export function wamid(): string {
  return `wamid.HBgLNTE5ODc2NTQzMjEVAgASGBQz${String(++wamids).padStart(8, '0')}AA==`;
}

export const textMessage = (body: string, id = wamid()) => ({ id, type: 'text', text: { body } });
export const buttonReply = (replyId: string, title = replyId, id = wamid()) => ({ id, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: replyId, title } } });
export const listReply = (replyId: string, title = replyId, id = wamid()) => ({ id, type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: replyId, title, description: '' } } });

interface WebhookPayload {
  entry: { changes: { value: Record<string, unknown> }[] }[];
}

/**
 * A runtime stand-in that answers each message with the next scripted replies (or none), through
 * the registered sink, and dedupes by message id like the real one.
 */
export class ScriptedTurns implements TurnHandler {
  sink: OutboundSink | undefined;
  readonly calls: Inbound[] = [];
  readonly script: Reply[][] = [];
  private readonly seen = new Set<string>();
  private seq = 0;

  async handle(inbound: Inbound): Promise<TurnOutcome> {
    this.calls.push(inbound);
    if (this.seen.has(inbound.messageId)) return { duplicate: true, outbound: [] };
    this.seen.add(inbound.messageId);
    const outbound: Outbound[] = (this.script.shift() ?? []).map((reply) => {
      this.seq += 1;
      return { id: `whatsapp:${inbound.conversationId}#${this.seq}`, channel: 'whatsapp', conversationId: inbound.conversationId, seq: this.seq, replyTo: inbound.messageId, reply };
    });
    await this.sink!.deliver(outbound);
    return { duplicate: false, outbound };
  }
}
