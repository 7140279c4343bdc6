import { createHash } from 'node:crypto';
import type { CardAction } from 'botframework-schema';
import type { Outbound } from '../../src/core/message.ts';
import { BOT_ACCOUNT, CHANNEL_ID, type DirectLineActivity } from './activity.ts';

/**
 * Outbound → Direct Line `message` activity. Choices become `messageBack` suggested actions:
 * Web Chat shows each as a button and, on a click, posts `value: {action}` with
 * `channelData.messageBack.displayText` (the title shows as the person's bubble, no typed
 * text is sent). Sample:
 *
 *   { "type": "message", "id": "k3J…|b-9a0e…", "from": { "id": "faro", "role": "bot" },
 *     "text": "¿Sobre qué tema?", "replyToId": "k3J…|u-4f1c…",
 *     "suggestedActions": { "to": ["dl_123"], "actions": [
 *       { "type": "messageBack", "title": "Salud", "displayText": "Salud", "value": { "action": "topic:health" } } ] },
 *     "channelData": { "step": "menu" } }
 *
 * The person's channelData is never copied here: Web Chat would take the reply for the echo of
 * their own message and hide it.
 */
export function renderOutbound(outbound: Outbound, userId: string | undefined, now: number): DirectLineActivity {
  const { reply } = outbound;
  const activity: DirectLineActivity = {
    type: 'message',
    id: botActivityId(outbound.conversationId, outbound.id),
    timestamp: new Date(now).toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: outbound.conversationId },
    from: { ...BOT_ACCOUNT },
    text: reply.text,
    // Not an answer (an operator's message): no replyToId, or Web Chat waits for a message it never saw.
    ...(outbound.replyTo !== '' && { replyToId: userActivityId(outbound.conversationId, outbound.replyTo) }),
    channelData: {
      step: reply.step,
      ...(reply.topic !== undefined ? { topic: reply.topic } : {}),
      ...(reply.answerId !== undefined ? { answerId: reply.answerId } : {}),
    },
  };
  if (reply.choices.length > 0) {
    activity.suggestedActions = {
      to: userId !== undefined ? [userId] : [],
      actions: reply.choices.map(
        (choice): CardAction => ({
          type: 'messageBack',
          title: choice.title,
          displayText: choice.title,
          value: { action: choice.action },
        }),
      ),
    };
  }
  return activity;
}

/**
 * Activity ids are derived, not counted, so they stay the same across a restart: the echo of
 * a redelivered post and a bot reply the outbox delivers again carry the id the client has
 * already seen, and a reply's `replyToId` always names the echo it answers.
 */
export function userActivityId(conversationId: string, messageId: string): string {
  return `${conversationId}|u-${shortHash(messageId)}`;
}

export function botActivityId(conversationId: string, outboundId: string): string {
  return `${conversationId}|b-${shortHash(outboundId)}`;
}

function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 16);
}
