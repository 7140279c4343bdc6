/**
 * Request and response shapes of the staff API, as zod schemas: they validate at the edge
 * AND generate the OpenAPI document (openapi.ts), so the two cannot disagree.
 */
import { z } from 'zod';
import { STAFF_ROLES } from '../../core/staff.ts';
import { PERMISSIONS } from '../../staff/policy.ts';
import { HttpError } from '../errors.ts';

const Email = z.email().max(254);
const Role = z.enum(STAFF_ROLES);
const Roles = z.array(Role).min(1).max(STAFF_ROLES.length);
/** Generous cap: the policy (≥ 12) is checked by the staff module with a clear message. */
const Password = z.string().min(1).max(1024);

export const LoginBody = z.strictObject({ email: Email, password: Password });
export const CreateUserBody = z.strictObject({ email: Email, password: Password, roles: Roles });
export const UpdateUserBody = z
  .strictObject({ roles: Roles.optional(), disabled: z.boolean().optional() })
  .refine((b) => b.roles !== undefined || b.disabled !== undefined, { message: 'give roles or disabled' });
export const UserIdParams = z.strictObject({ id: z.uuid() });
export const PasswordChangeBody = z.strictObject({ currentPassword: Password, newPassword: Password });
export const PasswordResetBody = z.strictObject({ newPassword: Password.describe('Tell it to the person another way; they may change it with POST /api/auth/password.') });
export const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^[0-9a-z]{10}-[0-9a-z]{6}-[0-9a-f]{8}$/)
    .optional(),
});

export const User = z.object({
  id: z.string(),
  email: z.string(),
  roles: z.array(Role),
  disabled: z.boolean(),
  locked: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export const LoginAnswer = z.object({
  token: z.string().describe('Use as `Authorization: Bearer <token>`.'),
  expiresAt: z.iso.datetime(),
  roles: z.array(Role),
  csrfToken: z.string().describe('Send as `X-CSRF-Token` on unsafe requests authenticated by the session cookie.'),
});
export const Me = z.object({ user: User, permissions: z.array(z.enum(PERMISSIONS as [string, ...string[]])) });
export const UserAnswer = z.object({ user: User });
export const UsersAnswer = z.object({ users: z.array(User) });
export const AuditAnswer = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      at: z.iso.datetime(),
      actor: z.string().describe("A staff id, or 'system'."),
      action: z.string(),
      target: z.string().optional(),
      details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    }),
  ),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next (older) page; null at the end.'),
});
export const ErrorAnswer = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Issue text without anything a browser could read as markup (zod may quote a key the caller sent). */
function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request.';
  const where = issue.path.map(String).join('.') || 'body';
  return `${where}: ${issue.message}`.replace(/[<>&"'`\\]/g, '').slice(0, 200);
}

/** Parses external input or throws a 400 naming the first problem. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, what = 'request'): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new HttpError(400, 'BadArgument', `Invalid ${what}: ${describe(result.error)}`);
  return result.data;
}
