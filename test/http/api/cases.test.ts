/**
 * The cases API and the SEALED PSEA reports API over real HTTP, with records filed by the real
 * runtime and dialog: a PSEA report is invisible to every role but psea_focal through every
 * endpoint, reads and changes go to the sealed trail only, and a person's words come back as
 * escaped JSON.
 */
import { expect } from 'chai';
import { STAFF_ROLES, type StaffRole } from '../../../src/core/staff.ts';
import { ENDPOINTS, type Endpoint } from '../../../src/http/api/endpoints.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { ticketRef } from '../../../src/runtime/refs.ts';
import { TurnRuntime } from '../../../src/runtime/turns.ts';
import { faroDialog } from '../../support/dialog.ts';
import { startApi, type Answer, type ApiHarness } from './harness.ts';
import { helpdesk } from '../../../src/helpdesk/index.ts';

const REPORT_TEXT = 'el coordinador Quispe del comedor me pidió fotos <script>alert(1)</script>';
const COMPLAINT_TEXT = 'no me dejaron entrar al comedor <img src=x onerror=alert(1)> & "ya"';
const FORBIDDEN = { error: { code: 'Forbidden', message: 'Your role does not allow this.' } };

describe('staff API: cases and sealed PSEA reports', () => {
  let api: ApiHarness;
  let runtime: TurnRuntime;
  const tokens = {} as Record<StaffRole, string>;
  const ids = {} as Record<StaffRole, string>;
  let reportCode: string;
  let complaintRef: string;
  let n = 0;

  async function say(conversationId: string, ...texts: string[]): Promise<void> {
    for (const text of texts) await runtime.handle({ channel: 'test', conversationId, messageId: `m${++n}`, text });
  }

  before(async () => {
    api = await startApi({ loginLimitPerIp: 1000 });
    runtime = new TurnRuntime({ store: api.store, ...helpdesk(api.store), dialog: faroDialog(), log: createLogger('silent'), ticketRef, now: () => api.clock.now });
    runtime.register('test', { deliver: async () => undefined });
    for (const role of STAFF_ROLES) {
      ids[role] = await api.addStaff(`${role}@example.org`, [role]);
      tokens[role] = await api.login(`${role}@example.org`);
    }
    await say('p', 'el de la ONG me pide fotos', 'Reportar de forma confidencial', 'Anónimo, sin contacto', REPORT_TEXT);
    await say('q', 'hola', 'es', 'acepto', 'quiero poner una queja', 'Presentar una queja', COMPLAINT_TEXT);
    const [report] = await api.store.pseaReports.list();
    const [complaint] = await api.store.cases.list();
    reportCode = report!.code;
    complaintRef = complaint!.ref;
    expect(report!.text).to.equal(REPORT_TEXT);
    expect(complaint!.text).to.equal(COMPLAINT_TEXT);
  });
  after(async () => {
    await runtime.close();
    await api.close();
  });

  function expectSafe(r: Answer, what = ''): void {
    expect(r.headers.get('content-type'), what).to.match(/^application\/json/);
    // The app's body parser answers before any router, with fixed texts (src/http/errors.ts).
    const fromParser = r.status === 413 || r.status === 415 || (r.status === 400 && /request body/.test(String(r.json.error?.message)));
    if (!fromParser) expect(r.headers.get('x-content-type-options'), what).to.equal('nosniff');
    expect(r.text).not.to.match(/<script|<img|onerror=alert\(1\)>/i);
  }

  /** Every GET the API has, with each path parameter set to the report's code (or the caller's id), each cases type and status. */
  function everyRead(role: StaffRole): string[] {
    const paths: string[] = [];
    for (const endpoint of ENDPOINTS as readonly Endpoint[]) {
      // The live stream never ends: its sealing is checked in events.test.ts.
      if (endpoint.method !== 'get' || endpoint.operationId === 'events') continue;
      const path = endpoint.path.replace('{id}', ids[role]).replace(/\{\w+\}/g, reportCode);
      if (endpoint.operationId === 'listCases') {
        for (const type of ['complaint', 'feedback', 'psea']) for (const status of ['', '&status=open', '&status=in_progress']) paths.push(`${path}?type=${type}${status}`);
      } else paths.push(path);
    }
    paths.push('/api/audit?limit=200', `/api/cases/${reportCode.toLowerCase()}`, `/api/psea-reports/${complaintRef}`);
    return paths;
  }

  it('hides the report from every role but psea_focal, through every endpoint', async () => {
    for (const role of STAFF_ROLES.filter((r) => r !== 'psea_focal')) {
      for (const path of everyRead(role)) {
        const r = await api.call('GET', path, { token: tokens[role] });
        expectSafe(r);
        expect(r.text, `${role} ${path}`).not.to.contain(reportCode);
        expect(r.text, `${role} ${path}`).not.to.contain('Quispe');
        // The document describes the report endpoints (their shapes, not any report).
        if (!path.endsWith('openapi.json')) expect(r.text, `${role} ${path}`).not.to.match(/"reports"|psea\.(list|read|status)/);
      }
      // Asking for reports is refused exactly like an endpoint the role may not use at all,
      // whether the code exists or not: no count, no oracle.
      const refusals = [
        await api.call('GET', '/api/cases?type=psea', { token: tokens[role] }),
        await api.call('GET', '/api/cases?type=psea&status=bogus&x=1', { token: tokens[role] }),
        await api.call('GET', `/api/psea-reports/${reportCode}`, { token: tokens[role] }),
        await api.call('GET', '/api/psea-reports/NOT-THERE', { token: tokens[role] }),
        await api.call('GET', '/api/psea-audit', { token: tokens[role] }),
        await api.call('POST', `/api/psea-reports/${reportCode}/status`, { token: tokens[role], body: { status: 'closed' } }),
        await api.call('POST', '/api/psea-reports/NOT-THERE/status', { token: tokens[role], body: { status: 'closed' } }),
      ];
      // Malformed JSON is refused by the app's body parser before any route: for everyone alike.
      const badJson = await api.call('POST', `/api/psea-reports/${reportCode}/status`, { token: tokens[role], raw: '{bad json' });
      const elsewhere = await api.call('POST', '/api/users', { token: tokens[role], raw: '{bad json' });
      expect([badJson.status, badJson.json]).to.deep.equal([elsewhere.status, elsewhere.json]);
      for (const r of refusals) {
        expect(r.status, `${role} ${r.text}`).to.equal(403);
        expect(r.json).to.deep.equal(FORBIDDEN);
      }
      // A case reference that happens to be a report's code is just an unknown case.
      if (role === 'operator' || role === 'supervisor') {
        const asCase = await api.call('GET', `/api/cases/${reportCode}`, { token: tokens[role] });
        const unknown = await api.call('GET', '/api/cases/NOT-THERE', { token: tokens[role] });
        expect([asCase.status, asCase.json]).to.deep.equal([unknown.status, unknown.json]);
        expect(asCase.status).to.equal(404);
      }
    }
    expect((await api.store.pseaReports.get(reportCode))?.status, 'refused changes change nothing').to.equal('open');
  });

  it('shows psea_focal the anonymous report, lets them move it on, and audits that in the sealed trail only', async () => {
    const token = tokens.psea_focal;
    const list = await api.call('GET', '/api/cases?type=psea', { token });
    expectSafe(list);
    expect(list.json.reports).to.have.length(1);
    const [listed] = list.json.reports;
    expect(listed).to.include({ code: reportCode, text: REPORT_TEXT, contact: 'anonymous', status: 'open' });
    expect(listed).not.to.have.any.keys('contactKey', 'channel', 'phone');
    expect(list.text).to.contain('\\u003cscript\\u003e');

    const one = await api.call('GET', `/api/psea-reports/${reportCode}`, { token });
    expect(one.json.report).to.deep.equal(listed);
    api.clock.now += 1000;
    const moved = await api.call('POST', `/api/psea-reports/${reportCode}/status`, { token, body: { status: 'in_progress' } });
    expect(moved.json.report).to.include({ status: 'in_progress', updatedAt: new Date(api.clock.now).toISOString(), text: REPORT_TEXT });
    expect((await api.call('GET', '/api/cases?type=psea&status=open', { token })).json.reports).to.deep.equal([]);
    expect((await api.call('GET', '/api/cases?type=psea&status=in_progress', { token })).json.reports).to.have.length(1);
    // psea_focal may not read complaints: the seal works both ways.
    expect((await api.call('GET', '/api/cases?type=complaint', { token })).json).to.deep.equal(FORBIDDEN);

    const trail = await api.call('GET', '/api/psea-audit?limit=3', { token });
    expectSafe(trail);
    expect(trail.json.entries.map((e: { action: string }) => e.action)).to.deep.equal(['psea.audit.read', 'psea.list', 'psea.list']);
    const rest = await api.call('GET', `/api/psea-audit?limit=50&cursor=${trail.json.nextCursor}`, { token });
    expect(rest.json.entries.map((e: { action: string; target?: string }) => [e.action, e.target ?? null])).to.deep.equal([
      ['psea.status', reportCode],
      ['psea.read', reportCode],
      ['psea.list', null],
      // the focal point's account, created at the start: grants of the sealed role are sealed too
      ['users.psea.grant', ids.psea_focal],
    ]);
    expect(JSON.stringify(trail.json) + JSON.stringify(rest.json)).not.to.contain('Quispe');

    // The admin's audit log, paged to its end, never shows any of it; nor does the store's.
    const seen: { action: string; target?: string; actor: string }[] = [];
    let cursor = '';
    for (;;) {
      const page = await api.call('GET', `/api/audit?limit=2${cursor}`, { token: tokens.admin });
      seen.push(...page.json.entries);
      if (page.json.nextCursor === null) break;
      cursor = `&cursor=${page.json.nextCursor}`;
    }
    const stored = await api.store.audit.list({ limit: 10_000 });
    expect(seen.length).to.be.at.most(stored.length);
    for (const entry of [...seen, ...stored]) {
      expect(entry.action).not.to.match(/^psea/);
      expect(entry.target ?? '').not.to.equal(reportCode);
      expect(JSON.stringify(entry)).not.to.match(/psea\.|Quispe/);
    }
    expect(stored.filter((e) => e.actor === ids.psea_focal).map((e) => e.action)).to.deep.equal(['auth.login']);
  });

  it('shows a complaint filed through the runtime to operators and supervisors, audits reads, and moves it on', async () => {
    for (const role of ['operator', 'supervisor'] as const) {
      const list = await api.call('GET', '/api/cases?type=complaint', { token: tokens[role] });
      expectSafe(list);
      expect(list.json.cases.map((c: { ref: string }) => c.ref)).to.deep.equal([complaintRef]);
      expect(list.json.cases[0]).to.include({ type: 'complaint', text: COMPLAINT_TEXT, status: 'open', channel: 'test' });
      expect(list.json.cases[0]).not.to.have.property('contactKey');
      expect((await api.call('GET', '/api/cases?type=feedback', { token: tokens[role] })).json.cases).to.deep.equal([]);
    }
    const one = await api.call('GET', `/api/cases/${complaintRef}`, { token: tokens.operator });
    expectSafe(one);
    expect(one.json.case.text).to.equal(COMPLAINT_TEXT);
    expect(one.text).to.contain('\\u003cimg').and.contain('\\u0026');

    api.clock.now += 1000;
    const outcome = 'Hablamos con el comedor <b>y</b> lo dejarán entrar';
    const moved = await api.call('POST', `/api/cases/${complaintRef}/status`, { token: tokens.supervisor, body: { status: 'closed', outcome } });
    expectSafe(moved);
    expect(moved.json.case).to.include({ status: 'closed', outcome, updatedAt: new Date(api.clock.now).toISOString() });
    const reopened = await api.call('POST', `/api/cases/${complaintRef}/status`, { token: tokens.operator, body: { status: 'in_progress' } });
    expect(reopened.json.case).to.include({ status: 'in_progress', outcome });
    expect((await api.call('GET', '/api/cases?type=complaint&status=closed', { token: tokens.operator })).json.cases).to.deep.equal([]);

    const audit = (await api.store.audit.list({ limit: 10_000 })).filter((e) => e.action.startsWith('cases.'));
    const reads = audit.filter((e) => e.action === 'cases.read');
    expect(reads.map((e) => [e.actor, e.target])).to.deep.include([ids.operator, complaintRef]);
    expect(audit.filter((e) => e.action === 'cases.status').map((e) => e.details)).to.deep.equal([
      { status: 'in_progress', outcome: false },
      { status: 'closed', outcome: true },
    ]);
    expect(JSON.stringify(audit)).not.to.match(/comedor|Hablamos/);
  });

  it('answers bad input on every new endpoint with a 4xx JSON error, never 5xx, never markup', async () => {
    const bodies = [
      { raw: '{"status": ' },
      { raw: '[]' },
      { raw: 'null' },
      { raw: '"closed"' },
      { body: { status: { $ne: null } } },
      { body: { status: 'closed', outcome: { $gt: '' } } },
      { body: { status: 'closed', outcome: 42 } },
      { body: { status: 'closed', outcome: 'x'.repeat(2001) } },
      { body: { status: 'closed', outcome: '   ' } },
      { body: { status: '<script>alert(1)</script>' } },
      { body: { status: 'closed', '<img src=x>': 1 } },
      { body: {} },
      { raw: 'status=closed', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { raw: JSON.stringify({ status: 'closed', outcome: 'a'.repeat(200_000) }) },
    ];
    const posts: [string, StaffRole][] = [
      [`/api/cases/${complaintRef}/status`, 'operator'],
      [`/api/psea-reports/${reportCode}/status`, 'psea_focal'],
    ];
    for (const [path, role] of posts) {
      for (const input of bodies) {
        const r = await api.call('POST', path, { token: tokens[role], ...input });
        expect(r.status, `${path} ${JSON.stringify(input).slice(0, 80)}`).to.be.within(400, 499);
        expect(r.json.error.code).to.be.a('string');
        expectSafe(r);
      }
    }
    // Unknown or impossible references: 404, the same answer either way.
    for (const ref of ['NOT-THERE', '%3Cscript%3E', 'a'.repeat(40), '..%2F..%2Fetc', '%00']) {
      for (const [method, path, role] of [
        ['GET', `/api/cases/${ref}`, 'operator'],
        ['POST', `/api/cases/${ref}/status`, 'operator'],
        ['GET', `/api/psea-reports/${ref}`, 'psea_focal'],
        ['POST', `/api/psea-reports/${ref}/status`, 'psea_focal'],
      ] as const) {
        const r = await api.call(method, path, { token: tokens[role], ...(method === 'POST' ? { body: { status: 'closed' } } : {}) });
        expect(r.status, `${method} ${path}`).to.equal(404);
        expectSafe(r, `${method} ${path}`);
      }
    }
    for (const query of [
      '',
      'type=',
      'type=other',
      'type=complaint&type=feedback',
      'type[$ne]=x',
      'type=complaint&status=done',
      'type=complaint&status[$gt]=',
      'type=complaint&other=1',
      'type=%3Cscript%3E',
    ]) {
      const r = await api.call('GET', `/api/cases?${query}`, { token: tokens.operator });
      expect(r.status, query).to.equal(400);
      expectSafe(r);
    }
    for (const query of ['limit=0', 'limit=abc', 'cursor=%3Cscript%3E', 'other=1']) {
      expect((await api.call('GET', `/api/psea-audit?${query}`, { token: tokens.psea_focal })).status, query).to.equal(400);
    }
  });
});
