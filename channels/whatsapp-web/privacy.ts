/** WhatsApp ids carry phone numbers (`51987654321@c.us`…): logs use `logRef` from src/core. */
export { logRef } from '../../src/core/logRef.ts';

/** An error for the log: its name and message with long digit runs (phone numbers) masked. */
export function safeError(err: unknown): { name: string; message: string } {
  const name = err instanceof Error ? err.name : typeof err;
  const message = err instanceof Error ? err.message : String(err);
  return { name, message: message.replace(/\d{6,}/g, '#').slice(0, 300) };
}
