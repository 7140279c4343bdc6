import { randomUUID } from 'node:crypto';
import type { Inbound } from '../../src/core/message.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { TurnHandler } from '../../src/runtime/ports.ts';
import { HttpError } from '../kit/http.ts';
import { CHANNEL, CHANNEL_ID, type DirectLineActivity } from './activity.ts';
import type { Conversation, Received } from './conversations.ts';
import { userActivityId } from './render.ts';
import type { PostedActivity } from './schema.ts';

export interface ReceiveDeps {
  turns: TurnHandler;
  log: Logger;
  now: () => number;
}

/**
 * One posted activity: echo it, run its turn, answer with its id.
 *
 * - The person's message goes into the log (and so the stream) FIRST, with a server `id`,
 *   `timestamp`, `from.role: 'user'` and their channelData untouched: Web Chat shows a message
 *   as sent only once this echo arrives. The bot's replies follow through the sink.
 * - A redelivery (same client `id` or `channelData.clientActivityID`) gets the same `{id}`
 *   and no second echo; if its first turn is still running it waits for it, if that turn
 *   failed it runs it again. The runtime dedupes durably by `messageId` on top of this.
 * - Only `message` activities make turns. Others (typing, events) are echoed to the live
 *   stream only, never kept, and otherwise ignored.
 */
export async function receiveActivity(deps: ReceiveDeps, conversation: Conversation, posted: PostedActivity, tokenUserId: string | undefined): Promise<string> {
  // A token generated for a user pins `from.id`, as the Direct Line service does.
  const fromId = tokenUserId ?? posted.fromId;

  if (posted.type !== 'message') {
    const id = `${conversation.id}|e-${randomUUID()}`;
    conversation.log.publishEphemeral(echoOf(deps, conversation, posted, id, fromId));
    return id;
  }

  const keys = clientKeys(posted);
  const known = keys.map((k) => conversation.received.get(k)).find((r) => r !== undefined);
  if (known) {
    deps.log.info({ conversationId: conversation.id, activityId: known.id }, 'redelivered activity');
    if (!known.done) {
      await (known.turn ?? startTurn(deps, conversation, known, { ...inboundBase(conversation, posted), messageId: known.messageId }));
    }
    return known.id;
  }

  const messageId = posted.clientActivityId ?? posted.clientId ?? randomUUID();
  const received: Received = { id: userActivityId(conversation.id, messageId), messageId, done: false };
  for (const key of keys) conversation.received.set(key, received);
  conversation.userId = fromId;
  conversation.log.append(echoOf(deps, conversation, posted, received.id, fromId));
  deps.log.info({ conversationId: conversation.id, activityId: received.id }, 'activity received');

  await startTurn(deps, conversation, received, { ...inboundBase(conversation, posted), messageId });
  return received.id;
}

function startTurn(deps: ReceiveDeps, conversation: Conversation, received: Received, inbound: Inbound): Promise<void> {
  const started = deps.now();
  const turn = deps.turns
    .handle(inbound)
    .then(
      (outcome) => {
        received.done = true;
        deps.log.info({ conversationId: conversation.id, activityId: received.id, replies: outcome.outbound.length, duplicate: outcome.duplicate, ms: deps.now() - started }, 'turn done');
      },
      (err: unknown) => {
        deps.log.error({ conversationId: conversation.id, activityId: received.id, err }, 'turn failed');
        throw new HttpError(502, 'BotRejectedActivity', 'The bot could not handle this activity; send it again.');
      },
    )
    .finally(() => {
      received.turn = undefined;
    });
  received.turn = turn;
  return turn;
}

function clientKeys(posted: PostedActivity): string[] {
  const keys: string[] = [];
  if (posted.clientActivityId !== undefined) keys.push(`cid:${posted.clientActivityId}`);
  if (posted.clientId !== undefined) keys.push(`id:${posted.clientId}`);
  return keys;
}

function inboundBase(conversation: Conversation, posted: PostedActivity): Omit<Inbound, 'messageId'> {
  const inbound: Omit<Inbound, 'messageId'> = { channel: CHANNEL, conversationId: conversation.id };
  if (posted.text !== undefined) inbound.text = posted.text;
  if (posted.action !== undefined) inbound.action = posted.action;
  if (posted.locale !== undefined) inbound.locale = posted.locale;
  return inbound;
}

function echoOf(deps: ReceiveDeps, conversation: Conversation, posted: PostedActivity, id: string, fromId: string): DirectLineActivity {
  const echo: DirectLineActivity = {
    type: posted.type,
    id,
    timestamp: new Date(deps.now()).toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: conversation.id },
    from: { id: fromId, role: 'user' },
  };
  if (posted.text !== undefined) echo.text = posted.text;
  if (posted.action !== undefined) echo.value = { action: posted.action };
  if (posted.locale !== undefined) echo.locale = posted.locale;
  if (posted.replyToId !== undefined) echo.replyToId = posted.replyToId;
  if (posted.name !== undefined) echo.name = posted.name;
  if (posted.channelData !== undefined) echo.channelData = posted.channelData;
  return echo;
}
