/**
 * A small Direct Line 3.0 client for the widget (DirectLineJS and its rxjs would be ten times
 * the size of the whole widget).
 *
 * - Start: `POST /conversations` → token + streamUrl (no body, no headers: a "simple" request,
 *   so a cheap phone saves the CORS preflight round trip).
 * - Receive: the WebSocket stream of `{activities, watermark}` frames; the last watermark is
 *   remembered. When the socket drops (network change, server restart, phone asleep) it waits
 *   1, 2, 4… up to 30 s (with jitter, so a restarted server is not hit by everyone at once),
 *   then `GET /conversations/:id?watermark=` gives a new streamUrl that replays what was missed.
 *   Coming back online or to the foreground retries at once. No frame for 75 s (the server sends
 *   keep-alives every 30 s) counts as a drop: a dead mobile connection often never says "closed".
 * - Resume after a reload: `GET /activities` (the whole transcript the server still holds),
 *   then the stream from its watermark.
 * - The token is refreshed (`POST /tokens/refresh`) five minutes before it expires.
 * - A socket closed with reason `collision` means the same conversation opened in another tab
 *   (a duplicated tab copies sessionStorage): reconnecting would steal it back and forth, so it
 *   stops and lets the person choose.
 */
import { parseActivitySet, type Activity, type ActivitySet } from './activity.ts';
import type { Session } from './session.ts';

export type Status = 'connecting' | 'online' | 'reconnecting' | 'conflict' | 'expired';

export interface ConnectionHooks {
  activities(activities: Activity[]): void;
  status(status: Status): void;
  /** The session changed (new token, new watermark): persist it. */
  session(session: Session): void;
}

/** A 4xx/5xx from the server; anything else (offline, DNS, CORS) is a TypeError from fetch. */
export class DirectLineError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`Direct Line answered ${status} ${code}`);
  }
}

const SILENCE_MS = 75_000;
const MAX_BACKOFF_MS = 30_000;
const REFRESH_MARGIN_MS = 5 * 60_000;

interface Grant {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl?: string;
}

export class Connection {
  private current: Session | undefined;
  private ws: WebSocket | undefined;
  private attempt = 0;
  private retryTimer: number | undefined;
  private refreshTimer: number | undefined;
  private watchdog: number | undefined;
  private lastFrameAt = 0;
  private closed = false;
  /** A reconnect is under way (a second one would open a second socket). */
  private reconnecting = false;
  /** After a reload the transcript must be read before streaming. */
  private needsHistory = false;
  private state: Status = 'connecting';

  constructor(
    private readonly domain: string,
    private readonly hooks: ConnectionHooks,
  ) {
    addEventListener('online', this.wake);
    document.addEventListener('visibilitychange', this.wake);
  }

  async start(userId: string): Promise<void> {
    this.setStatus('connecting');
    const grant = asGrant(await this.request('POST', '/conversations'));
    this.grant(grant, userId);
    if (grant.streamUrl) this.openStream(grant.streamUrl);
  }

  /** After a reload: reads the transcript again, then streams. Failures are retried. */
  resume(session: Session): void {
    this.current = session;
    this.needsHistory = true;
    this.setStatus('connecting');
    this.scheduleRefresh();
    this.reconnectNow();
  }

  /** Posts one activity; resolves with its server id. */
  async post(activity: Record<string, unknown>): Promise<string> {
    const session = this.required();
    const answer = await this.request('POST', `/conversations/${enc(session.conversationId)}/activities`, {
      ...activity,
      from: { id: session.userId },
    });
    return typeof answer === 'object' && answer !== null && typeof (answer as { id?: unknown }).id === 'string' ? (answer as { id: string }).id : '';
  }

  /** Reconnects now (the person pressed "Reconnect", or the network came back). */
  retryNow(): void {
    if (this.state === 'expired') return;
    this.reconnectNow();
  }

