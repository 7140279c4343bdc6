/**
 * `npm run bench -- --only store-engines`: the write the embedded store makes for every accepted
 * message (one conversation commit: a ~2 KB JSON record keyed by conversation, compare-and-set on
 * `rev`, awaited until the engine says it is kept), from many concurrent writers, against
 *  - the embedded store itself (nedb + our group-commit patch), through its public API;
 *  - lmdb (its binary ships in the npm package @lmdb/lmdb-linux-x64), which batches the writes
 *    of one event turn into one transaction natively;
 * (SQLite through better-sqlite3 was measured once and dropped: its binary is downloaded from
 * GitHub, so here it builds from source at every `npm ci`, ~40 s; see README, Benchmark.)
 * Each engine is put in one of two durability classes, and only engines in the same class compare:
 *  - 'process crash': once a write resolves it is in the OS (page cache); a killed process loses
 *    nothing acknowledged, a power cut or kernel crash may lose the last writes. This is what the
 *    embedded store promises (no fsync: see src/store/embedded/index.ts).
 *  - 'power loss': a write resolves only after the engine fsynced it.
 * The engines are also used by test/store/engineDurability.test.ts (kill -9 while writing).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import { createEmbeddedStore } from '../../src/store/embedded/index.ts';
import { ConcurrentUpdateError, type ConversationRecord } from '../../src/store/ports.ts';
import { drive, summarise } from './stats.ts';

export type Durability = 'process crash' | 'power loss';

/** One engine holding conversation records, as the embedded store's conversations repo would. */
export interface EngineStore {
  /** rev 1 inserts, rev n replaces rev n − 1; anything else throws ConcurrentUpdateError. Resolves once kept (see `durability`). */
  commit(record: ConversationRecord): Promise<void>;
  get(key: string): Promise<ConversationRecord | null>;
  close(): Promise<void>;
}

export interface Engine {
  name: string;
  durability: Durability;
  open(dir: string): Promise<EngineStore>;
}

const embedded: Engine = {
  name: 'embedded store (nedb + group commit)',
  durability: 'process crash',
  async open(dir) {
    const store = await createEmbeddedStore({ dir });
    return { commit: (record) => store.conversations.commit(record), get: (key) => store.conversations.get(key), close: () => store.close() };
  },
};

/**
 * lmdb: every write of one event turn goes into one transaction, committed on lmdb's own write
 * thread (group commit, built in). `put` with a version and `ifVersion` is the compare-and-set.
 * By default (overlappingSync, on Linux) a put resolves once its transaction is committed, i.e.
 * written to the file but not yet synced; the sync follows in the background, and `db.flushed`
 * resolves after it. With `overlappingSync: false` the commit itself syncs before resolving.
 */
function lmdb(name: string, durability: Durability, mode: 'committed' | 'flushed' | 'sync in commit'): Engine {
  return {
    name,
    durability,
    async open(dir) {
      const db = open<string, string>({ path: join(dir, 'lmdb'), encoding: 'string', useVersions: true, ...(mode === 'sync in commit' && { overlappingSync: false }) });
      return {
        async commit(record) {
          const body = JSON.stringify(record);
          const done = record.rev === 1 ? db.ifNoExists(record.key, () => void db.put(record.key, body, 1)) : db.put(record.key, body, record.rev, record.rev - 1);
          if (!(await done)) throw new ConcurrentUpdateError(record.key);
          if (mode === 'flushed') await db.flushed;
        },
        async get(key) {
          const body = db.get(key);
          return body === undefined ? null : (JSON.parse(body) as ConversationRecord);
        },
        async close() {
          await db.close();
        },
      };
    },
  };
}

export const ENGINES: Engine[] = [
  embedded,
  lmdb('lmdb, resolved on commit (default)', 'process crash', 'committed'),
  lmdb('lmdb, awaiting db.flushed (default sync)', 'power loss', 'flushed'),
  lmdb('lmdb, overlappingSync: false (sync in commit)', 'power loss', 'sync in commit'),
];

const T0 = 1_700_000_000_000;
const FILLER = 'Hola, soy el asistente de Faro. Te puedo ayudar con salud, alojamiento, documentos y trabajo. ';

/** A conversation record of about 2 KB of JSON, like a real one mid-script (1.3–2.4 KB). */
export function benchRecord(key: string, rev: number): ConversationRecord {
  const conversationId = key.slice(key.indexOf(':') + 1);
  const reply = (seq: number) => ({
    id: `${key}#${seq}`,
    channel: 'bench',
    conversationId,
    seq,
    replyTo: `m${rev}`,
    reply: {
      text: FILLER.repeat(5),
      choices: [
        { action: 'topic:health', title: 'Salud' },
        { action: 'topic:housing', title: 'Alojamiento' },
        { action: 'human', title: 'Hablar con una persona' },
      ],
      step: 'menu',
    },
  });
  return {
    key,
    channel: 'bench',
    conversationId,
    rev,
    machineVersion: 1,
    snapshot: {
      status: 'active',
      value: { intake: 'nationality' },
      context: { lang: 'es', consent: 'accepted', turns: rev, intake: { ageGroup: '18-59', gender: 'woman' }, lastAnswer: 'health-clinic-hours' },
    },
    recentMessageIds: Array.from({ length: Math.min(rev, 8) }, (_, i) => `m${rev - i}`),
    seq: 2 * rev,
    outbox: [reply(2 * rev - 1), reply(2 * rev)],
    pendingEffects: [],
    choices: [
      { action: 'topic:health', title: 'Salud' },
      { action: 'topic:housing', title: 'Alojamiento' },
    ],
    updatedAt: T0 + rev,
  };
}

export interface EngineRow {
  engine: string;
  durability: Durability;
  writes: number;
  writesPerSecond: number;
  p50us: number;
  p99us: number;
  /** writes/s relative to the embedded store's, measured in the same run. */
  vsEmbedded: number;
}

/**
 * Every writer walks one conversation after another, committing revs 1…`revs` of each and timing
 * each commit from call to resolution; `writers` of them at once, for `seconds` (after a 2 s warm-up).
 * Each engine gets a fresh directory under the OS temp dir.
 */
export async function benchStoreEngines(options: { writers: number; seconds: number; revs?: number; engines?: Engine[]; log?: (row: EngineRow) => void }): Promise<EngineRow[]> {
  const revs = options.revs ?? 16;
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const rows: EngineRow[] = [];
  for (const [e, engine] of (options.engines ?? ENGINES).entries()) {
    const dir = mkdtempSync(join(tmpdir(), 'faro-engines-'));
    const store = await engine.open(dir);
    try {
      const walk = async (person: number, record: (us: number) => void) => {
        const key = `bench:e${e}-${person}`;
        for (let rev = 1; rev <= revs; rev++) {
          const next = benchRecord(key, rev);
          const t0 = performance.now();
          await store.commit(next);
          record((performance.now() - t0) * 1000);
        }
      };
      await drive('warm-up', options.writers, Number.MAX_SAFE_INTEGER, 2, walk);
      gc();
      const phase = summarise(await drive(engine.name, options.writers, Number.MAX_SAFE_INTEGER, options.seconds, walk));
      const baseline = rows.find((r) => r.engine === embedded.name)?.writesPerSecond ?? phase.turnsPerSecond;
      const row: EngineRow = {
        engine: engine.name,
        durability: engine.durability,
        writes: phase.turns,
        writesPerSecond: phase.turnsPerSecond,
        p50us: phase.p50us,
        p99us: phase.p99us,
        vsEmbedded: Math.round((100 * phase.turnsPerSecond) / baseline) / 100,
      };
      rows.push(row);
      options.log?.(row);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
