import { TurnContext } from 'botbuilder';
import type { Inbound } from '../../src/core/message.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { TurnHandler } from '../../src/runtime/ports.ts';
import type { ConversationMemory } from './conversations.ts';
import type { LiveTurns, ReplyChannel } from './liveTurns.ts';
import { logTag } from './logging.ts';
import type { IncomingActivity } from './schema.ts';
import { CHANNEL, type BotFrameworkSink } from './sink.ts';

export interface TurnDeps {
  turns: TurnHandler;
  sink: BotFrameworkSink;
  live: LiveTurns;
  memory: ConversationMemory;
  log: Logger;
  now: () => number;
}

/**
 * What Faro does inside one botbuilder turn (the `logic` of `adapter.process`).
 *
 * Only `message` activities make dialog turns. Others (conversationUpdate when the bot or a
 * person joins, typing, events, installationUpdate…) are acknowledged and ignored: no
 * greeting is sent on conversationUpdate, because channels send it at different moments (Web
 * Chat on connect, Teams on install, group chats for every member) and the dialog already
 * opens with its greeting and language question on the person's first message, whatever it
 * says. `invoke` activities get botbuilder's 501, since Faro sends nothing that invokes.
 *
 * For a message: remember how to reach the conversation later, register this turn as live
 * (the sink sends this turn's replies through it, see liveTurns.ts), first carry out replies
 * parked for this conversation, then run the Faro turn. `turns.handle()` resolves after the
 * replies went out, so when this function returns an `expectReplies` answer holds them all.
 */
export async function runTurn(deps: TurnDeps, context: TurnContext, incoming: IncomingActivity): Promise<void> {
  const conversation = logTag(incoming.conversationId);
  if (incoming.type !== 'message' || incoming.id === undefined) {
    deps.log.debug({ conversation, type: incoming.type }, 'activity acknowledged, no turn');
    return;
  }
  const activityId = incoming.id;
  // An expectReplies caller only reads HTTP answers: replies outside its turns wait for its
  // next request instead of going to a serviceUrl it may not serve.
  deps.memory.remember(incoming.conversationId, incoming.expectsReplies ? undefined : TurnContext.getConversationReference(context.activity));

  const channel: ReplyChannel = {
    userId: context.activity.from?.id,
    channelId: context.activity.channelId,
    send: async (activities) => {
      await context.sendActivities(activities);
    },
  };
  const close = deps.live.open(incoming.conversationId, activityId, channel);
  const started = deps.now();
  try {
    await deps.sink.flushParked(incoming.conversationId, channel);
    const outcome = await deps.turns.handle(toInbound(incoming, activityId));
    deps.log.info(
      { conversation, activity: logTag(activityId), replies: outcome.outbound.length, duplicate: outcome.duplicate, expectReplies: incoming.expectsReplies, ms: deps.now() - started },
      'turn done',
    );
  } finally {
    close();
  }
}

function toInbound(incoming: IncomingActivity, messageId: string): Inbound {
  const inbound: Inbound = { channel: CHANNEL, conversationId: incoming.conversationId, messageId };
  if (incoming.text !== undefined) inbound.text = incoming.text;
  if (incoming.action !== undefined) inbound.action = incoming.action;
  if (incoming.locale !== undefined) inbound.locale = incoming.locale;
  return inbound;
}
