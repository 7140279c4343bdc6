/**
 * `GET /api/events`: the console's live updates as server-sent events (text/event-stream).
 * Each caller gets only what their role may read: ticket and transcript events with
 * `tickets.list`, the sealed-report alert with `cases.psea`; a role with neither gets a stream
 * that stays quiet. A line's text goes only to the ticket's holder (src/staff/liveEvents.ts);
 * others get `{id, from, at}` and read the ticket if they show it. The stream ends, before it
 * carries anything more, once its session or account no longer allows it: logged out, disabled,
 * roles changed (checked before each event and every few seconds), or expired. A console then
 * reconnects with what its new session allows, if any (issue 10, finding 5).
 *
 * Events: `ticket` `{ref, status}`, `line` `{ref, line}`, `psea` `{event, at}`. No replay: on
 * (re)connecting, a console reloads the queue and the ticket it shows, then applies events.
 */
import type { Request, Response } from 'express';
import type { StaffAccount } from '../../core/staff.ts';
import { can } from '../../staff/policy.ts';
import type { LineView, LiveEvent, LiveEvents } from '../../staff/liveEvents.ts';
import { callerOf } from './session.ts';

/** Comments keep proxies and phones from dropping an idle stream. */
const HEARTBEAT_MS = 25_000;
/** Node's timers hold at most ~24.8 days; a longer session simply reconnects then. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How often an idle stream checks that its session still stands. */
const SESSION_CHECK_MS = 2_000;

export function createEventsHandler(events: LiveEvents, now: () => number, accounts: { get(id: string): Promise<StaffAccount | null> }) {
  return (req: Request, res: Response): void => {
    const { account, claims } = callerOf(req);
    const { roles } = account;
    /** The session and its roles as they were when the stream opened. */
    const stands = async () => {
      const current = await accounts.get(account.id);
      return current !== null && !current.disabled && current.sessionEpoch === claims.epoch && current.roles.join() === roles.join() && claims.exp > now();
    };
    const tickets = can(roles, 'tickets.list');
    const psea = can(roles, 'cases.psea');
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
    res.write('retry: 3000\n\n');
    const send = (event: LiveEvent): string | undefined => {
      const allowed = event.type === 'psea' ? psea : tickets;
      if (!allowed) return undefined;
      const data =
        event.type === 'psea'
          ? event.event
          : event.type === 'ticket'
            ? { ref: event.ref, status: event.status }
            : { ref: event.ref, line: event.holder === account.id ? event.line : withoutText(event.line) };
      // JSON never contains a raw newline, so one `data:` line carries the whole event.
      return `event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
    };
    // Events go out in order, each only after the session is checked again.
    let queue = Promise.resolve();
    const deliver = (event: LiveEvent) => {
      const text = send(event);
      if (text === undefined) return;
      queue = queue.then(async () => {
        if (res.writableEnded) return;
        if (await stands().catch(() => false)) res.write(text);
        else res.end();
      });
    };
    const unsubscribe = events.subscribe(deliver, () => res.end());
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const check = setInterval(() => {
      queue = queue.then(async () => {
        if (!res.writableEnded && !(await stands().catch(() => false))) res.end();
      });
    }, SESSION_CHECK_MS);
    const expiry = setTimeout(() => res.end(), Math.min(MAX_TIMER_MS, Math.max(0, claims.exp - now())));
    const stop = () => {
      unsubscribe();
      clearInterval(heartbeat);
      clearInterval(check);
      clearTimeout(expiry);
    };
    res.on('close', stop);
  };
}

function withoutText({ id, from, at }: LineView): Pick<LineView, 'id' | 'from' | 'at'> {
  return { id, from, at };
}
