import type { Outbound } from '../../src/core/message.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { OutboundSink } from '../../src/runtime/ports.ts';
import { CHANNEL, isPersonalChat } from './inbound.ts';
import { logRef, safeError } from './privacy.ts';
import { RecentIds } from '../kit/recentIds.ts';
import { renderText } from './render.ts';

/** `client.sendMessage` of the client that is ready now. */
export type Send = (chatId: string, text: string) => Promise<unknown>;

export interface SinkLimits {
  /** Outbound ids remembered as sent (idempotence). Default 10,000. */
  rememberIds?: number;
  /** Replies kept while WhatsApp Web is not ready. Default 1,000. */
  maxHeld?: number;
  /** Sends tried per held reply before it is dropped. Default 3. */
  maxAttempts?: number;
}

interface Held {
  outbound: Outbound;
  attempts: number;
}

/**
 * Sends replies as numbered-menu text with `client.sendMessage`, idempotent by `Outbound.id`.
 *
 * Replies handed over while WhatsApp Web is not ready (before pairing, during a reconnect, or
 * the outbox that `runtime.recover()` redelivers at start-up, before the client exists) are
 * held in memory and sent, in order, on the next `ready`. A reply whose send fails is held the
 * same way and the failure is still thrown, so the runtime keeps the turn unfinished in the
 * store: after a crash `recover()` sends it again. All sends go through one queue, so replies
 * leave in the order they were handed over and a redelivered batch never overtakes the first.
 */
export class WhatsAppWebSink implements OutboundSink {
  private send: Send | undefined;
  private held: Held[] = [];
  private queue: Promise<void> = Promise.resolve();
  private readonly sent: RecentIds;
  private readonly maxHeld: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly log: Logger,
    limits: SinkLimits = {},
  ) {
    this.sent = new RecentIds(limits.rememberIds ?? 10_000);
    this.maxHeld = limits.maxHeld ?? 1_000;
    this.maxAttempts = limits.maxAttempts ?? 3;
  }

  /** WhatsApp Web is ready: send what was held, then send directly. */
  connect(send: Send): void {
    this.send = send;
    void this.serially(() => this.flush());
  }

  /** Not connected any more: hold replies until the next `connect`. */
  disconnect(): void {
    this.send = undefined;
  }

  /** Replies waiting for WhatsApp Web. */
  get heldCount(): number {
    return this.held.length;
  }

  deliver(messages: Outbound[]): Promise<void> {
    return this.serially(async () => {
      for (const [i, message] of messages.entries()) {
        if (message.channel !== CHANNEL) {
          this.log.warn({ outbound: logRef(message.id), channel: message.channel }, "whatsapp-web sink got another channel's message");
          continue;
        }
        if (this.sent.has(message.id) || this.isHeld(message.id)) continue;
        if (!this.send) {
          this.hold({ outbound: message, attempts: 0 });
          continue;
        }
        try {
          await this.sendOne(this.send, message);
        } catch (err) {
          for (const rest of messages.slice(i)) if (rest.channel === CHANNEL && !this.sent.has(rest.id) && !this.isHeld(rest.id)) this.hold({ outbound: rest, attempts: rest === message ? 1 : 0 });
          throw err;
        }
      }
    });
  }

  private async flush(): Promise<void> {
    const waiting = this.held;
    this.held = [];
    for (const [i, item] of waiting.entries()) {
      const send = this.send;
      if (!send) {
        this.held.unshift(...waiting.slice(i)); // disconnected again: keep the rest, in order
        return;
      }
      if (this.sent.has(item.outbound.id)) continue;
      try {
        await this.sendOne(send, item.outbound);
      } catch (err) {
        item.attempts += 1;
        if (item.attempts < this.maxAttempts) this.hold(item);
        else this.log.error({ outbound: logRef(item.outbound.id), attempts: item.attempts, error: safeError(err) }, 'reply dropped after repeated send failures');
      }
    }
    if (waiting.length > 0) this.log.info({ sent: waiting.length - this.held.length, held: this.held.length }, 'held replies flushed');
  }

  private async sendOne(send: Send, message: Outbound): Promise<void> {
    const refs = { chat: logRef(message.conversationId), outbound: logRef(message.id) };
    if (!isPersonalChat(message.conversationId)) {
      // Not a chat this channel receives from; sending would only fail, forever.
      this.log.error({ ...refs, step: message.reply.step }, 'reply to a chat that is not a personal WhatsApp chat dropped');
      this.sent.add(message.id);
      return;
    }
    let result: unknown;
    try {
      result = await send(message.conversationId, renderText(message.reply));
    } catch (err) {
      this.log.error({ ...refs, error: safeError(err) }, 'sending a reply failed');
      throw err;
    }
    if (result === null) {
      // whatsapp-web.js answers null, without throwing, when the page does not know the chat.
      this.log.error(refs, 'sending a reply failed: WhatsApp Web does not know the chat');
      throw new Error('WhatsApp Web does not know the chat');
    }
    this.sent.add(message.id);
    this.log.debug({ ...refs, step: message.reply.step }, 'reply sent');
  }

  private hold(item: Held): void {
    this.held.push(item);
    if (this.held.length > this.maxHeld) {
      const dropped = this.held.shift()!;
      this.log.error({ outbound: logRef(dropped.outbound.id), held: this.held.length }, 'too many replies waiting for WhatsApp Web: the oldest was dropped');
    }
  }

  private isHeld(id: string): boolean {
    return this.held.some((h) => h.outbound.id === id);
  }

  /** One send at a time, in order; a failure reaches its caller but never blocks the queue. */
  private serially(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
