/**
 * The per-conversation activity log behind `GET /activities?watermark=` and the WebSocket
 * stream.
 *
 * It lives IN MEMORY on purpose, not in the store:
 * - Before consent nothing a person typed may be persisted, and the echo of their message
 *   is exactly that.
 * - Bot replies are already durable in the runtime's outbox, which delivers them again after a
 *   crash; the log only has to hold them until the client has read them.
 * It is bounded (the last `capacity` activities; older ones drop off the front) and whole
 * conversations are evicted when idle (see conversations.ts).
 *
 * Watermarks are opaque strings `<bootId>.<n>`: `n` is the sequence number of the last
 * activity the client has seen, `bootId` names this process's run (plus a counter, so that a
 * conversation evicted and revived in the same run does not reuse numbers). A watermark from
 * another boot (a client coming back after a restart), an empty one or garbage means "I have
 * nothing of this log": the client simply gets everything the new log has. A client never loses
 * messages it has not seen; it may see an activity again, and Direct Line clients drop
 * duplicates by activity `id` (ours are stable for bot replies and redelivered posts).
 */
import type { ActivitySet, DirectLineActivity } from './activity.ts';

export type ActivityListener = (set: ActivitySet) => void;

interface Entry {
  seq: number;
  activity: DirectLineActivity;
}

export class ActivityLog {
  private readonly entries: Entry[] = [];
  private lastSeq = 0;
  private readonly listeners = new Set<ActivityListener>();

  constructor(
    private readonly bootId: string,
    private readonly capacity: number,
  ) {}

  /** The watermark that covers everything appended so far. */
  get watermark(): string {
    return `${this.bootId}.${this.lastSeq}`;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Live listeners (open WebSockets): a watched conversation is never idle. */
  get listenerCount(): number {
    return this.listeners.size;
  }

  append(activity: DirectLineActivity): void {
    this.lastSeq += 1;
    this.entries.push({ seq: this.lastSeq, activity });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    this.emit({ activities: [activity], watermark: this.watermark });
  }

  /** Sent to live listeners only, never kept and never moving the watermark (typing, events). */
  publishEphemeral(activity: DirectLineActivity): void {
    this.emit({ activities: [activity] });
  }

  /** Everything after `watermark`; see the file comment for what an unknown watermark means. */
  since(watermark: string | undefined): ActivitySet {
    const seen = this.seqOf(watermark) ?? 0;
    const activities = this.entries.filter((e) => e.seq > seen).map((e) => e.activity);
    return { activities, watermark: this.watermark };
  }

  /** The sequence number a watermark stands for, or undefined when it is not one of ours. */
  private seqOf(watermark: string | undefined): number | undefined {
    if (!watermark) return undefined;
    const dot = watermark.lastIndexOf('.');
    if (dot < 0 || watermark.slice(0, dot) !== this.bootId) return undefined;
    const digits = watermark.slice(dot + 1);
    if (!/^\d{1,15}$/.test(digits)) return undefined;
    return Number(digits);
  }

  subscribe(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(set: ActivitySet): void {
    for (const listener of this.listeners) listener(set);
  }
}
