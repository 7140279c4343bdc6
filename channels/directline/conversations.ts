import { randomBytes } from 'node:crypto';
import { ActivityLog } from './activityLog.ts';

/** What a post of the person became: its server id and the turn it started. */
export interface Received {
  id: string;
  /** The `Inbound.messageId` its turn runs with; a redelivery reuses it. */
  messageId: string;
  /** Settles when the turn is done; a redelivery waits for it instead of starting another. */
  turn?: Promise<void>;
  /** True once the turn succeeded: a redelivery then only gets the id back. */
  done: boolean;
}

/** One Direct Line conversation as this process knows it (in memory only, see activityLog.ts). */
export interface Conversation {
  readonly id: string;
  readonly log: ActivityLog;
  /** True once `POST /conversations` was called for it in this run. */
  started: boolean;
  /** The person's `from.id`, for `suggestedActions.to`. */
  userId?: string;
  lastActiveAt: number;
  /** Client keys (`id:<client id>`, `cid:<clientActivityID>`) → what we made of that post. */
  readonly received: BoundedMap<string, Received>;
  /** `Outbound.id`s already put in the log. */
  readonly delivered: BoundedMap<string, true>;
}

export interface ConversationsOptions {
  /** Activities kept per conversation. */
  capacity: number;
  /** Conversations untouched for this long are dropped by the sweep. */
  idleMs: number;
  sweepEveryMs: number;
  now: () => number;
}

/** Remembered client keys / delivered ids per conversation; old ones are forgotten first. */
const MEMORY_PER_CONVERSATION = 1000;

export class Conversations {
  /** Names this run; see the watermark notes in activityLog.ts. */
  readonly bootId = randomBytes(4).toString('hex');
  private generation = 0;
  private readonly byId = new Map<string, Conversation>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: ConversationsOptions) {
    this.sweeper = setInterval(() => this.sweep(), options.sweepEveryMs);
    this.sweeper.unref();
  }

  static newId(): string {
    return randomBytes(16).toString('base64url');
  }

  get(id: string): Conversation | undefined {
    const conversation = this.byId.get(id);
    if (conversation) conversation.lastActiveAt = this.options.now();
    return conversation;
  }

  /** The conversation, created empty when this run has not seen it (new, evicted or restarted). */
  ensure(id: string): Conversation {
    const existing = this.get(id);
    if (existing) return existing;
    this.generation += 1;
    const conversation: Conversation = {
      id,
      log: new ActivityLog(`${this.bootId}-${this.generation.toString(36)}`, this.options.capacity),
      started: false,
      lastActiveAt: this.options.now(),
      received: new BoundedMap(MEMORY_PER_CONVERSATION),
      delivered: new BoundedMap(MEMORY_PER_CONVERSATION),
    };
    this.byId.set(id, conversation);
    return conversation;
  }

  get count(): number {
    return this.byId.size;
  }

  /** Drops idle conversations; returns how many. Runs on a timer, callable from tests. */
  sweep(): number {
    const cutoff = this.options.now() - this.options.idleMs;
    let dropped = 0;
    for (const [id, conversation] of this.byId) {
      if (conversation.lastActiveAt < cutoff && conversation.log.listenerCount === 0) {
        this.byId.delete(id);
        dropped += 1;
      }
    }
    return dropped;
  }

  close(): void {
    clearInterval(this.sweeper);
    this.byId.clear();
  }
}

/** A Map that forgets its oldest entries beyond `limit`. */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.limit) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
  }
}
