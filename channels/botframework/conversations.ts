import type { ConversationReference } from 'botbuilder';
import type { Outbound } from '../../src/core/message.ts';

/**
 * What this process knows about each Bot Framework conversation, for replies that arrive
 * OUTSIDE a live turn (the runtime's crash recovery, later operator messages):
 * - its ConversationReference (serviceUrl, conversation, bot and user accounts) from the last
 *   normal-mode message, so such a reply can be sent with `continueConversationAsync`;
 * - replies that could not be sent yet ("parked"): no reference known (after a restart, or an
 *   `expectReplies` conversation, whose caller only reads HTTP answers), or the send failed.
 *   The next message of the conversation carries them out first, in order.
 *
 * It lives IN MEMORY on purpose: a reference names the person's channel account, and before
 * consent nothing personal may be stored. Bounded: at most `capacity` conversations (the least
 * recently seen are forgotten first), `parkedPerConversation` replies each (the oldest are
 * dropped), and a conversation not seen for `idleMs` is forgotten when next touched.
 */
export interface ConversationMemoryOptions {
  capacity: number;
  parkedPerConversation: number;
  idleMs: number;
  now: () => number;
}

interface Known {
  reference?: Partial<ConversationReference>;
  parked: Outbound[];
  seenAt: number;
}

export class ConversationMemory {
  private readonly byId = new Map<string, Known>();

  constructor(private readonly options: ConversationMemoryOptions) {}

  /** A message arrived: keep its reference, or forget the old one (`undefined`: expectReplies). */
  remember(conversationId: string, reference: Partial<ConversationReference> | undefined): void {
    const known = this.touch(conversationId);
    if (reference === undefined) delete known.reference;
    else known.reference = reference;
  }

  reference(conversationId: string): Partial<ConversationReference> | undefined {
    return this.live(conversationId)?.reference;
  }

  hasParked(conversationId: string): boolean {
    return (this.live(conversationId)?.parked.length ?? 0) > 0;
  }

  /** Keeps replies for the conversation's next message; returns how many were dropped to stay bounded. */
  park(conversationId: string, messages: Outbound[]): number {
    const known = this.touch(conversationId);
    known.parked.push(...messages);
    const excess = known.parked.length - this.options.parkedPerConversation;
    if (excess <= 0) return 0;
    known.parked.splice(0, excess);
    return excess;
  }

  /** Parked replies, oldest first, removed from memory (so concurrent turns never send one twice). */
  takeParked(conversationId: string): Outbound[] {
    const known = this.live(conversationId);
    if (!known) return [];
    return known.parked.splice(0);
  }

  /** Puts replies that failed to go out back in front of anything parked since. */
  unpark(conversationId: string, messages: Outbound[]): void {
    if (messages.length === 0) return;
    const known = this.touch(conversationId);
    known.parked.unshift(...messages);
    known.parked.splice(0, Math.max(0, known.parked.length - this.options.parkedPerConversation));
  }

  get size(): number {
    return this.byId.size;
  }

  clear(): void {
    this.byId.clear();
  }

  /** The entry, unless it was forgotten for being idle. Does not count as activity. */
  private live(conversationId: string): Known | undefined {
    const known = this.byId.get(conversationId);
    if (known && known.seenAt < this.options.now() - this.options.idleMs) {
      this.byId.delete(conversationId);
      return undefined;
    }
    return known;
  }

  /** The entry (new if needed), marked as the most recently seen; evicts beyond capacity. */
  private touch(conversationId: string): Known {
    const known = this.live(conversationId) ?? { parked: [], seenAt: 0 };
    known.seenAt = this.options.now();
    this.byId.delete(conversationId);
    this.byId.set(conversationId, known);
    while (this.byId.size > this.options.capacity) {
      const oldest = this.byId.keys().next();
      if (oldest.done) break;
      this.byId.delete(oldest.value);
    }
    return known;
  }
}
