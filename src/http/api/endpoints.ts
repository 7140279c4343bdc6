/**
 * Every staff API endpoint, as data: method, path, who may call it, and its shapes. The
 * router mounts from this list (index.ts), the OpenAPI document is generated from it
 * (openapi.ts), its input is validated from it (input.ts) and, in the API tests, its answers
 * are checked against it; the authorisation test walks it × every role. A new endpoint is one
 * entry here (or in a *Endpoints.ts beside it) plus its handler.
 */
import type { z } from 'zod';
import type { Permission } from '../../staff/policy.ts';
import { CANNED_ENDPOINTS } from './cannedEndpoints.ts';
import { CASE_ENDPOINTS } from './caseEndpoints.ts';
import { REFERRAL_ENDPOINTS } from './referralEndpoints.ts';
import * as s from './schemas.ts';
import { TICKET_ENDPOINTS } from './ticketEndpoints.ts';

/**
 * Access that depends on one query parameter (`GET /api/cases?type=…`): the value names the
 * permission. A caller holding none of them gets 403; a missing or unknown value from a caller
 * holding any is left to validation (400).
 */
export interface QueryAccess {
  readonly query: string;
  readonly by: Readonly<Record<string, Permission>>;
}
/** A list means any one of these permissions (the handler may narrow it, e.g. by case type). */
export type Access = 'public' | 'authenticated' | Permission | readonly Permission[] | QueryAccess;

/** Every permission an access rule may require (for guards, the document and the tests). */
export function permissionsIn(access: Access): Permission[] {
  if (access === 'public' || access === 'authenticated') return [];
  if (typeof access === 'string') return [access];
  if (Array.isArray(access)) return [...(access as readonly Permission[])];
  return [...new Set(Object.values((access as QueryAccess).by))];
}

export interface Endpoint {
  operationId: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI form: `/api/users/{id}`. */
  path: string;
  access: Access;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  /** Success status and its body (undefined: no body). */
  success: { status: number; body?: z.ZodType };
  /** Other answers worth documenting, beyond 400/401/403; the 404's is also its message when
   * the path's parameters do not fit. */
  errors?: Record<number, string>;
}

export const ENDPOINTS = [
  {
    operationId: 'login',
    method: 'post',
    path: '/api/auth/login',
    access: 'public',
    summary: 'Log in: a bearer token, plus the session and CSRF cookies for the console.',
    body: s.LoginBody,
    success: { status: 200, body: s.LoginAnswer },
    errors: { 401: 'Wrong email or password (also for a locked or disabled account)', 429: 'Too many attempts; see Retry-After' },
  },
  {
    operationId: 'logout',
    method: 'post',
    path: '/api/auth/logout',
    access: 'authenticated',
    summary: "Log out: ends every session of the caller's account and clears the cookies.",
    success: { status: 204 },
  },
  {
    operationId: 'me',
    method: 'get',
    path: '/api/auth/me',
    access: 'authenticated',
    summary: 'The caller and what the policy table lets them do.',
    success: { status: 200, body: s.Me },
  },
  {
    operationId: 'createUser',
    method: 'post',
    path: '/api/users',
    access: ['users.create', 'users.psea'],
    summary:
      'Create a staff account (password ≥ 12 characters, not the email). Admins create every account but focal-point ones; a PSEA focal point creates focal-point accounts only (psea_focal alone). psea_focal is never held with admin.',
    body: s.CreateUserBody,
    success: { status: 201, body: s.UserAnswer },
    errors: { 403: 'SealedRole: only a PSEA focal point may grant psea_focal', 409: 'The email is taken' },
  },
  {
    operationId: 'listUsers',
    method: 'get',
    path: '/api/users',
    access: 'users.list',
    summary: 'All staff accounts, oldest first.',
    success: { status: 200, body: s.UsersAnswer },
  },
  {
    operationId: 'updateUser',
    method: 'patch',
    path: '/api/users/{id}',
    access: ['users.update', 'users.psea'],
    summary:
      'Change roles or disable/enable an account (enabling also lifts a lock). Only a PSEA focal point grants or removes psea_focal (and changes nothing else); grants, removals and refusals go to the sealed PSEA audit.',
    params: s.UserIdParams,
    body: s.UpdateUserBody,
    success: { status: 200, body: s.UserAnswer },
    errors: { 403: 'SealedRole: only a PSEA focal point may grant or remove psea_focal', 404: 'No such staff account', 409: 'Would leave no enabled admin' },
  },
  {
    operationId: 'changePassword',
    method: 'post',
    path: '/api/auth/password',
    access: 'authenticated',
    summary: "Change the caller's own password (the current one, and a new one of ≥ 12 characters, not the email). Every session of the account ends: log in again.",
    body: s.PasswordChangeBody,
    success: { status: 204 },
    errors: { 403: 'WrongPassword: the current password is not right' },
  },
  {
    operationId: 'resetPassword',
    method: 'post',
    path: '/api/users/{id}/password',
    access: ['users.update', 'users.psea'],
    summary: "Set another account's password (a forgotten one) and end its sessions. A focal point's only by a focal point, who resets only those. Audited (sealed for focal points).",
    params: s.UserIdParams,
    body: s.PasswordResetBody,
    success: { status: 200, body: s.UserAnswer },
    errors: { 403: "SealedRole: a focal point's password is reset by a focal point only", 404: 'No such staff account' },
  },
  {
    operationId: 'listAudit',
    method: 'get',
    path: '/api/audit',
    access: 'audit.read',
    summary: 'The audit log, newest first (this read is audited too).',
    query: s.AuditQuery,
    success: { status: 200, body: s.AuditAnswer },
  },
  {
    operationId: 'events',
    method: 'get',
    path: '/api/events',
    access: 'authenticated',
    summary:
      'Live updates as server-sent events, filtered by role: `ticket` {ref, status} and `line` {ref, line} for roles that read tickets, `psea` {event, at} (no content) for the PSEA focal point. No replay: reload what you show when the stream (re)opens. Ends with the session.',
    success: { status: 200 },
  },
  {
    operationId: 'openapi',
    method: 'get',
    path: '/api/openapi.json',
    access: 'public',
    summary: 'This document.',
    success: { status: 200 },
  },
  ...CASE_ENDPOINTS,
  ...TICKET_ENDPOINTS,
  ...CANNED_ENDPOINTS,
  ...REFERRAL_ENDPOINTS,
] as const satisfies readonly Endpoint[];

export type OperationId = (typeof ENDPOINTS)[number]['operationId'];

/** `/api/users/{id}` → `/api/users/:id` */
export function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
