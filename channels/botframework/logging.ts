import { createHash } from 'node:crypto';

/**
 * What logs say instead of a Bot Framework conversation or activity id. Some channels build
 * those ids from personal data (SMS conversation ids contain phone numbers; Direct Line
 * activity ids contain the conversation id), and logs must never carry any: a short, stable
 * digest still lets one follow a conversation or a redelivery through the logs.
 */
export function logTag(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 12);
}

/** Name and HTTP status only: messages of HTTP client errors can quote the request body
 * (a reply, which may hold intake answers). */
export function errorSummary(err: unknown): { name: string; status?: number } {
  if (!(err instanceof Error)) return { name: typeof err };
  const status = (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? { name: err.name, status } : { name: err.name };
}
