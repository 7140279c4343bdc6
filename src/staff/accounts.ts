/**
 * Staff accounts: creation, changes, login with lockout, and the first admin.
 * Every change and every login outcome is written to the audit log (ids only).
 */
import { randomUUID } from 'node:crypto';
import type { AuditEntry, StaffAccount, StaffChanges, StaffRole } from '../core/staff.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/ports.ts';
import { DEFAULT_KDF_COST, hashPassword, passwordProblem, verifyPassword, type KdfCost } from './password.ts';

export interface StaffSettings {
  now?: () => number;
  /** scrypt cost for new hashes. Default N=2^15, r=8, p=1; tests lower it. */
  kdfCost?: KdfCost;
  /** Consecutive failed logins that lock an account. Default 5. */
  maxFailedLogins?: number;
  /** How long a lock lasts. Default 15 minutes. */
  lockMs?: number;
}

export class PasswordPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PasswordPolicyError';
  }
}

/** Refused because it would leave no enabled admin (nobody could manage staff any more). */
export class LastAdminError extends Error {
  constructor() {
    super('At least one enabled admin must remain.');
    this.name = 'LastAdminError';
  }
}

export type LoginResult = { ok: true; account: StaffAccount } | { ok: false };

/** What a client may see of an account: never the hash or the failure counter. */
export interface StaffView {
  id: string;
  email: string;
  roles: StaffRole[];
  disabled: boolean;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
}

export function viewOf(account: StaffAccount, now: number): StaffView {
  return {
    id: account.id,
    email: account.email,
    roles: account.roles,
    disabled: account.disabled,
    locked: account.lockedUntil > now,
    createdAt: new Date(account.createdAt).toISOString(),
    updatedAt: new Date(account.updatedAt).toISOString(),
  };
}

export type Actor = string;

