/**
 * Every role × every staff API endpoint over real HTTP, generated from the endpoint list and
 * the policy table: 401 without a token, 403 for roles the table does not name, 2xx for those
 * it does. An endpoint without a sample request here fails the suite, so none goes untested.
 */
import { expect } from 'chai';
import { STAFF_ROLES, type StaffRole } from '../../../src/core/staff.ts';
import { ENDPOINTS, type Endpoint, type OperationId } from '../../../src/http/api/endpoints.ts';
import { POLICY } from '../../../src/staff/policy.ts';
import { startApi, type ApiHarness } from './harness.ts';

interface Sample {
  path: string;
  body?: unknown;
}
let counter = 0;
/** A valid request per endpoint; `target` is an account the request may act on. */
const SAMPLES: Record<OperationId, (target: string) => Sample> = {
  login: () => ({ path: '/api/auth/login', body: { email: 'target@example.org', password: 'correct horse battery' } }),
  logout: () => ({ path: '/api/auth/logout' }),
  me: () => ({ path: '/api/auth/me' }),
  createUser: () => ({ path: '/api/users', body: { email: `new${++counter}@example.org`, password: 'a long enough secret', roles: ['editor'] } }),
  listUsers: () => ({ path: '/api/users' }),
  updateUser: (target) => ({ path: `/api/users/${target}`, body: { roles: ['operator', 'reviewer'] } }),
  listAudit: () => ({ path: '/api/audit?limit=5' }),
  openapi: () => ({ path: '/api/openapi.json' }),
};

function allowed(endpoint: Endpoint, role: StaffRole): boolean {
  if (endpoint.access === 'public' || endpoint.access === 'authenticated') return true;
  return (POLICY[endpoint.access] as readonly StaffRole[]).includes(role);
}

describe('staff API: every role × every endpoint', () => {
  let api: ApiHarness;
  let target: string;
  before(async () => {
    // One fresh login per case (logout revokes its account's sessions): above the default per-IP limit.
    api = await startApi({ loginLimitPerIp: 1000 });
    target = await api.addStaff('target@example.org', ['operator']);
  });
  after(async () => {
    await api.close();
  });

  it('has a sample request for every endpoint', () => {
    for (const endpoint of ENDPOINTS) expect(SAMPLES, endpoint.operationId).to.have.property(endpoint.operationId);
  });

  for (const endpoint of ENDPOINTS as readonly Endpoint[]) {
    const method = endpoint.method.toUpperCase();
    const name = `${method} ${endpoint.path}`;
    if (endpoint.access !== 'public') {
      it(`${name} without a token → 401`, async () => {
        const sample = SAMPLES[endpoint.operationId as OperationId](target);
        const r = await api.call(method, sample.path, { body: sample.body });
        expect(r.status).to.equal(401);
        expect(r.json.error.code).to.equal('Unauthorized');
      });
    }
    for (const role of STAFF_ROLES) {
      const expected = allowed(endpoint, role);
      it(`${name} as ${role} → ${expected ? '2xx' : '403'}`, async () => {
        const email = `${role}.${endpoint.operationId}@example.org`;
        await api.addStaff(email, [role]);
        const token = await api.login(email);
        const sample = SAMPLES[endpoint.operationId as OperationId](target);
        const r = await api.call(method, sample.path, { token, body: sample.body });
        if (expected) expect(r.status, r.text).to.equal(endpoint.success.status);
        else expect(r.status, r.text).to.equal(403);
      });
    }
  }
});
