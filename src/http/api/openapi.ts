/** The OpenAPI 3.1 document of the staff API, generated from ENDPOINTS and their zod schemas. */
import { z } from 'zod';
import { CSRF_HEADER, SESSION_COOKIE } from './session.ts';
import { ENDPOINTS, type Endpoint, type QueryAccess } from './endpoints.ts';
import { ErrorAnswer } from './schemas.ts';

type Json = Record<string, unknown>;

function schema(type: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema, ...rest } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

function forbiddenText(access: Endpoint['access']): string {
  if (access === 'authenticated') return 'Missing X-CSRF-Token (cookie sessions)';
  if (typeof access === 'string') return `Not allowed: needs permission ${access}`;
  if (Array.isArray(access)) return `Not allowed: needs one of the permissions ${access.join(', ')}`;
  const rule = access as QueryAccess;
  return `Not allowed: the permission depends on \`${rule.query}\` (${Object.entries(rule.by)
    .map(([value, p]) => `${value}: ${p}`)
    .join(', ')})`;
}

/** `x-faro-permission`: one permission (string), any of several (array), or by a query value (object). */
function permissionExtension(access: Endpoint['access']): Json {
  if (access === 'public' || access === 'authenticated') return {};
  if (typeof access === 'string' || Array.isArray(access)) return { 'x-faro-permission': access };
  const rule = access as QueryAccess;
  return { 'x-faro-permission': { query: rule.query, by: rule.by } };
}

function operation(endpoint: Endpoint): Json {
  const responses: Json = {};
  responses[String(endpoint.success.status)] = endpoint.success.body
    ? { description: 'OK', content: { 'application/json': { schema: schema(endpoint.success.body, 'output') } } }
    : { description: endpoint.success.status === 204 ? 'No content' : 'OK' };
  responses['400'] = { description: 'Invalid input (malformed JSON, wrong types, unknown fields)', content: errorContent };
  if (endpoint.access !== 'public') {
    responses['401'] = { description: 'Not logged in, or the token expired or was revoked', content: errorContent };
    responses['403'] = { description: forbiddenText(endpoint.access), content: errorContent };
  }
  for (const [status, description] of Object.entries(endpoint.errors ?? {})) responses[status] = { description, content: errorContent };

  const parameters: Json[] = [];
  for (const [where, type] of [
    ['path', endpoint.params],
    ['query', endpoint.query],
  ] as const) {
    if (!type) continue;
    const json = schema(type, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      parameters.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property });
    }
  }
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    ...(endpoint.access === 'public' ? { security: [] } : {}),
    ...permissionExtension(endpoint.access),
    ...(parameters.length ? { parameters } : {}),
    ...(endpoint.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(endpoint.body, 'input') } } } } : {}),
    responses,
  };
}

export function openApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const endpoint of ENDPOINTS as readonly Endpoint[]) {
    paths[endpoint.path] ??= {};
    (paths[endpoint.path] as Record<string, Json>)[endpoint.method] = operation(endpoint);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Faro staff API',
      version: '1',
      description:
        'Staff accounts, login, the audit log, complaint and feedback cases, sealed PSEA reports, the tickets queue, canned responses, and referrals to partners. Authenticate with `Authorization: Bearer <token>` from ' +
        `POST /api/auth/login, or with the \`${SESSION_COOKIE}\` cookie it sets; cookie-authenticated ` +
        `POST/PATCH/DELETE requests must also send the \`${CSRF_HEADER}\` header (the login's csrfToken, also in the faro_csrf cookie). ` +
        'Errors are always `{"error":{"code","message"}}`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { cookie: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Signed session token, valid 8 hours.' },
        cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: `Plus the ${CSRF_HEADER} header on unsafe methods.` },
      },
      schemas: { Error: schema(ErrorAnswer, 'output') },
    },
    paths,
  };
}
