/**
 * An in-process stand-in for whatsapp-web.js's `Client` (the `ClientLike` surface: events in,
 * `sendMessage` captured) and helpers to drive the WhatsApp Web channel with it.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createWhatsAppWebChannel, type WhatsAppWebChannel, type WhatsAppWebOptions } from '../../channels/whatsapp-web/index.ts';
import type { ClientLike, ClientSettings } from '../../channels/whatsapp-web/client.ts';
import type { Inbound } from '../../src/core/message.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { TurnHandler, TurnOutcome } from '../../src/runtime/ports.ts';

export interface SentMessage {
  chatId: string;
  text: string;
}

export class FakeClient extends EventEmitter implements ClientLike {
  readonly sent: SentMessage[] = [];
  initialized = 0;
  destroyed = 0;
  /** The next sends fail (throw), as when the browser crashed. */
  failures = 0;
  /** What `initialize()` returns; never settles by default, like a client waiting for a scan. */
  initializeResult: Promise<void> = new Promise(() => undefined);
  private sendWaiters: { count: number; wake: () => void }[] = [];

  constructor(readonly settings: ClientSettings) {
    super();
  }

  initialize(): Promise<void> {
    this.initialized += 1;
    return this.initializeResult;
  }

  async sendMessage(chatId: string, text: string): Promise<unknown> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error(`Protocol error: Target closed (sending to ${chatId})`);
    }
    this.sent.push({ chatId, text });
    this.sendWaiters = this.sendWaiters.filter((w) => {
      if (this.sent.length < w.count) return true;
      w.wake();
      return false;
    });
    return { id: { _serialized: `true_${chatId}_BOT${this.sent.length}` } };
  }

  async destroy(): Promise<void> {
    this.destroyed += 1;
  }

  /** Resolves once `count` messages were sent in all. */
  sentAtLeast(count: number): Promise<void> {
    if (this.sent.length >= count) return Promise.resolve();
    return new Promise((wake) => this.sendWaiters.push({ count, wake }));
  }

  /** An incoming text message, shaped like whatsapp-web.js's `Message`. */
  incoming(from: string, body: string, id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      id: { fromMe: false, remote: from, id, _serialized: `false_${from}_${id}` },
      from,
      to: '51911111111@c.us',
      fromMe: false,
      type: 'chat',
      body,
      isStatus: false,
      broadcast: false,
      timestamp: 1764000000,
      hasMedia: false,
      ...extra,
    };
  }

  /** Pairing done: the phone scanned, WhatsApp Web loaded. */
  pairAndReady(): void {
    this.emit('qr', '2@pairing-code,key,key,key');
    this.emit('authenticated');
    this.emit('ready');
  }
}

/** Wraps the runtime (or a fake) so a test can wait for the turns an emitted message started. */
export class TrackedTurns implements TurnHandler {
  readonly calls: Inbound[] = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly inner: TurnHandler) {}

  handle(inbound: Inbound): Promise<TurnOutcome> {
    this.calls.push(inbound);
    const turn = this.inner.handle(inbound);
    const settled = turn.catch(() => undefined).finally(() => this.running.delete(settled));
    this.running.add(settled);
    return turn;
  }

  /** Every turn started so far has finished (the channel starts a turn during the emit). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}

/** A debug-level logger whose lines the test can read (to check nothing personal is logged). */
export function capturingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: pino({ level: 'debug', base: undefined }, stream), lines };
}

export interface Started {
  channel: WhatsAppWebChannel;
  clients: FakeClient[];
  /** The latest client. */
  client(): FakeClient;
  /** Resolves when the `n`-th client exists. */
  clientNumber(n: number): Promise<FakeClient>;
  terminal: string[];
  dataDir: string;
  close(): Promise<void>;
}

/** The channel with fake clients, started, its data under a fresh temporary folder. */
export async function startChannel(options: Partial<WhatsAppWebOptions> & Pick<WhatsAppWebOptions, 'turns' | 'log'>): Promise<Started> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faro-wweb-'));
  const clients: FakeClient[] = [];
  const waiters: { n: number; wake: (c: FakeClient) => void }[] = [];
  const terminal: string[] = [];
  const channel = createWhatsAppWebChannel({
    dataDir,
    terminal: { write: (text: string) => terminal.push(text) },
    createClient: (settings) => {
      const client = new FakeClient(settings);
      clients.push(client);
      for (const w of waiters.filter((w) => w.n === clients.length)) w.wake(client);
      return client;
    },
    restartDelayMs: 0,
    ...options,
  });
  await channel.start();
  return {
    channel,
    clients,
    client: () => clients.at(-1)!,
    clientNumber: (n) => (clients.length >= n ? Promise.resolve(clients[n - 1]!) : new Promise((wake) => waiters.push({ n, wake }))),
    terminal,
    dataDir,
    async close() {
      await channel.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
