/**
 * Staff accounts: creation, changes, login with lockout, and the first admin.
 * Every change and every login outcome is written to the audit log (ids only).
 */
import { randomUUID } from 'node:crypto';
import type { AuditEntry, StaffAccount, StaffChanges, StaffRole } from '../core/staff.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/ports.ts';
import { DEFAULT_KDF_COST, hashPassword, passwordProblem, verifyPassword, type KdfCost } from './password.ts';
import { can } from './policy.ts';

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

/** `psea_focal` granted or removed by someone who is not a focal point, or a focal point
 * changing anything but focal-point accounts (see `sealedRoleProblem`). */
export class SealedRoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedRoleError';
  }
}

/** Roles that may not be held together: an admin holding `psea_focal` could read every report. */
export class RoleCombinationError extends Error {
  constructor() {
    super('psea_focal and admin cannot be held by one account.');
    this.name = 'RoleCombinationError';
  }
}

/** Refused because it would leave no enabled admin (nobody could manage staff any more). */
export class LastAdminError extends Error {
  constructor() {
    super('At least one enabled admin must remain.');
    this.name = 'LastAdminError';
  }
}

/** An account that may manage the sealed role (an admin never may, see `effectiveRoles`). */
const isEnabledFocal = (account: StaffAccount): boolean => !account.disabled && can(account.roles, 'users.psea');

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

  /** Grants, removals and refusals of the sealed role go to the sealed trail, never the admin's log. */
  async function sealedAudit(actor: Actor, action: string, target?: string, details?: AuditEntry['details']): Promise<void> {
    await store.pseaReports.audit.append({ at: now(), actor, action, ...(target ? { target } : {}), ...(details ? { details } : {}) });
  }

  /**
   * Who may touch the sealed role: granting or removing `psea_focal` (creating an account with
   * it included) only an enabled focal point, or the system for the first one from the
   * settings; and a focal point changes nothing else: no other role, and enables or disables
   * only focal-point accounts. Null when allowed.
   */
  async function sealedRoleProblem(actor: Actor, before: readonly StaffRole[], after: readonly StaffRole[], enabling: boolean): Promise<string | null> {
    if (actor === 'system') return null;
    const focal = await isFocal(actor);
    if (before.includes('psea_focal') !== after.includes('psea_focal') && !focal) return 'Only a PSEA focal point may grant or remove psea_focal.';
    if (!focal) return null;
    const others = (roles: readonly StaffRole[]) =>
      roles
        .filter((role) => role !== 'psea_focal')
        .sort()
        .join();
    if (others(before) !== others(after)) return 'A PSEA focal point may only grant or remove psea_focal.';
    if (enabling && !before.includes('psea_focal')) return 'A PSEA focal point may only enable or disable focal-point accounts.';
    return null;
  }

  /** Whether `id` is an enabled focal point (who alone manages the sealed role). */
  async function isFocal(id: Actor): Promise<boolean> {
    const account = await store.staff.get(id);
    return account !== null && isEnabledFocal(account);
  }

  async function enabledAdmins(except: string): Promise<number> {
    const all = await store.staff.list();
    return all.filter((s) => s.id !== except && !s.disabled && s.roles.includes('admin')).length;
  }

  return {
    now,

    /** Throws PasswordPolicyError, RoleCombinationError, SealedRoleError, or DuplicateKeyError when the email is taken. */
    async create(input: { email: string; password: string; roles: StaffRole[] }, actor: Actor): Promise<StaffAccount> {
      if (input.roles.includes('psea_focal') && input.roles.includes('admin')) throw new RoleCombinationError();
      const refused = await sealedRoleProblem(actor, [], input.roles, false);
      if (refused) {
        await sealedAudit(actor, 'users.psea.refused', undefined, { roles: input.roles.join(',') });
        throw new SealedRoleError(refused);
      }
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
      if (account.roles.includes('psea_focal')) await sealedAudit(actor, 'users.psea.grant', account.id, { roles: account.roles.join(',') });
      else await audit(actor, 'users.create', account.id, { roles: account.roles.join(',') });
      return account;
    },

    /** Null for an unknown id; throws LastAdminError rather than remove the last enabled admin. */
    async update(id: string, changes: Pick<StaffChanges, 'roles' | 'disabled'>, actor: Actor): Promise<StaffAccount | null> {
      const current = await store.staff.get(id);
      if (!current) return null;
      const next = { ...current, ...changes };
      if (next.roles.includes('psea_focal') && next.roles.includes('admin')) throw new RoleCombinationError();
      const refused = await sealedRoleProblem(actor, current.roles, next.roles, changes.disabled !== undefined);
      if (refused) {
        await sealedAudit(actor, 'users.psea.refused', id, { roles: next.roles.join(',') });
        throw new SealedRoleError(refused);
      }
      const stillAdmin = !next.disabled && next.roles.includes('admin');
      const wasAdmin = !current.disabled && current.roles.includes('admin');
      if (wasAdmin && !stillAdmin && (await enabledAdmins(id)) === 0) throw new LastAdminError();
      const clean: StaffChanges = {};
      if (changes.roles) clean.roles = [...new Set(changes.roles)];
      if (changes.disabled !== undefined) clean.disabled = changes.disabled;
      const updated = await store.staff.update(id, clean, now());
      // Disabling ends every session for good: re-enabling must not bring old tokens back.
      if (changes.disabled === true) await store.staff.revokeSessions(id);
      // Re-enabling also lifts a lock: an admin vouched for the account.
      if (changes.disabled === false) await store.staff.resetFailedLogins(id);
      const details: Record<string, string | boolean> = {};
      if (clean.roles) details.roles = clean.roles.join(',');
      if (clean.disabled !== undefined) details.disabled = clean.disabled;
      const sealedChange = current.roles.includes('psea_focal') || next.roles.includes('psea_focal');
      if (sealedChange)
        await sealedAudit(
          actor,
          current.roles.includes('psea_focal') === next.roles.includes('psea_focal') ? 'users.psea.update' : next.roles.includes('psea_focal') ? 'users.psea.grant' : 'users.psea.remove',
          id,
          details,
        );
      else await audit(actor, 'users.update', id, details);
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

    /**
     * The account's own password, given the current one (PasswordPolicyError for a weak new
     * one; false for a wrong current one). Every session of the account ends, this one too: the
     * console logs in again with the new password.
     */
    async changePassword(account: StaffAccount, current: string, next: string): Promise<boolean> {
      if (!(await verifyPassword(current, account.passwordHash))) {
        await audit(account.id, 'auth.password.failed', account.id);
        return false;
      }
      const problem = passwordProblem(next, account.email);
      if (problem) throw new PasswordPolicyError(problem);
      await store.staff.update(account.id, { passwordHash: await hashPassword(next, cost) }, now());
      await store.staff.revokeSessions(account.id);
      await audit(account.id, 'auth.password.change', account.id);
      return true;
    },

    /**
     * Sets another account's password (a forgotten one) and ends its sessions. A focal-point
     * account only by a focal point (otherwise an admin could take one over and read the
     * reports); a focal point resets only those. Null for an unknown id.
     */
    async resetPassword(id: string, next: string, actor: Actor): Promise<StaffAccount | null> {
      const target = await store.staff.get(id);
      if (!target) return null;
      const sealed = target.roles.includes('psea_focal');
      if (sealed !== (await isFocal(actor))) {
        await sealedAudit(actor, 'users.psea.refused', id, { action: 'password.reset' });
        throw new SealedRoleError(sealed ? "Only a PSEA focal point may reset a focal point's password." : 'A PSEA focal point may only reset focal-point accounts.');
      }
      const problem = passwordProblem(next, target.email);
      if (problem) throw new PasswordPolicyError(problem);
      await store.staff.update(id, { passwordHash: await hashPassword(next, cost) }, now());
      await store.staff.revokeSessions(id);
      if (sealed) await sealedAudit(actor, 'users.psea.password.reset', id);
      else await audit(actor, 'users.password.reset', id);
      return store.staff.get(id);
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

/**
 * At start-up: with no enabled PSEA focal point, `PSEA_FOCAL_EMAIL` + `PSEA_FOCAL_PASSWORD`
 * create the first (psea_focal alone; the grant goes to the sealed trail). Focal points then
 * create the others: an admin never can. Ignored once one exists; the email may not be an
 * existing account's (an admin's above all).
 */
export async function ensureFirstPseaFocal(
  store: Store,
  focal: { email?: string | undefined; password?: string | undefined },
  log: Logger,
  settings: StaffSettings = {},
): Promise<{ created: boolean }> {
  const email = focal.email?.trim() || undefined;
  const password = focal.password || undefined;
  const exists = (await store.staff.list()).some(isEnabledFocal);
  if (exists) {
    if (password) log.info('a PSEA focal point exists: PSEA_FOCAL_EMAIL/PSEA_FOCAL_PASSWORD ignored (you may remove them from the environment)');
    return { created: false };
  }
  if (!email || !password) {
    log.warn('no PSEA focal point exists: set PSEA_FOCAL_EMAIL and PSEA_FOCAL_PASSWORD to create the first one at start-up (nobody can read PSEA reports until then)');
    return { created: false };
  }
  const problem = passwordProblem(password, email);
  if (problem) throw new Error(`PSEA_FOCAL_PASSWORD is not acceptable: ${problem}`);
  if (await store.staff.getByEmail(email)) throw new Error('PSEA_FOCAL_EMAIL names an existing staff account: the first focal point must be an account of its own.');
  try {
    const account = await createStaffService(store, settings).create({ email, password, roles: ['psea_focal'] }, 'system');
    log.info({ staffId: account.id }, 'first PSEA focal point created');
    return { created: true };
  } catch (error) {
    if ((error as Error).name === 'DuplicateKeyError') return { created: false };
    throw error;
  }
}
