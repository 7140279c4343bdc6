/**
 * Run by test/store/engineDurability.test.ts as its own process: commits conversation records to
 * one engine of ./storeEngines.ts from many concurrent writers, and prints `<key> <rev>` for every
 * commit once it has resolved, until the test kills it with SIGKILL (mid-write, store never closed).
 * Usage: node --import tsx engineCrashChild.ts <engine index> <dir> <writers>
 */
import { benchRecord, ENGINES } from './storeEngines.ts';

const [indexArg, dir, writersArg] = process.argv.slice(2);
const engine = ENGINES[Number(indexArg)];
if (!engine || !dir || !writersArg) throw new Error('usage: engineCrashChild.ts <engine index> <dir> <writers>');

const store = await engine.open(dir);
process.stdout.write('open\n');
await Promise.all(
  Array.from({ length: Number(writersArg) }, async (_, w) => {
    for (let n = 0; ; n++) {
      const key = `crash:w${w}-${n}`;
      for (let rev = 1; rev <= 5; rev++) {
        await store.commit(benchRecord(key, rev));
        // A pipe is written synchronously on Linux: once this returns, the test can read the line.
        process.stdout.write(`${key} ${rev}\n`);
      }
    }
  }),
);
