import type { Activity, ChannelAccount, ConversationAccount } from 'botframework-schema';

/** `channelId` on every activity we emit; Web Chat stamps its own posts with `webchat` too. */
export const CHANNEL_ID = 'directline';

/** The `Inbound.channel` / `Outbound.channel` name of this adapter. */
export const CHANNEL = 'webchat';

/** The bot's account on the wire. */
export const BOT_ACCOUNT = { id: 'faro', role: 'bot' } as const;

/**
 * An activity as this server sends it (Bot Framework schema, JSON on the wire: so `timestamp`
 * is an ISO-8601 string where the SDK type says `Date`). Sample echo of a person's message:
 *
 *   { "type": "message", "id": "k3J…|u-4f1c…", "timestamp": "2026-11-24T10:00:00.000Z",
 *     "channelId": "directline", "conversation": { "id": "k3J…" },
 *     "from": { "id": "dl_123", "role": "user" }, "text": "hola",
 *     "channelData": { "clientActivityID": "1732…abc" } }
 */
export type DirectLineActivity = Pick<Activity, 'type' | 'channelId'> &
  Partial<Pick<Activity, 'text' | 'locale' | 'replyToId' | 'suggestedActions' | 'name'>> & {
    id: string;
    timestamp: string;
    conversation: Pick<ConversationAccount, 'id'>;
    from: Pick<ChannelAccount, 'id'> & { role: 'user' | 'bot' };
    value?: { action?: string };
    channelData?: Record<string, unknown>;
  };

/** Direct Line's ActivitySet: one WebSocket frame or one GET answer. */
export interface ActivitySet {
  activities: DirectLineActivity[];
  /** Absent on frames that carry activities which are not kept in the log (typing echoes). */
  watermark?: string;
}
