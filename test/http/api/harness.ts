/** The real app with the staff API on a free port, a memory store, cheap scrypt and a fake
 * clock; behind it the real turn runtime and Faro dialog, with a recording channel `test`
 * standing in for the person's platform (`chat` talks as a person, `delivered` is what they got). */
import { expect } from 'chai';
import type { ApiOptions } from '../../../src/http/api/index.ts';
import { createFaro } from '../../../bots/faro/faro.ts';
import type { Channel } from '../../../channels/channel.ts';
import type { RunningServer } from '../../../src/http/server.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { createStaffService } from '../../../src/staff/accounts.ts';
import { createMemoryStore } from '../../../src/store/memory/index.ts';
import type { StaffRole } from '../../../src/core/staff.ts';
import type { Store } from '../../../src/store/ports.ts';
import type { Outbound } from '../../../src/core/message.ts';
import { createPersonLink, type PersonLink } from '../../../src/helpdesk/personLink.ts';
import { ticketRef } from '../../../src/runtime/refs.ts';
import { TurnRuntime } from '../../../src/runtime/turns.ts';
import { faroDialog } from '../../support/dialog.ts';
import type { Dialog } from '../../../src/core/dialog.ts';
import type { LiveEvents } from '../../../src/staff/liveEvents.ts';
import { helpdesk } from '../../../src/helpdesk/index.ts';

/** A PersonLink over a real runtime on `store`, for routers built outside startApi. */
export function personLinkFor(store: Store): PersonLink {
  return createPersonLink(new TurnRuntime({ store, ...helpdesk(store), dialog: faroDialog(), log: createLogger('silent'), ticketRef }));
}

export const PASSWORD = 'correct horse battery';
export const KDF = { N: 2 ** 4, r: 8, p: 1 };

export interface ApiHarness {
  url: string;
  store: Store;
  clock: { now: number };
  runtime: TurnRuntime;
  events: LiveEvents;
  /** Messages the `test` channel delivered, per conversation id, in order. */
  delivered: Map<string, Outbound[]>;
  /** One message from a person on the `test` channel; resolves after the turn. */
  chat(conversationId: string, text: string): Promise<Outbound[]>;
  /** Creates an account directly in the store (no audit noise) and returns its id. */
  addStaff(email: string, roles: StaffRole[]): Promise<string>;
  login(email: string, password?: string): Promise<string>;
  call(method: string, path: string, init?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<Answer>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // Parsed JSON bodies are inspected field by field in tests.
  json: Record<string, any>;
}

export async function startApi(options: Partial<Omit<ApiOptions, 'store' | 'log' | 'events' | 'person'>> & { dialog?: Dialog } = {}): Promise<ApiHarness> {
  const log = createLogger('silent');
  const store = createMemoryStore();
  const clock = { now: Date.UTC(2026, 0, 10, 12) };
  const now = () => clock.now;
  const delivered = new Map<string, Outbound[]>();
  const recording: Channel = {
    name: 'test',
    sink: {
      async deliver(messages) {
        for (const m of messages) {
          const list = delivered.get(m.conversationId) ?? [];
          if (!list.some((seen) => seen.id === m.id)) list.push(m);
          delivered.set(m.conversationId, list);
        }
      },
    },
  };
  const { dialog = faroDialog(), ...api } = options;
  // Wired by bots/faro/faro.ts, as in production: turns feed the live events, a filed report alerts psea_focal.
  const faro = await createFaro({ store, dialog, log, tokenKey: Buffer.alloc(32, 1), now, api: { kdfCost: KDF, checkAnswers: true, ...api }, channels: () => [recording] });
  const { runtime, events } = faro;
  let messageId = 0;
  const server: RunningServer = await faro.listen(0, '127.0.0.1');
  const staff = createStaffService(store, { kdfCost: KDF, now });

  async function call(method: string, path: string, init: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined = init.raw;
    if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${server.url}${path}`, { method, headers, body });
    const text = await res.text();
    // Never HTML, never a stack, never a 5xx.
    expect(res.status, `${method} ${path}: ${text}`).to.be.below(500);
    expect(text).not.to.match(/<html|<!doctype|<script|\n\s+at |node_modules|\.ts:\d+/i);
    if (res.status !== 204) expect(res.headers.get('content-type') ?? '').to.match(/^application\/json/);
    return { status: res.status, headers: res.headers, text, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
  }

  return {
    url: server.url,
    store,
    clock,
    runtime,
    events,
    delivered,
    async chat(conversationId, text) {
      const outcome = await runtime.handle({ channel: 'test', conversationId, messageId: `m${++messageId}`, text });
      return outcome.outbound;
    },
    async addStaff(email, roles) {
      return (await staff.create({ email, password: PASSWORD, roles }, 'system')).id;
    },
    async login(email, password = PASSWORD) {
      const r = await call('POST', '/api/auth/login', { body: { email, password } });
      expect(r.status, r.text).to.equal(200);
      return r.json.token as string;
    },
    call,
    close: () => faro.stop(),
  };
}

/** JSON, and whatever people or staff wrote comes back escaped: never as markup. */
export function expectSafe(r: Answer, what = ''): void {
  expect(r.headers.get('content-type'), what).to.match(/^application\/json/);
  expect(r.text, what).not.to.match(/<script|<img|<b>/i);
}
