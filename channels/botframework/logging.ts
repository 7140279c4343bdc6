/** Bot Framework ids can hold phone numbers (SMS): logs use `logRef` from src/core. */
export { logRef as logTag } from '../../src/core/logRef.ts';

/** Name and HTTP status only: messages of HTTP client errors can quote the request body
 * (a reply, which may hold intake answers). */
export function errorSummary(err: unknown): { name: string; status?: number } {
  if (!(err instanceof Error)) return { name: typeof err };
  const status = (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? { name: err.name, status } : { name: err.name };
}
