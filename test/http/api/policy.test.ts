/**
 * Every role × every staff API endpoint over real HTTP, generated from the endpoint list and
 * the policy table: 401 without a token, 403 for roles the table does not name, 2xx for those
 * it does. An endpoint without a sample request here fails the suite, so none goes untested.
 */
import { expect } from 'chai';
import { STAFF_ROLES, type StaffRole } from '../../../src/core/staff.ts';
import { ENDPOINTS, permissionsIn, type Endpoint, type OperationId, type QueryAccess } from '../../../src/http/api/endpoints.ts';
import { POLICY, type Permission } from '../../../src/staff/policy.ts';
import { CANNED_SAMPLES, seedCannedSamples } from './cannedSamples.ts';
import { CASE_SAMPLES, seedCaseSamples } from './caseSamples.ts';
import { PASSWORD, startApi, type ApiHarness } from './harness.ts';
import { REFERRAL_SAMPLES, seedReferralSamples } from './referralSamples.ts';
import { seedTicketSamples, TICKET_SAMPLES } from './ticketSamples.ts';

interface Sample {
  path: string;
  body?: unknown;
  /** A POST the same caller makes first, when allowed (claiming before writing). */
  setup?: string;
  /** A server-sent event stream: only the status and type of the answer are checked. */
  stream?: boolean;
}
let counter = 0;
/** A focal-point account: what a focal point may act on (the other samples act on `target`). */
let focalTarget = '';
/** A valid request per endpoint; `target` is an account the request may act on, and `role` the
 * caller's (what is valid can depend on it: a focal point manages only the sealed role). */
const SAMPLES: Record<OperationId, (target: string, role: StaffRole) => Sample> = {
  login: () => ({ path: '/api/auth/login', body: { email: 'target@example.org', password: 'correct horse battery' } }),
  logout: () => ({ path: '/api/auth/logout' }),
  me: () => ({ path: '/api/auth/me' }),
  createUser: (_target, role) => ({ path: '/api/users', body: { email: `new${++counter}@example.org`, password: 'a long enough secret', roles: [role === 'psea_focal' ? 'psea_focal' : 'editor'] } }),
  listUsers: () => ({ path: '/api/users' }),
  updateUser: (target, role) =>
    role === 'psea_focal' ? { path: `/api/users/${focalTarget}`, body: { roles: ['psea_focal'] } } : { path: `/api/users/${target}`, body: { roles: ['operator', 'reviewer'] } },
  changePassword: () => ({ path: '/api/auth/password', body: { currentPassword: PASSWORD, newPassword: 'another long password 9' } }),
  resetPassword: (target, role) => ({ path: `/api/users/${role === 'psea_focal' ? focalTarget : target}/password`, body: { newPassword: 'a reset long password 7' } }),
  listAudit: () => ({ path: '/api/audit?limit=5' }),
  openapi: () => ({ path: '/api/openapi.json' }),
  events: () => ({ path: '/api/events', stream: true }),
  ...CASE_SAMPLES,
  ...TICKET_SAMPLES,
  ...CANNED_SAMPLES,
  ...REFERRAL_SAMPLES,
};

/** Query-dependent access (GET /api/cases?type=…) is walked once per value. */
function variants(endpoint: Endpoint): { label: string; query: string; permissions: Permission[] | null }[] {
  const access = endpoint.access;
  if (access === 'public' || access === 'authenticated') return [{ label: '', query: '', permissions: null }];
  if (typeof access === 'string' || Array.isArray(access)) return [{ label: '', query: '', permissions: permissionsIn(access) }];
  const rule = access as QueryAccess;
  return Object.entries(rule.by).map(([value, permission]) => ({ label: `?${rule.query}=${value}`, query: `${rule.query}=${value}`, permissions: [permission] }));
}

function allowed(permissions: Permission[] | null, role: StaffRole): boolean {
  return permissions === null || permissions.some((p) => (POLICY[p] as readonly StaffRole[]).includes(role));
}

function withQuery(path: string, query: string): string {
  return query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path;
}

describe('staff API: every role × every endpoint', () => {
  let api: ApiHarness;
  let target: string;
  before(async () => {
    // One fresh login per case (logout revokes its account's sessions): above the default per-IP limit.
    api = await startApi({ loginLimitPerIp: 1000 });
    target = await api.addStaff('target@example.org', ['operator']);
    focalTarget = await api.addStaff('focal.target@example.org', ['psea_focal']);
    await seedCaseSamples(api.store, api.chat);
    await seedTicketSamples(api.store, api.chat);
    await seedCannedSamples(api.store);
    await seedReferralSamples(api.store);
  });
  after(async () => {
    await api.close();
  });

  it('has a sample request for every endpoint', () => {
    for (const endpoint of ENDPOINTS) expect(SAMPLES, endpoint.operationId).to.have.property(endpoint.operationId);
  });

  for (const endpoint of ENDPOINTS as readonly Endpoint[]) {
    const method = endpoint.method.toUpperCase();
    for (const variant of variants(endpoint)) {
      const name = `${method} ${endpoint.path}${variant.label}`;
      const request = (role: StaffRole = 'admin') => {
        const sample = SAMPLES[endpoint.operationId as OperationId](target, role);
        return { ...sample, path: withQuery(sample.path, variant.query) };
      };
      if (endpoint.access !== 'public') {
        it(`${name} without a token → 401`, async () => {
          const { path, body } = request();
          const r = await api.call(method, path, { body });
          expect(r.status).to.equal(401);
          expect(r.json.error.code).to.equal('Unauthorized');
        });
      }
      for (const role of STAFF_ROLES) {
        const expected = allowed(variant.permissions, role);
        it(`${name} as ${role} → ${expected ? '2xx' : '403'}`, async () => {
          const email = `${role}.${endpoint.operationId}${variant.query.replace(/\W/g, '')}@example.org`;
          await api.addStaff(email, [role]);
          const token = await api.login(email);
          const { path, body, setup, stream } = request(role);
          if (setup && expected) expect((await api.call('POST', setup, { token })).status).to.equal(200);
          const r = stream ? await openStream(api.url + path, token) : await api.call(method, path, { token, body });
          if (expected) expect(r.status, r.text).to.equal(endpoint.success.status);
          else {
            // One answer for every refusal, sealed reports included: nothing tells them apart.
            expect(r.status, r.text).to.equal(403);
            expect(r.json).to.deep.equal({ error: { code: 'Forbidden', message: 'Your role does not allow this.' } });
          }
        });
      }
    }
  }
});

/** Opens a server-sent event stream, reads its status and type, and closes it. */
async function openStream(url: string, token: string): Promise<{ status: number; text: string; json: Record<string, unknown> }> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  if (res.status === 200) {
    expect(res.headers.get('content-type')).to.match(/^text\/event-stream/);
    abort.abort();
    return { status: 200, text: '', json: {} };
  }
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Record<string, unknown> };
}
