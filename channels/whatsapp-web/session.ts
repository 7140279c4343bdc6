import type { Logger } from '../../src/log/logger.ts';
import type { ClientLike, ClientSettings, CreateClient } from './client.ts';
import type { Pairing } from './pairing.ts';
import { safeError } from './privacy.ts';
import type { WhatsAppWebSink } from './sink.ts';

export interface SessionDeps {
  settings: ClientSettings;
  createClient: CreateClient;
  pairing: Pairing;
  sink: WhatsAppWebSink;
  /** The `message` listener (receive.ts). */
  onMessage: (raw: unknown) => unknown;
  /** A new pairing code arrived (drawn on the terminal). */
  onQr: (qr: string) => void;
  log: Logger;
  /** First wait before a new client after a disconnect; doubles each time, up to MAX_RESTART_DELAY_MS. */
  restartDelayMs: number;
}

const MAX_RESTART_DELAY_MS = 10 * 60 * 1000;

/**
 * The life of the WhatsApp Web client: create it, listen, `initialize()` in the background
 * (it waits for a phone to scan, which may take hours), and replace it when WhatsApp
 * disconnects it.
 *
 * - `LOGOUT` (the phone removed the linked device): the library itself reloads the page and
 *   shows a new pairing code, so nothing is done besides forgetting the old state.
 * - Any other reason (`CONFLICT`, `UNPAIRED`, `TOS_BLOCK`…, or a failed `initialize()`): the
 *   library has closed the browser; a new client starts after a wait that grows (5 s, 10 s, …,
 *   10 min) and resets once a client is ready, so a flapping session cannot spin.
 *
 * Events of a client that was replaced are ignored.
 */
export class WhatsAppWebSession {
  private client: ClientLike | undefined;
  private generation = 0;
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  /** `initialize()` calls still running, per client. */
  private readonly launching = new Map<ClientLike, Promise<void>>();
  private stopped = false;

  constructor(private readonly deps: SessionDeps) {}

  start(): void {
    this.stopped = false;
    this.spawn();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.deps.sink.disconnect();
    this.deps.pairing.clear();
    this.generation += 1;
    const client = this.client;
    this.client = undefined;
    if (client) await this.retire(client);
  }

  private spawn(): void {
    const generation = ++this.generation;
    const client = this.deps.createClient(this.deps.settings);
    this.client = client;
    this.listen(client, generation);
    this.deps.log.info({ generation }, 'whatsapp-web client starting');
    const initializing = client.initialize();
    this.launching.set(client, initializing);
    initializing.then(
      () => {
        this.launching.delete(client);
      },
      (err: unknown) => {
        this.launching.delete(client);
        if (generation !== this.generation || this.stopped) return;
        this.deps.log.error({ error: safeError(err) }, 'whatsapp-web client failed to start');
        this.restartLater(client);
      },
    );
  }

  private listen(client: ClientLike, generation: number): void {
    const { log, pairing, sink } = this.deps;
    const current = () => generation === this.generation && !this.stopped;
    client.on('qr', (qr) => {
      if (!current() || typeof qr !== 'string') return;
      pairing.show(qr);
      this.deps.onQr(qr);
      log.info('whatsapp-web waiting for a phone to scan the pairing code');
    });
    client.on('authenticated', () => {
      if (!current()) return;
      pairing.clear();
      log.info('whatsapp-web authenticated');
    });
    client.on('auth_failure', (reason) => {
      if (!current()) return;
      pairing.clear();
      // The library restarts by itself without the refused session and shows a new code.
      log.error({ reason: String(reason).slice(0, 200) }, 'whatsapp-web saved session refused: scan a new pairing code');
    });
    client.on('ready', () => {
      if (!current()) return;
      this.restarts = 0;
      pairing.clear();
      sink.connect((chatId, text) => client.sendMessage(chatId, text));
      log.info({ held: sink.heldCount }, 'whatsapp-web ready');
    });
    client.on('message', (raw) => {
      if (current()) void this.deps.onMessage(raw);
    });
    client.on('disconnected', (reason) => {
      if (!current()) return;
      sink.disconnect();
      pairing.clear();
      const why = String(reason).slice(0, 100);
      log.warn({ reason: why }, why === 'TOS_BLOCK' || why === 'SMB_TOS_BLOCK' ? 'whatsapp-web disconnected: WhatsApp blocked this number' : 'whatsapp-web disconnected');
      if (why !== 'LOGOUT') this.restartLater(client);
    });
  }

  private restartLater(old: ClientLike): void {
    if (this.stopped || this.restartTimer !== undefined) return;
    const delay = Math.min(this.deps.restartDelayMs * 2 ** this.restarts, MAX_RESTART_DELAY_MS);
    this.restarts += 1;
    this.deps.log.info({ delayMs: delay, attempt: this.restarts }, 'whatsapp-web client restarts later');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.retire(old).then(() => {
        if (this.stopped) return;
        try {
          this.spawn();
        } catch (err) {
          this.deps.log.error({ error: safeError(err) }, 'whatsapp-web client could not be created');
        }
      });
    }, delay);
  }

  /** Closes a client's browser, also when it is still launching (it would outlive us otherwise). */
  private async retire(client: ClientLike): Promise<void> {
    const launching = this.launching.get(client);
    await this.destroyQuietly(client);
    if (launching) void launching.finally(() => this.destroyQuietly(client)).catch(() => undefined);
  }

  private async destroyQuietly(client: ClientLike): Promise<void> {
    try {
      await client.destroy();
    } catch (err) {
      this.deps.log.warn({ error: safeError(err) }, 'whatsapp-web client did not close cleanly');
    }
  }
}
