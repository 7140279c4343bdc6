/**
 * `GET /api/events` as an EventSource (same origin: the session cookie authenticates it).
 * The server has no replay, so every (re)open is reported: the app then reloads the queue and
 * the ticket it shows before applying further events. When the browser gives up (the stream
 * answered an error, e.g. the session ended) the app is told, to check the session and retry.
 */
import type { Line, LineNotice, TicketStatus } from './types.ts';

export interface LiveHandlers {
  opened(): void;
  lost(): void;
  /** The browser stopped retrying by itself. */
  failed(): void;
  ticket(event: { ref: string; status: TicketStatus }): void;
  line(event: { ref: string; line: Line | LineNotice }): void;
  psea(event: { event: string; at: string }): void;
}

export class LiveStream {
  private source: EventSource | undefined;

  constructor(private readonly handlers: LiveHandlers) {}

  open(): void {
    this.close();
    const source = new EventSource('/api/events');
    this.source = source;
    source.addEventListener('open', () => this.handlers.opened());
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        this.close();
        this.handlers.failed();
      } else {
        this.handlers.lost();
      }
    });
    this.on(source, 'ticket', (data) => this.handlers.ticket(data as { ref: string; status: TicketStatus }));
    this.on(source, 'line', (data) => this.handlers.line(data as { ref: string; line: Line | LineNotice }));
    this.on(source, 'psea', (data) => this.handlers.psea(data as { event: string; at: string }));
  }

  close(): void {
    this.source?.close();
    this.source = undefined;
  }

  private on(source: EventSource, type: string, handle: (data: unknown) => void): void {
    source.addEventListener(type, (event) => {
      let data: unknown;
      try {
        data = JSON.parse((event as MessageEvent<string>).data);
      } catch {
        return;
      }
      if (typeof data === 'object' && data !== null) handle(data);
    });
  }
}
