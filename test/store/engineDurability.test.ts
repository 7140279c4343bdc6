/**
 * Not a timing: each engine of test/bench/storeEngines.ts (the embedded store and the candidates
 * to replace it) is written to by a child process that is killed with SIGKILL once it has
 * acknowledged ACKED commits, while its writers are still committing. Reopened, the engine must
 * hold every acknowledged commit (or a later rev of that conversation). A process crash only:
 * whether an fsync happened (power loss) cannot be tested this way.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { benchRecord, ENGINES } from '../bench/storeEngines.ts';

const ACKED = 1500;
const WRITERS = 50;
const child = fileURLToPath(new URL('../bench/engineCrashChild.ts', import.meta.url));

interface Crash {
  dir: string;
  /** The highest acknowledged rev of each conversation. */
  acked: Map<string, number>;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Starts a writer for engine `index`, kills it with SIGKILL after ACKED acknowledged commits. */
async function crash(index: number): Promise<Crash> {
  const dir = await mkdtemp(join(tmpdir(), 'faro-engine-crash-'));
  const proc = spawn(process.execPath, ['--import', 'tsx', child, String(index), dir, String(WRITERS)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const result: Crash = { dir, acked: new Map(), signal: null, output: '' };
  proc.stderr.on('data', (chunk: Buffer) => (result.output += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    proc.on('exit', (_code, signal) => {
      result.signal = signal;
      resolve();
    }),
  );
  let count = 0;
  for await (const line of createInterface({ input: proc.stdout })) {
    const [key, rev] = line.split(' ');
    if (!key || !rev) continue;
    result.acked.set(key, Math.max(result.acked.get(key) ?? 0, Number(rev)));
    if (++count === ACKED) proc.kill('SIGKILL');
  }
  await exited;
  return result;
}

describe('store engines keep what they acknowledged when the process is killed', function () {
  this.timeout(30_000);
  let crashes: Crash[] = [];
  // All children at once: the test checks what survives, not how fast it is written.
  before(async () => {
    crashes = await Promise.all(ENGINES.map((_, i) => crash(i)));
  });
  after(async () => {
    await Promise.all(crashes.map((c) => rm(c.dir, { recursive: true, force: true })));
  });

  for (const [i, engine] of ENGINES.entries()) {
    it(engine.name, async () => {
      const { dir, acked, signal, output } = crashes[i]!;
      expect(signal, output).to.equal('SIGKILL');
      expect(
        [...acked.values()].reduce((a, b) => a + b, 0),
        'acknowledged commits',
      ).to.be.at.least(ACKED);
      const store = await engine.open(dir);
      try {
        const lost: string[] = [];
        for (const [key, rev] of acked) {
          const got = await store.get(key);
          if (!got || got.rev < rev) lost.push(`${key}@${rev} (found ${got ? got.rev : 'nothing'})`);
          else expect(got, key).to.deep.equal(benchRecord(key, got.rev));
        }
        expect(lost, 'acknowledged commits missing after kill -9').to.deep.equal([]);
      } finally {
        await store.close();
      }
    });
  }
});
