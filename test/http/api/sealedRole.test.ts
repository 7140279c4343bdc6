/**
 * The sealed role (issue 10, finding 2): an admin could read every PSEA report by giving itself
 * `psea_focal`. Only a focal point grants or removes the role, it is never held with admin, and
 * every grant, removal and refusal goes to the sealed trail, not the admin's audit log.
 */
import { expect } from 'chai';
import { createMemoryStore } from '../../../src/store/memory/index.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { ensureFirstPseaFocal } from '../../../src/staff/accounts.ts';
import { can } from '../../../src/staff/policy.ts';
import { startApi, type ApiHarness } from './harness.ts';

const PASSWORD = 'a long enough password 1';

describe('staff API: only a PSEA focal point grants psea_focal', () => {
  let api: ApiHarness;
  const ids = { admin: '', focal: '', operator: '' };
  const tokens = { admin: '', focal: '' };

  before(async () => {
    api = await startApi();
    ids.admin = await api.addStaff('root@example.org', ['admin']);
    ids.focal = await api.addStaff('marta@example.org', ['psea_focal']);
    ids.operator = await api.addStaff('op@example.org', ['operator']);
    tokens.admin = await api.login('root@example.org');
    tokens.focal = await api.login('marta@example.org');
  });
  after(() => api.close());

  const sealedTrail = () => api.store.pseaReports.audit.list({ limit: 200 });

  it('refuses an admin that gives itself psea_focal, and the reports stay closed to it', async () => {
    const r = await api.call('PATCH', `/api/users/${ids.admin}`, { token: tokens.admin, body: { roles: ['admin', 'psea_focal'] } });
    expect([r.status, r.json.error?.code]).to.deep.equal([400, 'RoleCombination']);
    const reports = await api.call('GET', '/api/cases?type=psea', { token: tokens.admin });
    expect(reports.status).to.equal(403);
  });

  it('refuses an admin that creates a focal-point account or grants the role to someone else, and writes the refusal to the sealed trail', async () => {
    const created = await api.call('POST', '/api/users', { token: tokens.admin, body: { email: 'puppet@example.org', password: PASSWORD, roles: ['psea_focal'] } });
    expect([created.status, created.json.error?.code]).to.deep.equal([403, 'SealedRole']);
    expect(await api.store.staff.getByEmail('puppet@example.org')).to.equal(null);
    const granted = await api.call('PATCH', `/api/users/${ids.operator}`, { token: tokens.admin, body: { roles: ['operator', 'psea_focal'] } });
    expect([granted.status, granted.json.error?.code]).to.deep.equal([403, 'SealedRole']);
    expect((await api.store.staff.get(ids.operator))?.roles).to.deep.equal(['operator']);
    const refusals = (await sealedTrail()).filter((e) => e.action === 'users.psea.refused' && e.actor === ids.admin);
    expect(refusals).to.have.length(2);
    // The admin's own audit log says nothing of the sealed role.
    const adminLog = await api.call('GET', '/api/audit?limit=200', { token: tokens.admin });
    expect(JSON.stringify(adminLog.json)).to.not.include('psea');
  });

  it('lets a focal point create another focal point, and only that', async () => {
    const created = await api.call('POST', '/api/users', { token: tokens.focal, body: { email: 'ana@example.org', password: PASSWORD, roles: ['psea_focal'] } });
    expect(created.status, created.text).to.equal(201);
    const grants = (await sealedTrail()).filter((e) => e.action === 'users.psea.grant' && e.actor === ids.focal);
    expect(grants.map((e) => e.target)).to.deep.equal([created.json.user.id]);
    const operator = await api.call('POST', '/api/users', { token: tokens.focal, body: { email: 'op2@example.org', password: PASSWORD, roles: ['operator'] } });
    expect([operator.status, operator.json.error?.code]).to.deep.equal([403, 'SealedRole']);
    const both = await api.call('POST', '/api/users', { token: tokens.focal, body: { email: 'both@example.org', password: PASSWORD, roles: ['psea_focal', 'admin'] } });
    expect([both.status, both.json.error?.code]).to.deep.equal([400, 'RoleCombination']);
    const disableAdmin = await api.call('PATCH', `/api/users/${ids.admin}`, { token: tokens.focal, body: { disabled: true } });
    expect([disableAdmin.status, disableAdmin.json.error?.code]).to.deep.equal([403, 'SealedRole']);
  });

  it('gives an account that holds both roles from before no sealed permission', () => {
    expect(can(['admin', 'psea_focal'], 'cases.psea')).to.equal(false);
    expect(can(['admin', 'psea_focal'], 'users.create')).to.equal(true);
    expect(can(['psea_focal'], 'cases.psea')).to.equal(true);
  });
});

describe('the first PSEA focal point, from the settings', () => {
  const log = createLogger('silent');
  const settings = { kdfCost: { N: 1024, r: 8, p: 1 } };

  it('is created once, with psea_focal alone, and the grant is sealed', async () => {
    const store = createMemoryStore();
    expect(await ensureFirstPseaFocal(store, { email: 'focal@example.org', password: PASSWORD }, log, settings)).to.deep.equal({ created: true });
    expect(await ensureFirstPseaFocal(store, { email: 'other@example.org', password: PASSWORD }, log, settings)).to.deep.equal({ created: false });
    const accounts = await store.staff.list();
    expect(accounts.map((a) => [a.email, a.roles])).to.deep.equal([['focal@example.org', ['psea_focal']]]);
    expect((await store.pseaReports.audit.list({ limit: 10 })).map((e) => e.action)).to.deep.equal(['users.psea.grant']);
    expect(await store.audit.list({ limit: 10 })).to.deep.equal([]);
  });

  it('refuses an email that is an existing account (an admin cannot become the focal point)', async () => {
    const store = createMemoryStore();
    await ensureFirstPseaFocal(store, {}, log, settings);
    const { createStaffService } = await import('../../../src/staff/accounts.ts');
    await createStaffService(store, settings).create({ email: 'root@example.org', password: PASSWORD, roles: ['admin'] }, 'system');
    let message = '';
    await ensureFirstPseaFocal(store, { email: 'root@example.org', password: PASSWORD }, log, settings).catch((err: Error) => (message = err.message));
    expect(message).to.match(/PSEA_FOCAL_EMAIL names an existing staff account/);
  });
});
