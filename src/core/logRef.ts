import { createHash } from 'node:crypto';

/**
 * What logs say instead of an id that may carry personal data: conversation keys and platform
 * ids are built from phone numbers (WhatsApp, SMS) or stable user ids (Telegram). A short,
 * one-way digest still lets one follow a conversation or a redelivery through the logs.
 */
export function logRef(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 12);
}
