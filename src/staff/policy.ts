/**
 * Who may do what: THE single source of truth for staff authorisation. Endpoints name a
 * permission (`access: 'users.create'` in src/http/api/endpoints.ts); no handler tests roles.
 * Tests walk every role × permission pair of this table, and every endpoint over HTTP.
 *
 * `answers.edit`, `answers.review` and `stats.read` name no endpoint yet: the content editors'
 * workflow and the statistics (issues 11 and 12) will use them. `cases.psea` is deliberately
 * psea_focal ONLY: sealed reports are invisible to every other role, admin included.
 */
import type { StaffRole } from '../core/staff.ts';

export const POLICY = {
  'users.list': ['admin'],
  'users.create': ['admin'],
  'users.update': ['admin'],
  'audit.read': ['admin'],

  'tickets.list': ['operator', 'supervisor'],
  'tickets.read': ['operator', 'supervisor'],
  'tickets.claim': ['operator', 'supervisor'],
  'tickets.message': ['operator', 'supervisor'],
  'tickets.note': ['operator', 'supervisor'],
  'tickets.close': ['operator', 'supervisor'],
  /** Closing a ticket someone else claimed (a shift ends, a case is reassigned). */
  'tickets.closeOthers': ['supervisor'],
  /** Reading and acting on (notes, referrals) a ticket someone else holds: least privilege, the
   * holder and supervisors only; other operators see its queue entry. */
  'tickets.othersData': ['supervisor'],

  'cases.complaint': ['supervisor', 'operator'],
  'cases.feedback': ['supervisor', 'operator'],
  'cases.psea': ['psea_focal'],
  /** Creating focal-point accounts and granting or removing `psea_focal`: focal points alone. */
  'users.psea': ['psea_focal'],

  'cannedResponses.read': ['operator', 'supervisor'],
  'cannedResponses.manage': ['supervisor'],
  'referrals.manage': ['operator', 'supervisor'],

  'answers.edit': ['editor'],
  'answers.review': ['reviewer'],

  'stats.read': ['analyst', 'admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof POLICY;
export const PERMISSIONS = Object.keys(POLICY) as Permission[];

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && Object.hasOwn(POLICY, value);
}

/** The roles that count: `psea_focal` held together with `admin` (an account from before that
 * was refused) grants nothing sealed, so an admin can never read reports, however it came by
 * the role. */
export function effectiveRoles(roles: readonly StaffRole[]): readonly StaffRole[] {
  return roles.includes('admin') ? roles.filter((role) => role !== 'psea_focal') : roles;
}

/** Whether any of `roles` grants `permission`. */
export function can(roles: readonly StaffRole[], permission: Permission): boolean {
  const allowed: readonly StaffRole[] = POLICY[permission];
  return effectiveRoles(roles).some((role) => allowed.includes(role));
}

/** Every permission the roles grant, in table order (for `GET /api/auth/me`, so a console can hide what it may not use). */
export function permissionsOf(roles: readonly StaffRole[]): Permission[] {
  return PERMISSIONS.filter((permission) => can(roles, permission));
}
