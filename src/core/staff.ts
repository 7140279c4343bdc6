/** Staff vocabulary shared by the store ports, the staff module and the HTTP API. Plain data only. */

/** Every staff role (issue 4). A person may hold several; permissions come from src/staff/policy.ts. */
export const STAFF_ROLES = ['admin', 'supervisor', 'operator', 'psea_focal', 'editor', 'reviewer', 'analyst'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

/** A staff member's account as stored. The password is only ever kept as a self-describing KDF hash. */
export interface StaffAccount {
  /** Opaque, never reused; the only staff identifier that appears in logs and the audit log. */
  id: string;
  /** As entered; uniqueness and look-up are case-insensitive (see normaliseEmail). */
  email: string;
  passwordHash: string;
  roles: StaffRole[];
  disabled: boolean;
  /** Consecutive failed logins since the last success or lock. */
  failedLogins: number;
  /** Epoch ms until which logins are refused; 0 when not locked. */
  lockedUntil: number;
  /** Bumped to invalidate every token issued before (logout, password change). */
  sessionEpoch: number;
  createdAt: number;
  updatedAt: number;
}

/** The fields an administrator may change. */
export interface StaffChanges {
  roles?: StaffRole[];
  disabled?: boolean;
  passwordHash?: string;
}

/**
 * One audit log line. `actor` is a staff id or `'system'`; `target` and `details` carry ids,
 * counts and reasons only: never passwords, tokens, emails, names or message text.
 */
export interface AuditEntry {
  /** Sortable: newer entries have greater ids (see newAuditId). */
  id: string;
  at: number;
  actor: string;
  action: string;
  target?: string;
  details?: Record<string, string | number | boolean>;
}
export type NewAuditEntry = Omit<AuditEntry, 'id'>;

/** Emails compare case-insensitively and without surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
