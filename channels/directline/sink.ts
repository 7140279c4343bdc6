import type { Outbound } from '../../src/core/message.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { OutboundSink } from '../../src/runtime/ports.ts';
import { CHANNEL } from './activity.ts';
import type { Conversations } from './conversations.ts';
import { renderOutbound } from './render.ts';

/**
 * Puts bot replies into the conversation's activity log (and so onto its WebSocket).
 * Idempotent by `Outbound.id`. A reply for a conversation this run does not know (the outbox
 * redelivering after a restart) revives it, so the client finds the reply when it reconnects.
 */
export class DirectLineSink implements OutboundSink {
  constructor(
    private readonly conversations: Conversations,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  async deliver(messages: Outbound[]): Promise<void> {
    for (const message of messages) {
      if (message.channel !== CHANNEL) {
        this.log.warn({ outboundId: message.id, channel: message.channel }, "directline sink got another channel's message");
        continue;
      }
      const conversation = this.conversations.ensure(message.conversationId);
      if (conversation.delivered.has(message.id)) continue;
      conversation.delivered.set(message.id, true);
      conversation.log.append(renderOutbound(message, conversation.userId, this.now()));
      this.log.debug({ conversationId: message.conversationId, outboundId: message.id, step: message.reply.step }, 'reply delivered');
    }
  }
}
