export interface Phase {
  name: string;
  turns: number;
  seconds: number;
  latenciesUs: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function summarise(phase: Phase) {
  const sorted = [...phase.latenciesUs].sort((a, b) => a - b);
  return {
    name: phase.name,
    turns: phase.turns,
    turnsPerSecond: Math.round(phase.turns / phase.seconds),
    p50us: round(percentile(sorted, 50)),
    p99us: round(percentile(sorted, 99)),
  };
}

export function memory() {
  const m = process.memoryUsage();
  return { rssMb: round(m.rss / 2 ** 20), heapMb: round(m.heapUsed / 2 ** 20) };
}

export const round = (n: number) => Math.round(n * 10) / 10;

/** Every walk is a new person, across phases too. */
let nextPerson = 0;

/** Runs `users` concurrent loops until `turns` turns or `seconds` elapsed; each loop calls `walk`. */
export async function drive(name: string, users: number, maxTurns: number, maxSeconds: number, walk: (user: number, record: (us: number) => void) => Promise<void>): Promise<Phase> {
  const latenciesUs: number[] = [];
  let turns = 0;
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  const record = (us: number) => {
    latenciesUs.push(us);
    turns++;
  };
  await Promise.all(
    Array.from({ length: users }, async () => {
      while (turns < maxTurns && performance.now() < deadline) await walk(nextPerson++, record);
    }),
  );
  return { name, turns, seconds: (performance.now() - started) / 1000, latenciesUs };
}
