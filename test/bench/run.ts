/**
 * `npm run bench`: Faro's scripted conversation driven by many simulated people,
 *  1. in-process on the in-memory store,
 *  2. in-process on the embedded store (every turn committed to disk),
 *  3. over HTTP against Direct Line (server in its own process, embedded store),
 * each under load (concurrent people) and for a single person, next to floors measured in the
 * same run: a plain function for in-process, a bare express JSON echo for HTTP.
 * Every reply's dialog step is checked; a mismatch fails the run.
 * Options: --users N (200), --seconds S (8), --turns N (40000), --only inproc|http|understanding|store-engines
 * Before the phases: what understanding one message costs (./understanding.ts).
 * After them (or alone with --only store-engines): the embedded store's conversation commit
 * against embedded lmdb, --users concurrent writers, --seconds each (./storeEngines.ts).
 */
import { loadUnderstanding } from '../../content/understanding/index.ts';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadSeedAnswers } from '../../content/answers/index.ts';
import { buildAnswerIndex } from '../../dialogs/faq/answerIndex.ts';
import { createFaroDialog } from '../../dialogs/faro/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { ticketRef } from '../../src/runtime/refs.ts';
import { TurnRuntime } from '../../src/runtime/turns.ts';
import { createEmbeddedStore } from '../../src/store/embedded/index.ts';
import { createMemoryStore } from '../../src/store/memory/index.ts';
import type { Store } from '../../src/store/ports.ts';
import { settings, translations } from '../support/dialog.ts';
import { SCRIPT } from './script.ts';
import { benchUnderstanding } from './understanding.ts';
import { drive, memory, round, summarise, type Phase } from './stats.ts';
import { helpdesk } from '../../src/helpdesk/index.ts';

const { values: args } = parseArgs({
  options: {
    users: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '8' },
    turns: { type: 'string', default: '40000' },
    only: { type: 'string' },
  },
});
const USERS = Number(args.users);
const SECONDS = Number(args.seconds);
const TURNS = Number(args.turns);
const rows: Record<string, unknown>[] = [];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function report(phase: Phase, extra: Record<string, unknown> = {}) {
  const row = { ...summarise(phase), ...extra };
  rows.push(row);
  console.log(JSON.stringify(row));
}

class Mismatch extends Error {}

/** The floor for in-process: the same script through a switch on a Map, nothing else. */
async function inProcessFloor() {
  const state = new Map<string, number>();
  const handle = async (id: string) => {
    const i = state.get(id) ?? 0;
    state.set(id, i + 1);
    return SCRIPT[i]!.step;
  };
  const walk = async (user: number, record: (us: number) => void) => {
    const id = `floor-${user}`;
    for (const { step } of SCRIPT) {
      const t0 = performance.now();
      if ((await handle(id)) !== step) throw new Mismatch();
      record((performance.now() - t0) * 1000);
    }
  };
  await drive('warm-up', USERS, 5000, 2, walk);
  report(await drive('floor in-process (load)', USERS, TURNS, SECONDS, walk));
  report(await drive('floor in-process (single person)', 1, 3000, 3, walk));
}

async function inProcess(label: string, store: Store) {
  const dialog = createFaroDialog({ translations, answers: buildAnswerIndex(await store.answers.listPublished()), understanding: loadUnderstanding(), settings });
  const runtime = new TurnRuntime({ store, ...helpdesk(store), dialog, log: createLogger('silent'), ticketRef });
  runtime.register('bench', { deliver: async () => {} });
  let messages = 0;
  const walk = async (user: number, record: (us: number) => void) => {
    const conversationId = `${label}-${user}`;
    for (const { text, step } of SCRIPT) {
      const t0 = performance.now();
      const out = await runtime.handle({ channel: 'bench', conversationId, messageId: `m${++messages}`, text });
      record((performance.now() - t0) * 1000);
      const got = out.outbound.at(-1)?.reply.step;
      if (got !== step) throw new Mismatch(`${label}: after "${text}" expected ${step}, got ${got}`);
    }
  };
  await drive('warm-up', USERS, 5000, 2, walk);
  gc();
  const before = memory();
  report(await drive(`faro in-process, ${label} (load)`, USERS, TURNS, SECONDS, walk), { memoryBefore: before, memoryAfter: memory() });
  report(await drive(`faro in-process, ${label} (single person)`, 1, 3000, 3, walk));
  await runtime.close();
}

