/**
 * WhatsApp's 24-hour customer-service window, per wa_id: free-form messages (text, buttons,
 * lists) may be sent only within 24 hours of the person's last message; outside it, only an
 * approved template.
 *
 * Kept IN MEMORY, from each inbound message's own `timestamp` (so a message Meta redelivers
 * hours late opens the window from when it was written, not from when it arrived). After a
 * restart the window of everyone is unknown and counts as CLOSED until they write again: the
 * safe side, because a free-form message outside the window is refused by Meta (131047) and
 * counts against the number's quality. Several instances behind one webhook each know only the
 * messages they received; send from the instance that received (the runtime does).
 *
 * Entries are kept in order of last refresh, so expired ones are dropped from the front as new
 * ones come in: memory stays proportional to the people who wrote in the last 24 hours.
 */
export const WINDOW_MS = 24 * 60 * 60 * 1000;

export class CustomerServiceWindow {
  private readonly lastInbound = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /** A message from `waId` written at `writtenAt` (ms). A time in the future counts as now. */
  opened(waId: string, writtenAt: number): void {
    const at = Math.min(writtenAt, this.now());
    const known = this.lastInbound.get(waId);
    if (known !== undefined && known >= at) return;
    this.lastInbound.delete(waId);
    this.lastInbound.set(waId, at);
    this.dropExpired();
  }

  isOpen(waId: string): boolean {
    const at = this.lastInbound.get(waId);
    return at !== undefined && this.now() - at < WINDOW_MS;
  }

  get size(): number {
    return this.lastInbound.size;
  }

  private dropExpired(): void {
    const cutoff = this.now() - WINDOW_MS;
    for (const [waId, at] of this.lastInbound) {
      if (at > cutoff) break;
      this.lastInbound.delete(waId);
    }
  }
}
