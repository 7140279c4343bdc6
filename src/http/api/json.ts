/**
 * How the staff API answers: JSON with `<`, `>` and `&` written as \u escapes, so what a person
 * typed reaches a client intact but can never be read as markup, even by something that sniffs
 * or concatenates the body into a page; times as ISO 8601.
 */
import type { Response } from 'express';

/** JSON that no browser can take for HTML; JSON.parse gives back the exact text. */
export function sendJson(res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  res.status(status).type('application/json').send(text);
}

export const iso = (ms: number) => new Date(ms).toISOString();