async function startServer(kind: 'faro' | 'floor'): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/server.ts', kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (line.startsWith('{')) return { url: (JSON.parse(line) as { url: string }).url, child };
  }
  throw new Error(`bench ${kind} server did not start`);
}

function serverRssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/**
 * Over HTTP the load comes from autocannon (one connection per simulated person, keep-alive),
 * the same request sequence against both servers: open a conversation, then the script's
 * messages. For the floor, every request is a POST to the echo route.
 */
function sequence(kind: 'faro' | 'floor'): autocannon.Request[] {
  const json = { 'content-type': 'application/json' };
  if (kind === 'floor')
    return [{}, ...SCRIPT].map((turn) => ({
      method: 'POST',
      path: '/echo',
      headers: { ...json, authorization: `Bearer ${'x'.repeat(120)}` },
      body: JSON.stringify({ type: 'message', from: { id: 'dl_bench' }, text: 'text' in turn ? turn.text : '' }),
    }));
  return [
    {
      method: 'POST',
      path: '/v3/directline/conversations',
      onResponse: (_status, body, context) => Object.assign(context, JSON.parse(body) as { conversationId: string; token: string }),
    },
    ...SCRIPT.map(
      ({ text }): autocannon.Request => ({
        method: 'POST',
        setupRequest: (request, context) => ({
          ...request,
          path: `/v3/directline/conversations/${String((context as { conversationId?: string }).conversationId)}/activities`,
          headers: { ...json, authorization: `Bearer ${String((context as { token?: string }).token)}` },
          body: JSON.stringify({ type: 'message', from: { id: 'dl_bench' }, text }),
        }),
      }),
    ),
  ];
}

