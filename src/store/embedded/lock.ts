/**
 * One process per data directory. nedb keeps everything in memory and appends to its files;
 * two processes appending to the same files would silently overwrite each other's work at the
 * next compaction. A lock file holding the owner's pid makes the second one fail at start-up
 * instead. A lock left by a crashed process (its pid is gone) is taken over.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Directories held by this process (a pid check cannot tell two stores in one process apart). */
const heldHere = new Set<string>();

export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const path = join(resolve(dir), 'LOCK');
  if (heldHere.has(path)) throw new Error(`embedded store: ${dir} is already open in this process; close it first`);
  await acquire(path, dir);
  heldHere.add(path);
  return async () => {
    heldHere.delete(path);
    await unlink(path).catch(() => undefined);
  };
}

async function acquire(path: string, dir: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(String(process.pid));
      await file.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (isRunningElsewhere(owner)) {
      throw new Error(`embedded store: ${dir} is in use by process ${owner}. Stop it, or give this process another DATA_DIR.`);
    }
    await unlink(path).catch(() => undefined); // stale: its owner crashed
  }
  throw new Error(`embedded store: could not lock ${dir} (another process keeps taking it)`);
}

function isRunningElsewhere(pid: number): boolean {
  // Our own pid in a lock we do not hold means a restarted container reused it: stale.
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
}
