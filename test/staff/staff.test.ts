import { expect } from 'chai';
import { STAFF_ROLES } from '../../src/core/staff.ts';
import { createLogger } from '../../src/log/logger.ts';
import { createStaffService, ensureFirstAdmin, LastAdminError, PasswordPolicyError } from '../../src/staff/accounts.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/staff/password.ts';
import { can, PERMISSIONS, POLICY } from '../../src/staff/policy.ts';
import { createSessionTokens } from '../../src/staff/tokens.ts';
import { createMemoryStore } from '../../src/store/memory/index.ts';

const cheap = { N: 2 ** 4, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';

describe('staff passwords', () => {
  it('hashes with scrypt N=2^15, r=8, p=1 by default, self-describing, salted', async () => {
    const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(a).to.match(/^scrypt\$N=32768,r=8,p=1\$[\w-]+\$[\w-]+$/);
    expect(a).not.to.equal(b);
    expect(await verifyPassword(PASSWORD, a)).to.equal(true);
  });

  it('verifies with the parameters stored in the hash, and refuses unreadable hashes', async () => {
    const hash = await hashPassword(PASSWORD, cheap);
    expect(await verifyPassword(PASSWORD, hash)).to.equal(true);
    expect(await verifyPassword(`${PASSWORD}!`, hash)).to.equal(false);
    for (const bad of ['', 'plain', hash.replace('N=16', 'N=17'), hash.replace('N=16', 'N=1073741824'), hash.slice(0, -10)]) {
      expect(await verifyPassword(PASSWORD, bad), bad).to.equal(false);
    }
  });

  it('requires 12 characters and not the email', () => {
    expect(passwordProblem('short', 'a@b.org')).to.match(/12/);
    expect(passwordProblem('ana.maria@example.org', 'Ana.Maria@example.org')).to.match(/email/);
    expect(passwordProblem('ana.maria.lopez', 'ana.maria.lopez@example.org')).to.match(/email/);
    expect(passwordProblem(PASSWORD, 'ana@example.org')).to.equal(null);
    expect(passwordProblem('x'.repeat(257), 'ana@example.org')).to.match(/at most/);
  });
});

describe('staff policy table', () => {
  // Every role × permission pair, written out where it matters most.
  it('seals PSEA cases for everyone but psea_focal, admin included', () => {
    for (const role of STAFF_ROLES) expect(can([role], 'cases.psea'), role).to.equal(role === 'psea_focal');
  });

  it('grants exactly what the table lists, for every role and permission', () => {
    for (const permission of PERMISSIONS) {
      for (const role of STAFF_ROLES) {
        expect(can([role], permission), `${role} ${permission}`).to.equal((POLICY[permission] as readonly string[]).includes(role));
      }
      expect(can([], permission)).to.equal(false);
    }
    expect(can(['analyst', 'operator'], 'tickets.claim')).to.equal(true);
  });

  it('names only known roles and gives admin user management and the audit log', () => {
    for (const roles of Object.values(POLICY)) for (const role of roles) expect(STAFF_ROLES).to.include(role);
    for (const p of ['users.list', 'users.create', 'users.update', 'audit.read'] as const) expect(POLICY[p]).to.deep.equal(['admin']);
  });
});

describe('staff session tokens', () => {
  const tokens = createSessionTokens(Buffer.alloc(32, 7), 1000);
  it('verifies its own tokens until they expire, and binds CSRF proofs to the session', () => {
    const { token, claims } = tokens.issue('s1', 3, 5000);
    expect(tokens.verify(token, 5999)).to.deep.equal(claims);
    expect(tokens.verify(token, 6000)).to.equal(null);
    const other = tokens.issue('s1', 3, 5000).claims;
    expect(tokens.checkCsrf(claims, tokens.csrfFor(claims))).to.equal(true);
    expect(tokens.checkCsrf(claims, tokens.csrfFor(other))).to.equal(false);
    expect(tokens.checkCsrf(claims, undefined)).to.equal(false);
  });
  it('refuses forged, altered or foreign tokens', () => {
    const { token } = tokens.issue('s1', 0, 5000);
    const [prefix, body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', sid: 'x', epoch: 0, iat: 5000, exp: 9e15 })).toString('base64url');
    for (const bad of [`${prefix}.${forged}.${mac}`, `${prefix}.${body}.${mac}x`, 'fs1..', '', createSessionTokens(Buffer.alloc(32, 8)).issue('s1', 0, 5000).token]) {
      expect(tokens.verify(bad, 5001), bad).to.equal(null);
    }
  });
});

describe('staff accounts', () => {
  const log = createLogger('silent');
  let clock = 1_700_000_000_000;
  const settings = { kdfCost: cheap, now: () => clock };

  it('locks after 5 failures, answers a locked account like a wrong password, and audits it', async () => {
    const store = createMemoryStore();
    const staff = createStaffService(store, settings);
    const account = await staff.create({ email: 'Op@example.org', password: PASSWORD, roles: ['operator'] }, 'system');
    for (let i = 0; i < 5; i++) expect(await staff.login('op@example.org', 'wrong password!')).to.deep.equal({ ok: false });
    expect(await staff.login('op@example.org', PASSWORD)).to.deep.equal({ ok: false });
    clock += 15 * 60 * 1000 + 1;
    const ok = await staff.login('OP@example.org', PASSWORD);
    expect(ok.ok).to.equal(true);
    const actions = (await store.audit.list({ limit: 20 })).reverse().map((e) => [e.action, e.details?.reason ?? '']);
    expect(actions).to.deep.include(['auth.login.locked', '']);
    expect(actions.at(-2)).to.deep.equal(['auth.login.failed', 'locked']);
    expect(actions.at(-1)).to.deep.equal(['auth.login', '']);
    expect((await store.staff.get(account.id))?.failedLogins).to.equal(0);
    expect(await staff.login('nobody@example.org', PASSWORD)).to.deep.equal({ ok: false });
    const text = JSON.stringify(await store.audit.list({ limit: 50 }));
    expect(text).not.to.match(/example\.org|horse|scrypt/);
  });

  it('refuses weak passwords and never removes the last enabled admin', async () => {
    const store = createMemoryStore();
    const staff = createStaffService(store, settings);
    try {
      await staff.create({ email: 'a@example.org', password: 'short', roles: ['admin'] }, 'system');
      expect.fail('created');
    } catch (error) {
      expect(error).to.be.instanceOf(PasswordPolicyError);
    }
    const admin = await staff.create({ email: 'a@example.org', password: PASSWORD, roles: ['admin'] }, 'system');
    for (const changes of [{ disabled: true }, { roles: ['operator' as const] }]) {
      try {
        await staff.update(admin.id, changes, admin.id);
        expect.fail('updated');
      } catch (error) {
        expect(error).to.be.instanceOf(LastAdminError);
      }
    }
    const second = await staff.create({ email: 'b@example.org', password: PASSWORD, roles: ['admin'] }, admin.id);
    expect((await staff.update(admin.id, { disabled: true }, second.id))?.disabled).to.equal(true);
  });

  describe('ensureFirstAdmin', () => {
    function capture() {
      const lines: string[] = [];
      const logger = createLogger('info');
      const spy = { ...logger, warn: (m: string) => lines.push(m), info: (m: unknown, n?: string) => lines.push(String(n ?? m)) };
      return { lines, log: spy as unknown as typeof logger };
    }

    it('creates the first admin once, from ADMIN_EMAIL and ADMIN_PASSWORD', async () => {
      const store = createMemoryStore();
      const { log: quiet } = capture();
      expect(await ensureFirstAdmin(store, { email: 'root@example.org', password: PASSWORD }, quiet, settings)).to.deep.equal({ created: true });
      expect(await ensureFirstAdmin(store, { email: 'root@example.org', password: PASSWORD }, quiet, settings)).to.deep.equal({ created: false });
      const [admin] = await store.staff.list();
      expect(admin?.roles).to.deep.equal(['admin']);
      expect(await verifyPassword(PASSWORD, admin!.passwordHash)).to.equal(true);
      expect((await store.audit.list({ limit: 5 }))[0]).to.include({ actor: 'system', action: 'users.create', target: admin!.id });
    });

    it('warns naming both variables when there is no staff and nothing is set', async () => {
      const { lines, log: spy } = capture();
      expect(await ensureFirstAdmin(createMemoryStore(), {}, spy, settings)).to.deep.equal({ created: false });
      expect(lines.join('\n')).to.contain('ADMIN_EMAIL').and.contain('ADMIN_PASSWORD');
    });

    it('fails loudly on half a configuration or a weak password, naming the variable', async () => {
      const cases: [Record<string, string>, RegExp][] = [
        [{ email: 'root@example.org' }, /ADMIN_PASSWORD/],
        [{ password: PASSWORD }, /ADMIN_EMAIL/],
        [{ email: 'not an email', password: PASSWORD }, /ADMIN_EMAIL/],
        [{ email: 'root@example.org', password: 'short' }, /ADMIN_PASSWORD.*12/],
      ];
      for (const [admin, message] of cases) {
        try {
          await ensureFirstAdmin(createMemoryStore(), admin, log, settings);
          expect.fail('no error');
        } catch (error) {
          expect((error as Error).message).to.match(message);
          expect((error as Error).message).not.to.contain(PASSWORD);
        }
      }
    });
  });
});