async function http(kind: 'faro' | 'floor', people: number) {
  const { url, child } = await startServer(kind);
  try {
    if (kind === 'faro') await checkOneConversation(url);
    const run = async (connections: number, seconds: number) => {
      const result = await autocannon({ url, connections, duration: seconds, requests: sequence(kind) });
      if (result.non2xx > 0 || result.errors > 0) throw new Mismatch(`${kind}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      return result;
    };
    await run(people, 2); // warm-up
    const load = await run(people, SECONDS);
    report(
      { name: `${kind} over HTTP (load, ${people} people)`, turns: load.requests.total, seconds: load.duration, latenciesUs: [] },
      { p50us: load.latency.p50 * 1000, p99us: load.latency.p99 * 1000, serverRssMb: serverRssMb(child) },
    );
    // autocannon reports whole milliseconds: a single person is timed here in microseconds.
    report(await drive(`${kind} over HTTP (single person)`, 1, 2000, 3, singlePerson(url, kind)));
  } finally {
    child.kill('SIGTERM');
  }
}

function singlePerson(url: string, kind: 'faro' | 'floor') {
  return async (_person: number, record: (us: number) => void) => {
    const requests = sequence(kind);
    const context: Record<string, unknown> = {};
    for (const request of requests) {
      const r = typeof request.setupRequest === 'function' ? request.setupRequest({ ...request }, context) : request;
      const t0 = performance.now();
      const res = await fetch(`${url}${r.path ?? ''}`, { method: 'POST', headers: (r.headers ?? {}) as Record<string, string>, ...(r.body !== undefined && { body: String(r.body) }) });
      const body = await res.text();
      record((performance.now() - t0) * 1000);
      if (res.status >= 300) throw new Mismatch(`${kind}: HTTP ${res.status}`);
      if (typeof request.onResponse === 'function') request.onResponse(res.status, body, context, undefined);
    }
  };
}

/** One scripted conversation over HTTP whose replies are checked step by step. */
async function checkOneConversation(url: string) {
  const started = (await (await fetch(`${url}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
  const activities = `${url}/v3/directline/conversations/${started.conversationId}/activities`;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${started.token}` };
  for (const { text, step } of SCRIPT) {
    const { id } = (await (await fetch(activities, { method: 'POST', headers, body: JSON.stringify({ type: 'message', from: { id: 'dl_check' }, text }) })).json()) as { id: string };
    const set = (await (await fetch(activities, { headers })).json()) as { activities: { replyToId?: string; channelData?: { step?: string } }[] };
    const got = set.activities.filter((a) => a.replyToId === id).at(-1)?.channelData?.step;
    if (got !== step) throw new Mismatch(`over HTTP: after "${text}" expected ${step}, got ${got}`);
  }
}

/** The embedded store's durable write against the engines that could replace it (./storeEngines.ts,
 * loaded only here: the other sections do not need lmdb's native module). */
async function storeEngines() {
  const { benchStoreEngines } = await import('./storeEngines.ts');
  console.log(`\nstore engines: one ~2 KB conversation commit per write, ${USERS} concurrent writers, ${SECONDS}s per engine`);
  const engines = await benchStoreEngines({ writers: USERS, seconds: SECONDS, log: (row) => console.log(JSON.stringify(row)) });
  console.log('\n| engine | durable against | writes | writes/s | p50 µs | p99 µs | × embedded writes/s |\n|:--|:--|--:|--:|--:|--:|--:|');
  for (const r of engines) console.log(`| ${r.engine} | ${r.durability} | ${r.writes} | ${r.writesPerSecond} | ${r.p50us} | ${r.p99us} | ${r.vsEmbedded} |`);
}

async function main() {
  console.log(`Faro benchmark: ${SCRIPT.length}-turn script, ${USERS} concurrent people, ≤ ${SECONDS}s or ${TURNS} turns per phase, Node ${process.version}`);
  if (args.only === 'store-engines') return storeEngines();
  const understanding = benchUnderstanding();
  console.log(`understanding one message (dev set at the menu): ${JSON.stringify(understanding)}`);
  if (args.only === 'understanding') return;
  if (args.only !== 'http') {
    await inProcessFloor();
    const memoryStore = createMemoryStore();
    await memoryStore.answers.upsertMany(loadSeedAnswers());
    await inProcess('memory store', memoryStore);
    const dir = mkdtempSync(join(tmpdir(), 'faro-bench-'));
    const embedded = await createEmbeddedStore({ dir });
    await embedded.answers.upsertMany(loadSeedAnswers());
    await inProcess('embedded store', embedded);
    await embedded.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (args.only !== 'inproc') {
    await http('floor', 50);
    await http('faro', 50);
  }
  console.log('\n| phase | turns | turns/s | p50 µs | p99 µs | RSS MB |\n|:--|--:|--:|--:|--:|--:|');
  for (const r of rows) {
    const rss = (r.memoryAfter as { rssMb?: number } | undefined)?.rssMb ?? r.serverRssMb ?? '';
    console.log(`| ${String(r.name)} | ${String(r.turns)} | ${String(r.turnsPerSecond)} | ${String(r.p50us)} | ${String(r.p99us)} | ${String(rss)} |`);
  }
  const httpFloor = rows.find((r) => String(r.name).startsWith('floor over HTTP (load'));
  const httpFaro = rows.find((r) => String(r.name).startsWith('faro over HTTP (load'));
  if (httpFloor && httpFaro) console.log(`\nHTTP: Faro reaches ${Math.round((100 * Number(httpFaro.turnsPerSecond)) / Number(httpFloor.turnsPerSecond))}% of the express echo floor.`);
  if (args.only === undefined) await storeEngines();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
