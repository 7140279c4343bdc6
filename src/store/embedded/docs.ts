/** What every embedded-store file shares: documents keyed by `_id`, and nedb's unique-key errors. */
import type nedb from '@seald-io/nedb';

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