  /** Stops everything: socket, timers, listeners. */
  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.refreshTimer);
    clearInterval(this.watchdog);
    removeEventListener('online', this.wake);
    document.removeEventListener('visibilitychange', this.wake);
    const ws = this.ws;
    this.ws = undefined;
    ws?.close(1000);
  }

  /** Back online or in the foreground: a socket that went quiet meanwhile is replaced now. */
  private readonly wake = (): void => {
    if (document.visibilityState === 'hidden') return;
    if (this.ws) this.checkSilence(this.ws);
    if (this.state === 'reconnecting') this.retryNow();
  };

  private reconnectNow(): void {
    if (this.closed || !this.current || this.ws || this.reconnecting) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.reconnecting = true;
    this.reconnect()
      .catch((err: unknown) => this.failed(err))
      .finally(() => {
        this.reconnecting = false;
      });
  }

  private async reconnect(): Promise<void> {
    const session = this.required();
    if (this.needsHistory) {
      const set = parseActivitySet(await this.request('GET', `/conversations/${enc(session.conversationId)}/activities`));
      if (set) this.receive(set);
      this.needsHistory = false;
    }
    // No watermark yet (the socket dropped before its first frame): replay everything, the
    // widget drops what it already shows by id.
    const watermark = enc(session.watermark ?? '');
    const grant = asGrant(await this.request('GET', `/conversations/${enc(session.conversationId)}?watermark=${watermark}`));
    if (this.closed) return;
    this.grant(grant, session.userId);
    if (!grant.streamUrl) throw new DirectLineError(502, 'NoStreamUrl');
    this.openStream(grant.streamUrl);
  }

  private openStream(url: string): void {
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.lastFrameAt = Date.now();
      this.setStatus('online');
      clearInterval(this.watchdog);
      this.watchdog = window.setInterval(() => this.checkSilence(ws), 15_000);
    };
    ws.onmessage = (event: MessageEvent) => {
      this.lastFrameAt = Date.now();
      if (typeof event.data !== 'string' || event.data === '') return;
      let set: ActivitySet | undefined;
      try {
        set = parseActivitySet(JSON.parse(event.data));
      } catch {
        set = undefined;
      }
      if (set) this.receive(set);
    };
    ws.onclose = (event: CloseEvent) => this.dropped(ws, event.reason);
  }

  private checkSilence(ws: WebSocket): void {
    if (this.ws === ws && ws.readyState === WebSocket.OPEN && Date.now() - this.lastFrameAt > SILENCE_MS) {
      ws.close();
      this.dropped(ws, 'silent');
    }
  }

  private dropped(ws: WebSocket, reason: string): void {
    if (this.ws !== ws) return;
    this.ws = undefined;
    clearInterval(this.watchdog);
    if (this.closed) return;
    if (reason === 'collision') this.setStatus('conflict');
    else this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.setStatus('reconnecting');
    const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.attempt);
    this.attempt += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => this.retryNow(), ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  private failed(err: unknown): void {
    if (this.closed) return;
    // 401/403: the token expired (or the key changed); 404: the server forgot the conversation.
    if (err instanceof DirectLineError && err.status >= 400 && err.status < 500 && err.status !== 429) {
      this.setStatus('expired');
      return;
    }
    this.scheduleRetry();
  }

  private receive(set: ActivitySet): void {
    if (set.watermark !== undefined && this.current) {
      this.current.watermark = set.watermark;
      this.hooks.session(this.current);
    }
    if (set.activities.length > 0) this.hooks.activities(set.activities);
  }

  private grant(grant: Grant, userId: string): void {
    const previous = this.current;
    this.current = {
      conversationId: grant.conversationId,
      token: grant.token,
      expiresAt: Date.now() + grant.expires_in * 1000,
      userId,
    };
    if (previous?.conversationId === grant.conversationId && previous.watermark !== undefined) this.current.watermark = previous.watermark;
    this.hooks.session(this.current);
    this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    const session = this.current;
    if (!session) return;
    const left = session.expiresAt - Date.now();
    const wait = left > 2 * REFRESH_MARGIN_MS ? left - REFRESH_MARGIN_MS : left / 2;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = window.setTimeout(() => void this.refresh(), Math.max(1000, wait));
  }

  private async refresh(): Promise<void> {
    const session = this.current;
    if (this.closed || !session) return;
    try {
      this.grant(asGrant(await this.request('POST', '/tokens/refresh')), session.userId);
    } catch (err) {
      if (err instanceof DirectLineError && (err.status === 401 || err.status === 403)) return this.setStatus('expired');
      // Offline for now: try again soon, while the token is still good.
      clearTimeout(this.refreshTimer);
      if (session.expiresAt > Date.now()) this.refreshTimer = window.setTimeout(() => void this.refresh(), 30_000);
    }
  }

  private setStatus(status: Status): void {
    if (this.state === status) return;
    this.state = status;
    this.hooks.status(status);
  }

  private required(): Session {
    if (!this.current) throw new DirectLineError(409, 'NotStarted');
    return this.current;
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (this.current && path !== '/conversations') headers.authorization = `Bearer ${this.current.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = { method, headers, cache: 'no-store', credentials: 'omit' };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetch(`${this.domain}${path}`, init);
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!res.ok) throw new DirectLineError(res.status, errorCode(json));
    return json;
  }
}

const enc = encodeURIComponent;

function asGrant(value: unknown): Grant {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof v.conversationId !== 'string' || typeof v.token !== 'string') throw new DirectLineError(502, 'BadGrant');
  const grant: Grant = {
    conversationId: v.conversationId,
    token: v.token,
    expires_in: typeof v.expires_in === 'number' && v.expires_in > 0 ? v.expires_in : 1800,
  };
  if (typeof v.streamUrl === 'string') grant.streamUrl = v.streamUrl;
  return grant;
}

function errorCode(json: unknown): string {
  const error = typeof json === 'object' && json !== null ? (json as { error?: { code?: unknown } }).error : undefined;
  return typeof error?.code === 'string' ? error.code : 'Error';
}
