/** What every MongoDB collection here shares: lean documents minus storage fields, and duplicate-key errors. */

/** The domain object of a lean document. Storage-only fields are dropped in code rather than by
 * a projection (some wire-compatible engines ignore exclusion projections). */
export function plain<T>(doc: object): T {
  const { _id, __v, ...rest } = doc as { _id?: unknown; __v?: unknown };
  return rest as T;
}

/** MongoDB's duplicate-key error (E11000), as every collection here reports it. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 11000;
}

/** A bulk write's error that only says some documents existed already. A bulk error carries
 * the first failure's code, so the others are checked too: a mixed failure must surface. */
export function isOnlyDuplicateKeys(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  return isDuplicateKey(error) && (!Array.isArray(writeErrors) || writeErrors.every(isDuplicateKey));
}
