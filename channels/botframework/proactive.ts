import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { ReplyActivity } from './render.ts';

/** Sends one reply outside a live turn, as an answer to the activity `replyToId`. */
export type SendProactive = (reference: Partial<ConversationReference>, activity: ReplyActivity, replyToId: string) => Promise<void>;

/**
 * Proactive replies through botbuilder's `continueConversationAsync`, which opens a turn on
 * the stored reference and authenticates to its serviceUrl as the bot (no credentials when
 * no app id is configured). botbuilder would make the reply answer the continuation activity,
 * whose id it invents; we point `replyToId` at the person's message instead, as a live turn
 * does, so the reply lands on `/v3/conversations/{id}/activities/{replyToId}`.
 */
export function proactiveSender(adapter: CloudAdapter, appId: string): SendProactive {
  return (reference, activity, replyToId) =>
    adapter.continueConversationAsync(appId, reference, async (context) => {
      context.onSendActivities(async (_context, activities, next) => {
        // '' = not an answer to a message (an operator's message): post it to the conversation.
        if (replyToId !== '') for (const sent of activities) sent.replyToId = replyToId;
        return next();
      });
      await context.sendActivity(activity);
    });
}
