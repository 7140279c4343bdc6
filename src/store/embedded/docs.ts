/** What every embedded-store file shares: documents keyed by `_id`, nedb's unique-key errors, erasure. */
import type nedb from '@seald-io/nedb';
import type { GroupCommit } from './group-commit.ts';

export type Doc<T> = T & { _id: string };

export function withoutId<T extends object>(doc: Doc<T>): T {
  const { _id, ...rest } = doc;
  return rest as unknown as T;
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { errorType?: unknown } | null)?.errorType === 'uniqueViolated';
}

/** Inserts, reporting whether the `_id` was new (false: it already existed). */
export async function insertIfNew<T extends object>(db: nedb.default<Doc<T>>, doc: Doc<T>): Promise<boolean> {
  try {
    await db.insertAsync(doc);
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Removes what `query` matches for good: consent withdrawn. nedb only appends a deletion
 * marker, so the person's words would stay in the file until its next rewrite (on load or
 * close, which may be weeks away); when anything was removed the file is rewritten now.
 * Erasures are rare, and a rewrite costs about what loading the file does.
 */
export async function eraseFromFile<T extends object>(db: nedb.default<Doc<T>>, query: object, log: GroupCommit): Promise<void> {
  const removed = await db.removeAsync(query, { multi: true });
  if (removed > 0) await db.compactDatafileAsync();
  await log.durable();
}
