/**
 * Passwords (issue 10, finding 13): a staff member changes their own (with the current one),
 * and an admin resets a forgotten one; both end the account's sessions. A focal point's
 * password is reset by a focal point only: an admin who could reset it could log in as the
 * focal point and read every report.
 */
import { expect } from 'chai';
import { PASSWORD, startApi, type ApiHarness } from './harness.ts';

describe('staff API: passwords', () => {
  let api: ApiHarness;
  const ids = { admin: '', rosa: '', marta: '' };
  let adminToken: string;

  before(async () => {
    api = await startApi({ loginLimitPerIp: 1000 });
    ids.admin = await api.addStaff('root@example.org', ['admin']);
    ids.rosa = await api.addStaff('rosa@example.org', ['operator']);
    ids.marta = await api.addStaff('marta@example.org', ['psea_focal']);
    adminToken = await api.login('root@example.org');
  });
  after(() => api.close());

  const login = (email: string, password: string) => api.call('POST', '/api/auth/login', { body: { email, password } });

  it("changes one's own password given the current one, and ends every session of the account", async () => {
    const token = await api.login('rosa@example.org');
    const wrong = await api.call('POST', '/api/auth/password', { token, body: { currentPassword: 'not my password at all', newPassword: 'a brand new password 1' } });
    expect([wrong.status, wrong.json.error.code]).to.deep.equal([403, 'WrongPassword']);
    const weak = await api.call('POST', '/api/auth/password', { token, body: { currentPassword: PASSWORD, newPassword: 'short' } });
    expect([weak.status, weak.json.error.code]).to.deep.equal([400, 'WeakPassword']);
    expect((await api.call('POST', '/api/auth/password', { token, body: { currentPassword: PASSWORD, newPassword: 'a brand new password 1' } })).status).to.equal(204);
    expect((await api.call('GET', '/api/auth/me', { token })).status).to.equal(401);
    expect((await login('rosa@example.org', PASSWORD)).status).to.equal(401);
    expect((await login('rosa@example.org', 'a brand new password 1')).status).to.equal(200);
  });

  it("lets an admin reset an operator's password, ending their sessions", async () => {
    const token = (await login('rosa@example.org', 'a brand new password 1')).json.token as string;
    const r = await api.call('POST', `/api/users/${ids.rosa}/password`, { token: adminToken, body: { newPassword: 'reset by the admin 22' } });
    expect(r.status, r.text).to.equal(200);
    expect((await api.call('GET', '/api/auth/me', { token })).status).to.equal(401);
    expect((await login('rosa@example.org', 'reset by the admin 22')).status).to.equal(200);
    const audit = await api.store.audit.list({ limit: 50 });
    expect(audit.some((e) => e.action === 'users.password.reset' && e.target === ids.rosa && e.actor === ids.admin)).to.equal(true);
  });

  it("refuses an admin that resets a focal point's password, and lets a focal point do it", async () => {
    const refused = await api.call('POST', `/api/users/${ids.marta}/password`, { token: adminToken, body: { newPassword: 'taken over by admin 1' } });
    expect([refused.status, refused.json.error.code]).to.deep.equal([403, 'SealedRole']);
    expect((await login('marta@example.org', 'taken over by admin 1')).status).to.equal(401);
    const ana = await api.addStaff('ana@example.org', ['psea_focal']);
    const focalToken = await api.login('ana@example.org');
    expect((await api.call('POST', `/api/users/${ids.marta}/password`, { token: focalToken, body: { newPassword: 'reset by a focal point 3' } })).status).to.equal(200);
    expect((await api.call('POST', `/api/users/${ids.rosa}/password`, { token: focalToken, body: { newPassword: 'not yours to reset 44' } })).status).to.equal(403);
    const sealed = await api.store.pseaReports.audit.list({ limit: 50 });
    expect(sealed.filter((e) => e.action.startsWith('users.psea.')).map((e) => [e.action, e.actor, e.target])).to.deep.include.members([
      ['users.psea.refused', ids.admin, ids.marta],
      ['users.psea.password.reset', ana, ids.marta],
      ['users.psea.refused', ana, ids.rosa],
    ]);
    // The admin's log has no trace of the resets or refusals (a failed login is the login's own entry).
    expect((await api.store.audit.list({ limit: 100 })).filter((e) => e.target === ids.marta && /password|psea/.test(e.action))).to.deep.equal([]);
  });
});
