/**
 * Password hashing with scrypt (memory-hard, in node's crypto: nothing to install).
 *
 * A hash is self-describing, so the cost can be raised later without breaking old hashes:
 *
 *   scrypt$N=32768,r=8,p=1$<salt, base64url>$<derived key, base64url>
 *
 * N=2^15, r=8 needs 32 MiB and about 100 ms per hash on our 2-core machines: slow for an
 * attacker with a stolen database, fine for a login. Tests pass a tiny cost through options.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface KdfCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_KDF_COST: KdfCost = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** Bounds for hashes read back from the store, so a corrupt record cannot ask for gigabytes. */
const MAX_N = 2 ** 20;

function scrypt(password: string, salt: Buffer, cost: KdfCost, keylen: number): Promise<Buffer> {
  // Node refuses above 32 MiB by default, exactly what N=2^15, r=8 needs: leave headroom.
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r * cost.p + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFKC'), salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 1 && (n & (n - 1)) === 0;
}

export async function hashPassword(password: string, cost: KdfCost = DEFAULT_KDF_COST): Promise<string> {
  if (!isPowerOfTwo(cost.N) || cost.N > MAX_N) throw new RangeError(`scrypt N must be a power of two up to 2^20, got ${cost.N}`);
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, cost, KEY_BYTES);
  return `scrypt$N=${cost.N},r=${cost.r},p=${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

interface ParsedHash {
  cost: KdfCost;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const match = /^scrypt\$N=(\d{1,8}),r=(\d{1,2}),p=(\d{1,2})\$([\w-]{16,})\$([\w-]{32,})$/.exec(stored);
  if (!match) return null;
  const cost = { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (!isPowerOfTwo(cost.N) || cost.N > MAX_N || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16) return null;
  const key = Buffer.from(match[5]!, 'base64url');
  if (key.length < KEY_BYTES || key.length > 64) return null;
  return { cost, salt: Buffer.from(match[4]!, 'base64url'), key };
}

/** True when `password` matches `stored`; false for a mismatch or an unreadable hash. Constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, parsed.cost, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

export const PASSWORD_MIN_LENGTH = 12;
/** Longer inputs are refused rather than hashed (they are no safer and cost memory). */
export const PASSWORD_MAX_LENGTH = 256;

/** Why a new password is not acceptable, or null when it is. Never echoes the password. */
export function passwordProblem(password: string, email: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `The password must have at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.trim().toLowerCase();
  const mail = email.trim().toLowerCase();
  const local = mail.split('@')[0] ?? '';
  if (lower === mail || lower === local) return 'The password must not be the email address.';
  return null;
}
