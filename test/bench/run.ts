/**
 * `npm run bench`: Faro's scripted conversation driven by many simulated people,
 *  1. in-process on the in-memory store,
 *  2. in-process on the embedded store (every turn committed to disk),
 *  3. over HTTP against Direct Line (server in its own process, embedded store),
 * each under load (concurrent people) and for a single person, next to floors measured in the
 * same run: a plain function for in-process, a bare express JSON echo for HTTP.
 * Every reply's dialog step is checked; a mismatch fails the run.
 * Options: --users N (200), --seconds S (8), --turns N (40000), --only inproc|http
 */
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
import { settings } from '../support/dialog.ts';
import { SCRIPT } from './script.ts';
import { drive, memory, round, summarise, type Phase } from './stats.ts';

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
  const dialog = createFaroDialog({ answers: buildAnswerIndex(await store.answers.listPublished()), settings });
  const runtime = new TurnRuntime({ store, dialog, log: createLogger('silent'), ticketRef });
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

async function post(url: string, body: unknown, token?: string): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

async function http(kind: 'faro' | 'floor', users: number) {
  const { url, child } = await startServer(kind);
  try {
    const walk = async (user: number, record: (us: number) => void) => {
      let target = `${url}/echo`;
      let token: string | undefined;
      if (kind === 'faro') {
        const started = (await post(`${url}/v3/directline/conversations`, {})) as { conversationId: string; token: string };
        target = `${url}/v3/directline/conversations/${started.conversationId}/activities`;
        token = started.token;
      }
      for (const { text } of SCRIPT) {
        const t0 = performance.now();
        await post(target, { type: 'message', from: { id: `dl_${user}` }, text }, token);
        record((performance.now() - t0) * 1000);
      }
      if (kind === 'faro') await checkTranscript(target, token!);
    };
    await drive('warm-up', users, 2000, 2, walk);
    report(await drive(`${kind} over HTTP (load, ${users} people)`, users, TURNS, SECONDS, walk), { serverRssMb: serverRssMb(child) });
    report(await drive(`${kind} over HTTP (single person)`, 1, 1500, 3, walk));
  } finally {
    child.kill('SIGTERM');
  }
}

/** Over HTTP the replies go to the conversation's activity log: check the steps there. */
async function checkTranscript(activitiesUrl: string, token: string) {
  const res = await fetch(activitiesUrl, { headers: { authorization: `Bearer ${token}` } });
  const set = (await res.json()) as { activities: { from: { role: string }; channelData?: { step?: string } }[] };
  const steps = set.activities.filter((a) => a.from.role === 'bot').map((a) => a.channelData?.step);
  if (steps.at(-1) !== SCRIPT.at(-1)!.step) throw new Mismatch(`Direct Line transcript ends at ${steps.at(-1)}`);
}

async function main() {
  console.log(`Faro benchmark: ${SCRIPT.length}-turn script, ${USERS} concurrent people, ≤ ${SECONDS}s or ${TURNS} turns per phase, Node ${process.version}`);
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
  console.log('\n| phase | turns | turns/s | p50 µs | p99 µs |\n|:--|--:|--:|--:|--:|');
  for (const r of rows) console.log(`| ${String(r.name)} | ${String(r.turns)} | ${String(r.turnsPerSecond)} | ${String(r.p50us)} | ${String(r.p99us)} |`);
  const httpFloor = rows.find((r) => String(r.name).startsWith('floor over HTTP (load'));
  const httpFaro = rows.find((r) => String(r.name).startsWith('faro over HTTP (load'));
  if (httpFloor && httpFaro) console.log(`\nHTTP: Faro reaches ${Math.round((100 * Number(httpFaro.turnsPerSecond)) / Number(httpFloor.turnsPerSecond))}% of the express echo floor.`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
