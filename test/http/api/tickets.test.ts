/**
 * The tickets API over real HTTP, on a ticket opened by the real runtime and dialog: the queue
 * with waiting times, the ticket with the person's intake (audited), a claim race between two
 * operators (exactly one wins), notes as escaped JSON and never in the audit log, closing with
 * an outcome, bad input on every endpoint, and PSEA reports that never show up here.
 */
import { expect } from 'chai';
import { type ApiHarness, expectSafe, startApi } from './harness.ts';

const NOTE = 'Dice que vive en <b>Tumbes</b> <script>alert(1)</script> & "llamar" — ñandú 😞\nsegunda línea';
const NATIONALITY = 'apátrida <img src=x onerror=alert(1)>';
const REPORT_TEXT = 'el coordinador Quispe me pidió fotos a cambio de la canasta';

describe('staff API: tickets', () => {
  let api: ApiHarness;
  const tokens: Record<'op1' | 'op2' | 'supervisor' | 'admin', string> = { op1: '', op2: '', supervisor: '', admin: '' };
  const ids = { ...tokens };
  let ref: string;
  let openedAt: number;

  async function say(conversationId: string, ...texts: string[]): Promise<void> {
    for (const text of texts) await api.chat(conversationId, text);
  }
  const call = (who: keyof typeof tokens, method: string, path: string, init: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}) =>
    api.call(method, path, { token: tokens[who], ...init });

  before(async () => {
    api = await startApi({ loginLimitPerIp: 1000 });
    for (const [who, roles] of [
      ['op1', ['operator']],
      ['op2', ['operator']],
      ['supervisor', ['supervisor']],
      ['admin', ['admin']],
    ] as const) {
      ids[who] = await api.addStaff(`${who}@example.org`, [...roles]);
      tokens[who] = await api.login(`${who}@example.org`);
    }
    openedAt = api.clock.now;
    await say('t', 'hola', 'es', 'acepto', 'hablar con una persona');
    const tickets = await api.store.tickets.list();
    expect(tickets).to.have.length(1);
    ref = tickets[0]!.ref;
    expect(tickets[0]).to.include({ status: 'open', reason: 'handoff', channel: 'test' });
    // What the person registered earlier (the registration flow saves it the same way).
    await api.store.contacts.saveIntake(tickets[0]!.contactKey, { ageGroup: '18_59', nationality: NATIONALITY, region: 'tumbes', needs: ['health'] }, api.clock.now);
    // A sealed report filed through the dialog, and a ticket no dialog opens today but a bug might.
    await say('p', 'el de la ONG me pide fotos', 'Reportar de forma confidencial', 'Anónimo, sin contacto', REPORT_TEXT);
    await api.store.tickets.open({ ref: 'PSE-AAA', contactKey: 'test:p', channel: 'test', reason: 'psea', status: 'open', lang: 'es', createdAt: openedAt, updatedAt: openedAt });
  });
  after(async () => {
    await api.close();
  });

  it('lists the ticket in the queue with its waiting time, for operators and supervisors', async () => {
    api.clock.now = openedAt + 90_000;
    for (const who of ['op1', 'supervisor'] as const) {
      const r = await call(who, 'GET', '/api/tickets?status=open');
      expect(r.status, r.text).to.equal(200);
      expect(r.json.tickets).to.have.length(1);
      expect(r.json.tickets[0]).to.deep.equal({
        ref,
        channel: 'test',
        reason: 'handoff',
        status: 'open',
        lang: 'es',
        createdAt: new Date(openedAt).toISOString(),
        updatedAt: new Date(openedAt).toISOString(),
        waitingMs: 90_000,
      });
    }
    expect((await call('op1', 'GET', '/api/tickets')).json.tickets).to.have.length(1);
    expect((await call('op1', 'GET', '/api/tickets?status=claimed')).json.tickets).to.deep.equal([]);
    expect((await call('admin', 'GET', '/api/tickets')).status).to.equal(403);
  });

  it("reads the ticket with the person's intake and transcript, without a contact key, and audits the read", async () => {
    const r = await call('op1', 'GET', `/api/tickets/${ref}`);
    expect(r.status, r.text).to.equal(200);
    expectSafe(r);
    expect(r.json.intake).to.deep.equal({ ageGroup: '18_59', nationality: NATIONALITY, region: 'tumbes', needs: ['health'] });
    expect(r.text).to.contain('\\u003cimg');
    expect(r.json.ticket).to.include({ ref, status: 'open' });
    expect(r.json.ticket.notes).to.deep.equal([]);
    expect(r.json.transcript).to.be.an('array');
    expect(r.json.ticket).not.to.have.any.keys('contactKey', 'transcript', 'waitingMs');
    const [entry] = await api.store.audit.list({ limit: 1 });
    expect(entry).to.include({ actor: ids.op1, action: 'tickets.read', target: ref });
    expect(entry!.details).to.deep.equal({ intake: true, lines: r.json.transcript.length });

    // Once consent is withdrawn the intake is no longer shown, even if erasure has not run yet.
    const contactKey = (await api.store.tickets.get(ref))!.contactKey;
    const contact = (await api.store.contacts.get(contactKey))!;
    await api.store.contacts.upsert({ ...contact, consent: 'withdrawn' });
    expect((await call('op1', 'GET', `/api/tickets/${ref}`)).json.intake).to.equal(null);
    await api.store.contacts.upsert(contact);
  });

  it('lets exactly one of two operators claiming at once win; the other gets 409 AlreadyClaimed', async () => {
    api.clock.now += 1000;
    const [a, b] = await Promise.all([call('op1', 'POST', `/api/tickets/${ref}/claim`), call('op2', 'POST', `/api/tickets/${ref}/claim`)]);
    expect([a.status, b.status].sort()).to.deep.equal([200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    const winner = a.status === 200 ? 'op1' : 'op2';
    expect(lost.json).to.deep.equal({ error: { code: 'AlreadyClaimed', message: 'Another staff member has claimed this ticket.' } });
    expect(won.json.ticket).to.include({ status: 'claimed', claimedBy: ids[winner], claimedAt: new Date(api.clock.now).toISOString() });
    // The holder may repeat the call (a retried request); the other still may not.
    expect((await call(winner, 'POST', `/api/tickets/${ref}/claim`)).status).to.equal(200);
    expect((await call(winner === 'op1' ? 'op2' : 'op1', 'POST', `/api/tickets/${ref}/claim`)).status).to.equal(409);
    const claimed = (await call('supervisor', 'GET', '/api/tickets?status=claimed')).json.tickets;
    expect(claimed.map((t: { ref: string }) => t.ref)).to.deep.equal([ref]);
    expect(claimed[0]).not.to.have.property('waitingMs');
    expect((await call('op1', 'GET', '/api/tickets?status=open')).json.tickets).to.deep.equal([]);
    const claims = (await api.store.audit.list({ limit: 100 })).filter((e) => e.action === 'tickets.claim');
    expect(claims.map((e) => [e.actor, e.target])).to.deep.equal([
      [ids[winner], ref],
      [ids[winner], ref],
    ]);
  });

  it('adds internal notes as escaped JSON, and audits them without the text', async () => {
    api.clock.now += 1000;
    // The claim race above has a random winner: the holder writes, the other operator may not (issue 10, finding 4).
    const holder = (await api.store.tickets.get(ref))!.claimedBy === ids.op1 ? 'op1' : 'op2';
    const other = holder === 'op1' ? 'op2' : 'op1';
    const r = await call(holder, 'POST', `/api/tickets/${ref}/notes`, { body: { text: NOTE } });
    expect(r.status, r.text).to.equal(201);
    expectSafe(r);
    expect(r.text).to.contain('\\u003cscript\\u003e').and.contain('\\u0026');
    expect(r.json.ticket.notes).to.deep.equal([{ staffId: ids[holder], text: NOTE, at: new Date(api.clock.now).toISOString() }]);
    const refused = await call(other, 'POST', `/api/tickets/${ref}/notes`, { body: { text: 'no me toca' } });
    expect([refused.status, refused.json.error.code]).to.deep.equal([403, 'ClaimedByAnother']);
    await call('supervisor', 'POST', `/api/tickets/${ref}/notes`, { body: { text: '  segunda nota  ' } });
    const read = await call(holder, 'GET', `/api/tickets/${ref}`);
    expect(read.json.ticket.notes.map((note: { text: string }) => note.text)).to.deep.equal([NOTE, 'segunda nota']);
    // Another operator sees the queue entry only: no notes, no intake, no transcript.
    const theirs = await call(other, 'GET', `/api/tickets/${ref}`);
    expect([theirs.status, theirs.json.ticket.notes, theirs.json.intake, theirs.json.transcript]).to.deep.equal([200, [], null, []]);
    // The queue shows no notes.
    expect((await call(other, 'GET', '/api/tickets')).text).not.to.contain('Tumbes');
    const audit = await api.store.audit.list({ limit: 100 });
    expect(audit.filter((e) => e.action === 'tickets.note').map((e) => e.actor)).to.deep.equal([ids.supervisor, ids[holder]]);
    expect(JSON.stringify(audit)).not.to.match(/Tumbes|segunda|nota/);
  });

  it('closes with an outcome once, by the claimant or a supervisor (another operator gets 403); a closed ticket cannot be claimed or closed again', async () => {
    api.clock.now += 1000;
    const claimant = (await call('op1', 'GET', `/api/tickets/${ref}`)).json.ticket.claimedBy === ids.op1 ? 'op1' : 'op2';
    const other = claimant === 'op1' ? 'op2' : 'op1';
    const refused = await call(other, 'POST', `/api/tickets/${ref}/close`, { body: { outcome: 'resolved' } });
    expect([refused.status, refused.json.error.code]).to.deep.equal([403, 'ClaimedByAnother']);
    // A supervisor may close a ticket someone else claimed (a shift ends, a case is reassigned).
    const r = await call('supervisor', 'POST', `/api/tickets/${ref}/close`, { body: { outcome: 'referred' } });
    expect(r.status, r.text).to.equal(200);
    expect(r.json.ticket).to.include({ status: 'closed', outcome: 'referred', closedBy: ids.supervisor, closedAt: new Date(api.clock.now).toISOString() });
    expect(r.json.ticket.claimedBy).to.be.a('string');
    const again = await call(claimant, 'POST', `/api/tickets/${ref}/close`, { body: { outcome: 'resolved' } });
    expect([again.status, again.json.error.code]).to.deep.equal([409, 'TicketClosed']);
    const claim = await call('op2', 'POST', `/api/tickets/${ref}/claim`);
    expect([claim.status, claim.json.error.code]).to.deep.equal([409, 'TicketClosed']);
    expect((await call('op1', 'GET', '/api/tickets?status=closed')).json.tickets.map((t: { ref: string }) => t.ref)).to.deep.equal([ref]);
    const [entry] = (await api.store.audit.list({ limit: 100 })).filter((e) => e.action === 'tickets.close');
    expect(entry).to.include({ actor: ids.supervisor, target: ref });
    expect(entry!.details).to.deep.equal({ outcome: 'referred' });
  });

  it('never shows a PSEA report or a psea ticket, through any tickets endpoint', async () => {
    const [report] = await api.store.pseaReports.list();
    expect(report!.text).to.equal(REPORT_TEXT);
    for (const who of ['op1', 'supervisor'] as const) {
      for (const query of ['', '?status=open', '?status=claimed', '?status=closed']) {
        const r = await call(who, 'GET', `/api/tickets${query}`);
        expect(r.text).not.to.contain('PSE-AAA').and.not.to.contain(report!.code).and.not.to.contain('Quispe');
        expect(r.text).not.to.match(/"psea"/);
      }
      const unknown = await call(who, 'GET', '/api/tickets/NOT-THERE');
      for (const code of ['PSE-AAA', report!.code]) {
        for (const [method, path, body] of [
          ['GET', `/api/tickets/${code}`, undefined],
          ['POST', `/api/tickets/${code}/claim`, undefined],
          ['POST', `/api/tickets/${code}/notes`, { text: 'x' }],
          ['POST', `/api/tickets/${code}/close`, { outcome: 'other' }],
        ] as const) {
          const r = await call(who, method, path, { body });
          expect([r.status, r.json], `${method} ${path}`).to.deep.equal([unknown.status, unknown.json]);
        }
      }
    }
    expect(await api.store.tickets.get('PSE-AAA'))
      .to.include({ status: 'open' })
      .and.not.to.have.property('notes');
    expect(JSON.stringify(await api.store.audit.list({ limit: 1000 }))).not.to.match(/PSE-AAA|psea/);
  });

  it('answers bad input on every tickets endpoint with a 4xx JSON error, never 5xx, never markup', async () => {
    await api.store.tickets.open({ ref: 'BAD-INP', contactKey: 'test:bad', channel: 'test', reason: 'handoff', status: 'open', lang: 'es', createdAt: openedAt, updatedAt: openedAt });
    const common = [
      { raw: '{"text": ' },
      { raw: '[]' },
      { raw: 'null' },
      { raw: '"x"' },
      { raw: 'text=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { raw: JSON.stringify({ text: 'a'.repeat(200_000) }) },
      { body: { '<img src=x>': 1 } },
    ];
    const cases: [string, { body?: unknown; raw?: string; headers?: Record<string, string> }[]][] = [
      [
        'notes',
        [
          ...common,
          { body: {} },
          { body: { text: '' } },
          { body: { text: '   ' } },
          { body: { text: 'x'.repeat(2001) } },
          { body: { text: 42 } },
          { body: { text: { $ne: null } } },
          { body: { text: ['a'] } },
          { body: { text: 'ok', staffId: 'x' } },
        ],
      ],
      [
        'close',
        [
          ...common,
          { body: {} },
          { body: { outcome: 'done' } },
          { body: { outcome: '<script>alert(1)</script>' } },
          { body: { outcome: { $ne: null } } },
          { body: { outcome: 'resolved', note: 'x' } },
          { body: { outcome: ['resolved'] } },
        ],
      ],
      ['claim', [{ raw: '{"x": ' }, { raw: '[]' }, { raw: '"x"' }, { body: { staffId: 'someone' } }, { body: { '<img src=x>': 1 } }]],
    ];
    for (const [action, bodies] of cases) {
      for (const input of bodies) {
        const r = await call('op1', 'POST', `/api/tickets/BAD-INP/${action}`, input);
        expect(r.status, `${action} ${JSON.stringify(input).slice(0, 80)}`).to.be.within(400, 499);
        expect(r.json.error.code).to.be.a('string');
        expectSafe(r, action);
      }
    }
    expect(await api.store.tickets.get('BAD-INP'), 'refused input changes nothing').to.not.have.any.keys('notes', 'claimedBy', 'outcome');
    for (const bad of ['NOT-THERE', '%3Cscript%3E', 'a'.repeat(40), '..%2F..%2Fetc', '%00']) {
      for (const [method, path, body] of [
        ['GET', `/api/tickets/${bad}`, undefined],
        ['POST', `/api/tickets/${bad}/claim`, undefined],
        ['POST', `/api/tickets/${bad}/notes`, { text: 'x' }],
        ['POST', `/api/tickets/${bad}/close`, { outcome: 'other' }],
      ] as const) {
        const r = await call('op1', method, path, { body });
        expect(r.status, `${method} ${path}`).to.equal(404);
        expectSafe(r);
      }
    }
    for (const query of ['status=', 'status=done', 'status=open&status=closed', 'status[$ne]=x', 'other=1', 'status=%3Cscript%3E']) {
      const r = await call('op1', 'GET', `/api/tickets?${query}`);
      expect(r.status, query).to.equal(400);
      expectSafe(r);
    }
  });
});
