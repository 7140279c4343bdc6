/**
 * `GET /api/events`: the console's live updates as server-sent events (text/event-stream).
 * Each caller gets only what their role may read: ticket and transcript events with
 * `tickets.list`, the sealed-report alert with `cases.psea`; a role with neither gets a stream
 * that stays quiet. A line's text goes only to the ticket's holder (src/staff/liveEvents.ts);
 * others get `{id, from, at}` and read the ticket if they show it. Roles are read once, when the stream opens; the stream ends when the
 * session does, so a changed role or a logout takes effect at the next reconnect.
 *
 * Events: `ticket` `{ref, status}`, `line` `{ref, line}`, `psea` `{event, at}`. No replay: on
 * (re)connecting, a console reloads the queue and the ticket it shows, then applies events.
 */
import type { Request, Response } from 'express';
import { can } from '../../staff/policy.ts';
import type { LineView, LiveEvent, LiveEvents } from '../../staff/liveEvents.ts';
import { callerOf } from './session.ts';

/** Comments keep proxies and phones from dropping an idle stream. */
const HEARTBEAT_MS = 25_000;
/** Node's timers hold at most ~24.8 days; a longer session simply reconnects then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function createEventsHandler(events: LiveEvents, now: () => number) {
  return (req: Request, res: Response): void => {
    const { account, claims } = callerOf(req);
    const { roles } = account;
    const tickets = can(roles, 'tickets.list');
    const psea = can(roles, 'cases.psea');
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
    res.write('retry: 3000\n\n');
    const send = (event: LiveEvent) => {
      const allowed = event.type === 'psea' ? psea : tickets;
      if (!allowed) return;
      const data =
        event.type === 'psea'
          ? event.event
          : event.type === 'ticket'
            ? { ref: event.ref, status: event.status }
            : { ref: event.ref, line: event.holder === account.id ? event.line : withoutText(event.line) };
      // JSON never contains a raw newline, so one `data:` line carries the whole event.
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const unsubscribe = events.subscribe(send, () => res.end());
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const expiry = setTimeout(() => res.end(), Math.min(MAX_TIMER_MS, Math.max(0, claims.exp - now())));
    const stop = () => {
      unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(expiry);
    };
    res.on('close', stop);
  };
}

function withoutText({ id, from, at }: LineView): Pick<LineView, 'id' | 'from' | 'at'> {
  return { id, from, at };
}
