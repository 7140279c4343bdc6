import { createHash } from 'node:crypto';

/**
 * WhatsApp ids carry phone numbers (`51987654321@c.us`, message ids `false_51987654321@c.us_3EB0…`,
 * outbound ids `whatsapp-web:51987654321@c.us#4`), so logs get a short one-way reference
 * instead: the same id always gives the same reference, which is enough to follow a message.
 */
export function logRef(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 12);
}

/** An error for the log: its name and message with long digit runs (phone numbers) masked. */
export function safeError(err: unknown): { name: string; message: string } {
  const name = err instanceof Error ? err.name : typeof err;
  const message = err instanceof Error ? err.message : String(err);
  return { name, message: message.replace(/\d{6,}/g, '#').slice(0, 300) };
}
