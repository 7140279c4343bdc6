/** MongoDB's duplicate-key error (E11000), as every collection here reports it. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 11000;
}
