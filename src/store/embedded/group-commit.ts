/**
 * Group commit for one nedb datastore.
 *
 * Why: stock nedb appends each write with its own `fs.appendFile` (open, write, close) and
 * runs the next operation only after that finished, so a datastore does one write per disk
 * round trip: about 4,000 per second on our 2-core test VM, below what a busy conversation
 * store needs. Here nedb's operations go on at memory speed while their lines wait in a
 * queue; whatever queued while one append was in flight is appended in a single call. The
 * caller still waits for the disk: an operation counts as saved only once `durable()`
 * (called after it) has resolved, exactly as before, so a crash loses nothing acknowledged.
 *
 * It replaces two of nedb's (internal, but stable across 4.x) persistence methods:
 * - `persistNewStateAsync(docs)` (called inside nedb's queue for every write) now only
 *   enqueues; the lines are nedb's own serialisation, so the file format does not change;
 * - `persistCachedDatabaseAsync()` (the file rewrite) first waits for queued appends, so an
 *   old line can never land after a rewrite that already contains a newer state.
 * A failed append is permanent: it and every later `durable()` reject, because memory now
 * holds writes the file lacks. Restarting reloads the file (what was acknowledged).
 */
import type nedb from '@seald-io/nedb';
import { open, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';

// nedb's own line format, so files stay readable by nedb (and by a plain nedb after us).
const model = createRequire(import.meta.url)('@seald-io/nedb/lib/model.js') as { serialize(doc: object): string };

interface PersistenceInternals {
  filename: string;
  persistNewStateAsync(docs: object[]): Promise<void>;
  persistCachedDatabaseAsync(): Promise<void>;
}

interface Waiter {
  upTo: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface GroupCommit {
  /** Resolves once every write made before this call is in the file. */
  durable(): Promise<void>;
  /** The append error that broke the datastore, if any. */
  readonly failure: unknown;
  /** Waits for queued appends and closes the file handle. */
  close(): Promise<void>;
}

export function useGroupCommit(db: nedb.default<object>): GroupCommit {
  const persistence = db.persistence as unknown as PersistenceInternals;
  const rewrite = persistence.persistCachedDatabaseAsync.bind(persistence);
  // One handle kept open in append mode (nedb opens and closes the file for every write; that
  // was ~10% of a server's CPU under load). A rewrite replaces the file, so it is reopened then.
  let handle: FileHandle | null = null;
  async function append(docs: object[]): Promise<void> {
    let lines = '';
    for (const doc of docs) lines += `${model.serialize(doc)}\n`;
    handle ??= await open(persistence.filename, 'a');
    await handle.appendFile(lines, 'utf8');
  }
  async function reopen(): Promise<void> {
    const old = handle;
    handle = null;
    await old?.close();
  }

  let queue: object[] = [];
  let enqueued = 0;
  let written = 0;
  let writing: Promise<void> | null = null;
  let failure: unknown = null;
  const waiters: Waiter[] = [];

  async function drain(): Promise<void> {
    while (queue.length > 0 && !failure) {
      const batch = queue;
      queue = [];
      try {
        await append(batch);
      } catch (error) {
        failure = error;
        for (const waiter of waiters.splice(0)) waiter.reject(error);
        return;
      }
      written += batch.length;
      for (let i = waiters.length - 1; i >= 0; i--) {
        const waiter = waiters[i]!;
        if (waiter.upTo <= written) {
          waiters.splice(i, 1);
          waiter.resolve();
        }
      }
    }
  }

  function flush(): Promise<void> {
    writing ??= drain().finally(() => {
      writing = null;
      if (queue.length > 0 && !failure) void flush(); // lines queued during the last append
    });
    return writing;
  }

  persistence.persistNewStateAsync = async (docs) => {
    if (failure) throw failure;
    if (docs.length === 0) return;
    queue.push(...docs);
    enqueued += docs.length;
    void flush();
  };
  persistence.persistCachedDatabaseAsync = async () => {
    // Runs inside nedb's queue: no new lines can arrive while we wait here.
    while (writing) await writing;
    if (failure) throw failure;
    await rewrite();
    await reopen();
  };

  return {
    durable() {
      if (failure) return Promise.reject(failure);
      if (written >= enqueued) return Promise.resolve();
      return new Promise((resolve, reject) => waiters.push({ upTo: enqueued, resolve, reject }));
    },
    get failure() {
      return failure;
    },
    async close() {
      while (writing) await writing;
      await reopen();
    },
  };
}
