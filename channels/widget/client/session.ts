/**
 * What the widget keeps on the device, and how it forgets it.
 *
 * Only ids and the conversation's token are kept, in sessionStorage (this tab, gone when the
 * tab closes): never the transcript. After a reload the widget reads the transcript again from
 * the server (`GET /activities`), so on a shared phone nothing anyone wrote lies in storage.
 * "Quick exit" removes every key this widget ever used, in both storages.
 */
import { isLang, type Lang } from '../../../src/core/languages.ts';

export interface Session {
  conversationId: string;
  token: string;
  /** Milliseconds since the epoch, by this device's clock. */
  expiresAt: number;
  userId: string;
  /** The last watermark read: a reconnect replays from here. */
  watermark?: string;
}

export interface Saved {
  session?: Session;
  lang?: Lang;
  /** The panel was open: a reload opens it again. */
  open?: boolean;
}

/** Every key the widget uses starts with this; quick exit removes them all. */
const PREFIX = 'faro.widget';
const KEY = `${PREFIX}.v1`;

export function load(): Saved {
  const raw = read(KEY);
  if (raw === null) return {};
  try {
    return validSaved(JSON.parse(raw));
  } catch {
    return {};
  }
}

export function save(saved: Saved): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(saved));
  } catch {
    // Storage full or disabled (private mode): the widget works, it just won't survive a reload.
  }
}

/** Removes every widget key from sessionStorage and localStorage. */
export function forgetAll(): void {
  for (const storage of storages()) {
    try {
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(PREFIX)) keys.push(key);
      }
      for (const key of keys) storage.removeItem(key);
    } catch {
      // A storage we cannot read holds nothing of ours either.
    }
  }
}

function storages(): Storage[] {
  const found: Storage[] = [];
  try {
    found.push(sessionStorage);
  } catch {
    /* blocked */
  }
  try {
    found.push(localStorage);
  } catch {
    /* blocked */
  }
  return found;
}

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function validSaved(value: unknown): Saved {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const saved: Saved = {};
  if (isLang(v.lang)) saved.lang = v.lang;
  if (v.open === true) saved.open = true;
  const s = v.session as Record<string, unknown> | undefined;
  if (typeof s === 'object' && s !== null && typeof s.conversationId === 'string' && typeof s.token === 'string' && typeof s.expiresAt === 'number' && typeof s.userId === 'string') {
    saved.session = { conversationId: s.conversationId, token: s.token, expiresAt: s.expiresAt, userId: s.userId };
    if (typeof s.watermark === 'string') saved.session.watermark = s.watermark;
  }
  return saved;
}
