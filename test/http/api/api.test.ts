import { expect } from 'chai';
import express from 'express';
import { ENDPOINTS, expressPath } from '../../../src/http/api/endpoints.ts';
import { createApiRouter } from '../../../src/http/api/index.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { createMemoryStore } from '../../../src/store/memory/index.ts';
import { PASSWORD, personLinkFor, startApi, type ApiHarness } from './harness.ts';

describe('staff API', () => {
  let api: ApiHarness;
  let adminToken: string;
  beforeEach(async () => {
    api = await startApi({ loginLimitPerIp: 100 });
    await api.addStaff('admin@example.org', ['admin']);
    adminToken = await api.login('admin@example.org');
  });
  afterEach(async () => {
    await api.close();
  });

  it('logs in with a bearer token, a strict httpOnly session cookie and a CSRF cookie', async () => {
    const r = await api.call('POST', '/api/auth/login', { body: { email: 'ADMIN@example.org', password: PASSWORD } });
    expect(r.status).to.equal(200);
    expect(r.json).to.have.keys('token', 'expiresAt', 'roles', 'csrfToken');
    expect(r.json.roles).to.deep.equal(['admin']);
    expect(Date.parse(r.json.expiresAt) - api.clock.now).to.equal(8 * 3600 * 1000);
    const cookies = r.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('faro_session=')))
      .to.match(/HttpOnly/)
      .and.match(/SameSite=Strict/)
      .and.match(/Path=\/api/);
    expect(cookies.find((c) => c.startsWith('faro_csrf=')))
      .to.match(/SameSite=Strict/)
      .and.not.match(/HttpOnly/);
    expect(r.headers.get('cache-control')).to.equal('no-store');
    const me = await api.call('GET', '/api/auth/me', { token: r.json.token });
    expect(me.json.user).to.include({ email: 'admin@example.org', disabled: false, locked: false });
    expect(me.json.permissions).to.include('users.create').and.not.include('cases.psea');
  });

  it('requires the CSRF proof on unsafe cookie-authenticated requests (403 without)', async () => {
    const login = await api.call('POST', '/api/auth/login', { body: { email: 'admin@example.org', password: PASSWORD } });
    const session = login.headers
      .getSetCookie()
      .find((c) => c.startsWith('faro_session='))!
      .split(';')[0]!;
    const cookie = { cookie: session };
    expect((await api.call('GET', '/api/users', { headers: cookie })).status).to.equal(200);
    const body = { email: 'op@example.org', password: 'a long enough secret', roles: ['operator'] };
    const without = await api.call('POST', '/api/users', { headers: cookie, body });
    expect(without.status).to.equal(403);
    expect(without.json.error.code).to.equal('CsrfFailed');
    const wrong = await api.call('POST', '/api/users', { headers: { ...cookie, 'x-csrf-token': 'forged' }, body });
    expect(wrong.status).to.equal(403);
    const right = await api.call('POST', '/api/users', { headers: { ...cookie, 'x-csrf-token': login.json.csrfToken }, body });
    expect(right.status).to.equal(201);
  });

  it('answers a wrong password, an unknown email, a disabled and a locked account the same way', async () => {
    const id = await api.addStaff('op@example.org', ['operator']);
    await api.addStaff('off@example.org', ['operator']);
    const offId = (await api.store.staff.getByEmail('off@example.org'))!.id;
    await api.call('PATCH', `/api/users/${offId}`, { token: adminToken, body: { disabled: true } });
    const answers = [];
    for (const [email, password] of [
      ['op@example.org', 'wrong password 1'],
      ['nobody@example.org', PASSWORD],
      ['off@example.org', PASSWORD],
    ]) {
      answers.push(await api.call('POST', '/api/auth/login', { body: { email, password } }));
    }
    for (let i = 0; i < 4; i++) await api.call('POST', '/api/auth/login', { body: { email: 'op@example.org', password: 'wrong password 2' } });
    answers.push(await api.call('POST', '/api/auth/login', { body: { email: 'op@example.org', password: PASSWORD } }));
    for (const r of answers) {
      expect(r.status).to.equal(401);
      expect(r.json).to.deep.equal({ error: { code: 'InvalidCredentials', message: 'Wrong email or password.' } });
    }
    expect((await api.store.staff.get(id))!.lockedUntil).to.be.above(api.clock.now);
    api.clock.now += 16 * 60 * 1000;
    expect((await api.call('POST', '/api/auth/login', { body: { email: 'op@example.org', password: PASSWORD } })).status).to.equal(200);
  });

  it('rate-limits logins per account (429 with Retry-After)', async () => {
    let last: Awaited<ReturnType<typeof api.call>> | undefined;
    for (let i = 0; i < 11; i++) last = await api.call('POST', '/api/auth/login', { body: { email: 'nobody@example.org', password: 'wrong password!' } });
    expect(last!.status).to.equal(429);
    expect(last!.headers.get('retry-after')).to.match(/^\d+$/);
    expect((await api.call('POST', '/api/auth/login', { body: { email: 'admin@example.org', password: PASSWORD } })).status).to.equal(200);
  });

  it('rate-limits logins per IP', async () => {
    const small = await startApi({ loginLimitPerIp: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await small.call('POST', '/api/auth/login', { body: { email: `x${i}@example.org`, password: 'wrong password!' } })).status);
      expect(statuses).to.deep.equal([401, 401, 401, 429]);
    } finally {
      await small.close();
    }
  });

  it('logout revokes the token; disabling an account revokes its tokens at once', async () => {
    const id = await api.addStaff('op@example.org', ['operator']);
    const token = await api.login('op@example.org');
    expect((await api.call('GET', '/api/auth/me', { token })).status).to.equal(200);
    await api.call('PATCH', `/api/users/${id}`, { token: adminToken, body: { disabled: true } });
    expect((await api.call('GET', '/api/auth/me', { token })).status).to.equal(401);
    expect((await api.call('POST', '/api/auth/logout', { token: adminToken })).status).to.equal(204);
    expect((await api.call('GET', '/api/auth/me', { token: adminToken })).status).to.equal(401);
  });

  it('expires tokens after 8 hours', async () => {
    api.clock.now += 8 * 3600 * 1000;
    expect((await api.call('GET', '/api/auth/me', { token: adminToken })).status).to.equal(401);
  });

  it('creates, lists and updates users; 409 on a duplicate email or the last admin; 404 on unknown ids', async () => {
    api.clock.now += 1000;
    const created = await api.call('POST', '/api/users', { token: adminToken, body: { email: 'Sup@Example.org', password: 'a long enough secret', roles: ['supervisor'] } });
    expect(created.status).to.equal(201);
    expect(created.json.user).to.not.have.any.keys('passwordHash', 'failedLogins', 'sessionEpoch');
    const dup = await api.call('POST', '/api/users', { token: adminToken, body: { email: 'sup@example.ORG', password: 'a long enough secret', roles: ['analyst'] } });
    expect(dup.status).to.equal(409);
    expect(dup.json.error.code).to.equal('EmailTaken');
    const weak = await api.call('POST', '/api/users', { token: adminToken, body: { email: 'w@example.org', password: 'w@example.org', roles: ['analyst'] } });
    expect(weak.status).to.equal(400);
    expect(weak.json.error.code).to.equal('WeakPassword');
    const list = await api.call('GET', '/api/users', { token: adminToken });
    expect(list.json.users.map((u: { email: string }) => u.email)).to.deep.equal(['admin@example.org', 'Sup@Example.org']);
    const patched = await api.call('PATCH', `/api/users/${created.json.user.id}`, { token: adminToken, body: { roles: ['supervisor', 'operator'] } });
    expect(patched.json.user.roles).to.deep.equal(['supervisor', 'operator']);
    const adminId = list.json.users[0].id;
    const last = await api.call('PATCH', `/api/users/${adminId}`, { token: adminToken, body: { roles: ['analyst'] } });
    expect(last.status).to.equal(409);
    expect(last.json.error.code).to.equal('LastAdmin');
    for (const id of ['0b7a4f3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', 'not-an-id', '%3Cscript%3E']) {
      expect((await api.call('PATCH', `/api/users/${id}`, { token: adminToken, body: { disabled: true } })).status, id).to.equal(404);
    }
  });

  it('audits logins, user changes and audit reads with ids only, newest first, paged', async () => {
    await api.call('POST', '/api/users', { token: adminToken, body: { email: 'op@example.org', password: 'a long enough secret', roles: ['operator'] } });
    await api.call('POST', '/api/auth/login', { body: { email: 'op@example.org', password: 'wrong password!' } });
    const page1 = await api.call('GET', '/api/audit?limit=2', { token: adminToken });
    expect(page1.json.entries.map((e: { action: string }) => e.action)).to.deep.equal(['audit.read', 'auth.login.failed']);
    const page2 = await api.call('GET', `/api/audit?limit=10&cursor=${page1.json.nextCursor}`, { token: adminToken });
    expect(page2.json.entries.map((e: { action: string }) => e.action)).to.deep.equal(['users.create', 'auth.login', 'users.create']);
    expect(page2.json.nextCursor).to.equal(null);
    const all = JSON.stringify(await api.store.audit.list({ limit: 100 }));
    expect(all).not.to.match(/example\.org|secret|horse|scrypt|fs1\./);
  });

  it('answers bad input on every endpoint with a 4xx JSON error, never 5xx, never markup', async () => {
    const bodies = [
      { raw: '{"email": ' },
      { raw: '[]' },
      { raw: 'null' },
      { body: { email: { $gt: '' }, password: { $ne: null } } },
      { body: { email: 'a@example.org', password: 'x'.repeat(2000), roles: ['admin'] } },
      { body: { email: '<script>alert(1)</script>@x.org', password: 'a long enough secret', roles: ['god'] } },
      { body: { roles: 'admin', disabled: 'yes', '<img src=x>': 1 } },
      { body: {} },
      { raw: JSON.stringify({ email: 'a'.repeat(200_000) }) },
      { raw: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    ];
    const { id } = (await api.call('GET', '/api/auth/me', { token: adminToken })).json.user;
    for (const endpoint of ENDPOINTS) {
      const path = endpoint.path.replace('{id}', id);
      if (endpoint.method === 'get' || endpoint.operationId === 'logout') continue; // no body to get wrong
      for (const input of bodies) {
        const r = await api.call(endpoint.method.toUpperCase(), path, { token: adminToken, ...input });
        expect(r.status, `${endpoint.operationId} ${JSON.stringify(input).slice(0, 80)}`).to.be.within(400, 499);
        expect(r.json.error.code).to.be.a('string');
        expect(r.text).not.to.match(/<script|<img/i);
      }
    }
    for (const query of ['limit=0', 'limit=abc', 'limit=1&limit=2', 'limit[$gt]=1', 'cursor=%3Cscript%3E', 'other=1']) {
      expect((await api.call('GET', `/api/audit?${query}`, { token: adminToken })).status, query).to.equal(400);
    }
    for (const authorization of ['Bearer', 'Bearer <script>', 'Basic YTpi', `Bearer ${'x'.repeat(5000)}`, 'Bearer fs1.e30.xx']) {
      expect((await api.call('GET', '/api/auth/me', { headers: { authorization } })).status, authorization).to.equal(401);
    }
  });

  it('serves an OpenAPI 3.1 document naming every route the router mounts, with both security schemes', async () => {
    const r = await api.call('GET', '/api/openapi.json');
    expect(r.json.openapi).to.equal('3.1.0');
    expect(r.json.components.securitySchemes).to.have.keys('bearer', 'cookie');
    const store = createMemoryStore();
    const router = createApiRouter({ store, log: createLogger('silent'), tokenKey: Buffer.alloc(32), person: personLinkFor(store), partners: [], say: (_lang, key) => key });
    const mounted = (router.stack as { route?: { path: string; methods: Record<string, boolean> } }[]).flatMap((layer) =>
      layer.route ? Object.keys(layer.route.methods).map((m) => `${m} ${layer.route!.path}`) : [],
    );
    const documented = Object.entries(r.json.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${expressPath(path)}`));
    expect(mounted.sort()).to.deep.equal(documented.sort());
    expect(r.json.paths['/api/users'].post.requestBody.content['application/json'].schema.properties).to.have.keys('email', 'password', 'roles');
    expect(r.json.paths['/api/users'].post['x-faro-permission']).to.deep.equal(['users.create', 'users.psea']);
    expect(r.json.paths['/api/audit'].get.parameters.map((p: { name: string }) => p.name)).to.deep.equal(['limit', 'cursor']);
  });

  it('leaves other /api paths to other routers (the Bot Framework endpoint)', async () => {
    const other = express.Router();
    other.post('/api/messages', (_req, res) => void res.json({ ok: true }));
    const { createApp } = await import('../../../src/http/app.ts');
    const { startServer } = await import('../../../src/http/server.ts');
    const log = createLogger('silent');
    const store = createMemoryStore();
    const app = createApp({
      log,
      ready: async () => true,
      routers: [createApiRouter({ store, log, tokenKey: Buffer.alloc(32), person: personLinkFor(store), partners: [], say: (_lang, key) => key }), other],
    });
    const server = await startServer({ app, port: 0, host: '127.0.0.1', log });
    try {
      const res = await fetch(`${server.url}/api/messages`, { method: 'POST' });
      expect(res.status).to.equal(200);
    } finally {
      await server.close();
    }
  });
});
