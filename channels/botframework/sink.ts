import type { Outbound } from '../../src/core/message.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { OutboundSink } from '../../src/runtime/ports.ts';
import { choiceStyleFor } from './choices.ts';
import type { ConversationMemory } from './conversations.ts';
import type { LiveTurns, ReplyChannel } from './liveTurns.ts';
import { errorSummary, logTag } from './logging.ts';
import type { SendProactive } from './proactive.ts';
import { renderReply } from './render.ts';
import { RecentIds } from '../kit/recentIds.ts';

/** `Inbound.channel` / `Outbound.channel` of this adapter. */
export const CHANNEL = 'botframework';

/** Outbound ids remembered as sent; the runtime only re-delivers its last turn's outbox. */
const REMEMBERED_IDS = 50_000;

export interface SinkDeps {
  live: LiveTurns;
  memory: ConversationMemory;
  proactive: SendProactive;
  log: Logger;
}

/**
 * Puts replies on the wire, idempotent by `Outbound.id`, along one of three paths:
 * 1. the live botbuilder turn of the activity a reply answers (see liveTurns.ts), which also
 *    takes older replies delivered with it (the runtime resends what a failed send left
 *    behind with the next turn's replies): into the HTTP answer (`expectReplies`) or to the
 *    activity's serviceUrl. A failure there fails the turn (the platform sees a 500) and parks
 *    the rest for the conversation's next message;
 * 2. no live turn but a stored reference: a proactive reply (`continueConversationAsync`);
 *    a failure parks it (logged, not thrown: the caller may be start-up recovery);
 * 3. no reference (after a restart, or an `expectReplies` conversation): parked.
 * Parked replies go out first, through the live turn of the conversation's next message
 * (`flushParked`), so nothing the runtime committed is lost while this process runs.
 */
export class BotFrameworkSink implements OutboundSink {
  private readonly sent = new RecentIds(REMEMBERED_IDS);
  private readonly sending = new Set<string>();

  constructor(private readonly deps: SinkDeps) {}

  async deliver(messages: Outbound[]): Promise<void> {
    const byConversation = new Map<string, Outbound[]>();
    for (const message of messages) {
      if (message.channel !== CHANNEL) {
        this.deps.log.warn({ seq: message.seq, channel: message.channel }, "botframework sink got another channel's message");
        continue;
      }
      const list = byConversation.get(message.conversationId) ?? [];
      list.push(message);
      byConversation.set(message.conversationId, list);
    }
    for (const [conversationId, list] of byConversation) await this.deliverTo(conversationId, list);
  }

  /** Sends what was parked for this conversation through its live turn; on failure puts the
   * rest back and throws. */
  async flushParked(conversationId: string, channel: ReplyChannel): Promise<number> {
    const parked = this.deps.memory.takeParked(conversationId).filter((m) => !this.sent.has(m.id));
    for (let i = 0; i < parked.length; i++) {
      try {
        await this.sendLive(channel, parked[i]!);
      } catch (err) {
        this.deps.memory.unpark(conversationId, parked.slice(i));
        throw err;
      }
    }
    if (parked.length > 0) this.deps.log.info({ conversation: logTag(conversationId), replies: parked.length }, 'parked replies delivered');
    return parked.length;
  }

  private async deliverTo(conversationId: string, messages: Outbound[]): Promise<void> {
    const pending = messages.filter((m) => !this.sent.has(m.id) && !this.sending.has(m.id));
    if (pending.length === 0) return;
    // A live turn of any of these replies takes them all: the runtime resends what a failed
    // send left behind together with the new turn's replies, and those belong in this answer.
    const live = pending.map((m) => this.deps.live.find(conversationId, m.replyTo)).find((c) => c !== undefined);
    if (live) {
      await this.sendAllLive(conversationId, live, pending);
      return;
    }
    for (let i = 0; i < pending.length; i++) {
      const message = pending[i]!;
      // Outside a live turn. Behind replies already waiting, a reply waits too (order).
      const reference = this.deps.memory.reference(conversationId);
      if (!reference || this.deps.memory.hasParked(conversationId)) {
        this.park(conversationId, pending.slice(i), reference ? 'behind parked replies' : 'no conversation reference');
        return;
      }
      try {
        await this.once(message, () => this.deps.proactive(reference, renderReply(message, choiceStyleFor(reference.channelId), reference.user?.id), message.replyTo));
        this.deps.log.debug({ conversation: logTag(conversationId), seq: message.seq, step: message.reply.step }, 'reply sent proactively');
      } catch (err) {
        this.deps.log.warn({ conversation: logTag(conversationId), seq: message.seq, err: errorSummary(err) }, 'proactive reply failed');
        this.park(conversationId, pending.slice(i), 'proactive send failed');
        return;
      }
    }
  }

  /** In order; on a failure the rest is parked for the next message and the turn fails. */
  private async sendAllLive(conversationId: string, live: ReplyChannel, messages: Outbound[]): Promise<void> {
    for (let i = 0; i < messages.length; i++) {
      try {
        await this.sendLive(live, messages[i]!);
      } catch (err) {
        this.park(conversationId, messages.slice(i), 'live send failed');
        throw err;
      }
    }
  }

  private async sendLive(channel: ReplyChannel, message: Outbound): Promise<void> {
    await this.once(message, () => channel.send([renderReply(message, choiceStyleFor(channel.channelId), channel.userId)]));
  }

  /** Sends unless this id is already out (or going out); remembers it only once it is. */
  private async once(message: Outbound, send: () => Promise<void>): Promise<void> {
    if (this.sent.has(message.id) || this.sending.has(message.id)) return;
    this.sending.add(message.id);
    try {
      await send();
      this.remember(message.id);
    } finally {
      this.sending.delete(message.id);
    }
  }

  private remember(id: string): void {
    this.sent.add(id);
  }

  private park(conversationId: string, messages: Outbound[], reason: string): void {
    const dropped = this.deps.memory.park(conversationId, messages);
    const log = { conversation: logTag(conversationId), replies: messages.length, reason };
    if (dropped > 0) this.deps.log.warn({ ...log, dropped }, 'too many parked replies: oldest dropped');
    else this.deps.log.info(log, 'replies parked until the next message');
  }
}
