import type { ReplyActivity } from './render.ts';

/** Where a live botbuilder turn puts replies: `context.sendActivities` (the serviceUrl, or the
 * HTTP answer's buffer for `expectReplies`). */
export interface ReplyChannel {
  /** The person's channel account id, for `suggestedActions.to`. */
  readonly userId: string | undefined;
  readonly channelId: string | undefined;
  send(activities: ReplyActivity[]): Promise<void>;
}

/**
 * The botbuilder turns now running, by conversation and activity id.
 *
 * Why: the runtime hands a turn's replies to the sink BEFORE `turns.handle()` resolves (commit,
 * then deliver). The sink looks here for the live turn that asked (`Outbound.replyTo` is that
 * activity's id) and sends through its TurnContext, so an `expectReplies` answer holds the
 * replies and a normal one goes out as a reply to that activity. Anything without a live turn
 * takes the proactive path.
 *
 * A redelivered activity can be live twice at once (same ids): the runtime runs the first
 * arrival's turn first (per-conversation queue), so the first registered one is used.
 */
export class LiveTurns {
  private readonly byKey = new Map<string, ReplyChannel[]>();

  /** Registers a turn; call the returned function when it ends. */
  open(conversationId: string, activityId: string, channel: ReplyChannel): () => void {
    const key = keyOf(conversationId, activityId);
    const list = this.byKey.get(key) ?? [];
    list.push(channel);
    this.byKey.set(key, list);
    return () => {
      const current = this.byKey.get(key);
      if (!current) return;
      const rest = current.filter((c) => c !== channel);
      if (rest.length === 0) this.byKey.delete(key);
      else this.byKey.set(key, rest);
    };
  }

  find(conversationId: string, activityId: string): ReplyChannel | undefined {
    return this.byKey.get(keyOf(conversationId, activityId))?.[0];
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** Unambiguous whatever characters the platform's ids contain. */
function keyOf(conversationId: string, activityId: string): string {
  return JSON.stringify([conversationId, activityId]);
}