export function createStaffService(store: Store, settings: StaffSettings = {}) {
  const now = settings.now ?? Date.now;
  const cost = settings.kdfCost ?? DEFAULT_KDF_COST;
  const maxFailedLogins = settings.maxFailedLogins ?? 5;
  const lockMs = settings.lockMs ?? 15 * 60 * 1000;
  // Hashed once, lazily: unknown emails are checked against it so they take as long as known ones.
  let decoy: Promise<string> | undefined;

  async function audit(actor: Actor, action: string, target?: string, details?: AuditEntry['details']): Promise<void> {
    await store.audit.append({ at: now(), actor, action, ...(target ? { target } : {}), ...(details ? { details } : {}) });
  }

  async function enabledAdmins(except: string): Promise<number> {
    const all = await store.staff.list();
    return all.filter((s) => s.id !== except && !s.disabled && s.roles.includes('admin')).length;
  }

  return {
    now,

    /** Throws PasswordPolicyError, or DuplicateKeyError when the email is taken. */
    async create(input: { email: string; password: string; roles: StaffRole[] }, actor: Actor): Promise<StaffAccount> {
      const problem = passwordProblem(input.password, input.email);
      if (problem) throw new PasswordPolicyError(problem);
      const at = now();
      const account: StaffAccount = {
        id: randomUUID(),
        email: input.email.trim(),
        passwordHash: await hashPassword(input.password, cost),
        roles: [...new Set(input.roles)],
        disabled: false,
        failedLogins: 0,
        lockedUntil: 0,
        sessionEpoch: 0,
        createdAt: at,
        updatedAt: at,
      };
      await store.staff.create(account);
      await audit(actor, 'users.create', account.id, { roles: account.roles.join(',') });
      return account;
    },

    /** Null for an unknown id; throws LastAdminError rather than remove the last enabled admin. */
    async update(id: string, changes: Pick<StaffChanges, 'roles' | 'disabled'>, actor: Actor): Promise<StaffAccount | null> {
      const current = await store.staff.get(id);
      if (!current) return null;
      const next = { ...current, ...changes };
      const stillAdmin = !next.disabled && next.roles.includes('admin');
      const wasAdmin = !current.disabled && current.roles.includes('admin');
      if (wasAdmin && !stillAdmin && (await enabledAdmins(id)) === 0) throw new LastAdminError();
      const clean: StaffChanges = {};
      if (changes.roles) clean.roles = [...new Set(changes.roles)];
      if (changes.disabled !== undefined) clean.disabled = changes.disabled;
      const updated = await store.staff.update(id, clean, now());
      // Re-enabling also lifts a lock: an admin vouched for the account.
      if (changes.disabled === false) await store.staff.resetFailedLogins(id);
      const details: Record<string, string | boolean> = {};
      if (clean.roles) details.roles = clean.roles.join(',');
      if (clean.disabled !== undefined) details.disabled = clean.disabled;
      await audit(actor, 'users.update', id, details);
      return changes.disabled === false ? store.staff.get(id) : updated;
    },

    /**
     * Checks a login. Unknown, disabled, locked and wrong-password all answer `{ok:false}` after
     * the same scrypt work, so neither the answer nor its timing tells whether an email exists.
     */
    async login(email: string, password: string): Promise<LoginResult> {
      const account = await store.staff.getByEmail(email);
      if (!account) {
        decoy ??= hashPassword('decoy password, never valid', cost);
        await verifyPassword(password, await decoy);
        await audit('system', 'auth.login.failed', undefined, { reason: 'unknown' });
        return { ok: false };
      }
      const matches = await verifyPassword(password, account.passwordHash);
      const at = now();
      if (account.disabled || account.lockedUntil > at) {
        await audit('system', 'auth.login.failed', account.id, { reason: account.disabled ? 'disabled' : 'locked' });
        return { ok: false };
      }
      if (!matches) {
        const failures = await store.staff.recordFailedLogin(account.id);
        await audit('system', 'auth.login.failed', account.id, { reason: 'password', failures });
        if (failures >= maxFailedLogins) {
          await store.staff.lockUntil(account.id, at + lockMs);
          await audit('system', 'auth.login.locked', account.id, { minutes: Math.ceil(lockMs / 60_000) });
        }
        return { ok: false };
      }
      if (account.failedLogins > 0 || account.lockedUntil > 0) await store.staff.resetFailedLogins(account.id);
      await audit(account.id, 'auth.login', account.id);
      return { ok: true, account };
    },

    async logout(account: StaffAccount): Promise<void> {
      await store.staff.revokeSessions(account.id);
      await audit(account.id, 'auth.logout', account.id);
    },

    audit,
  };
}
export type StaffService = ReturnType<typeof createStaffService>;

/**
 * At start-up: with no staff at all, `ADMIN_EMAIL` + `ADMIN_PASSWORD` create the first admin.
 * Without them, a warning says what to set (the API then has nobody who can log in).
 * Half a configuration, or a weak password, fails the start with a message naming the variable.
 */
export async function ensureFirstAdmin(store: Store, admin: { email?: string | undefined; password?: string | undefined }, log: Logger, settings: StaffSettings = {}): Promise<{ created: boolean }> {
  const email = admin.email?.trim() || undefined;
  const password = admin.password || undefined;
  if ((await store.staff.count()) > 0) {
    if (password) log.info('staff accounts exist: ADMIN_EMAIL/ADMIN_PASSWORD ignored (you may remove them from the environment)');
    return { created: false };
  }
  if (!email && !password) {
    log.warn('no staff accounts exist: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin at start-up');
    return { created: false };
  }
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new Error('ADMIN_EMAIL must be set to an email address to create the first admin (with ADMIN_PASSWORD).');
  }
  if (!password) throw new Error('ADMIN_PASSWORD must be set to create the first admin (with ADMIN_EMAIL).');
  const problem = passwordProblem(password, email);
  if (problem) throw new Error(`ADMIN_PASSWORD is not acceptable: ${problem}`);
  const service = createStaffService(store, settings);
  try {
    const account = await service.create({ email, password, roles: ['admin'] }, 'system');
    log.info({ staffId: account.id }, 'first admin created');
    return { created: true };
  } catch (error) {
    // Another instance sharing the database created it first: that is the same outcome.
    if ((error as Error).name === 'DuplicateKeyError') return { created: false };
    throw error;
  }
}
