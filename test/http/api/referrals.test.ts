/**
 * The partners and referrals API over real HTTP, on tickets opened by the real runtime and
 * dialog: the directory with its filter, referring a person (they hear of it on their channel,
 * in their language, never the internal note), the partner's answers (also after the ticket is
 * closed), a status race (exactly one wins), psea tickets that have no referrals, audit entries
 * without the note, and bad input on every endpoint.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Ticket } from '../../../src/core/domain.ts';
import { type ApiHarness, expectSafe, startApi } from './harness.ts';

const NOTE = 'Vive con su bebé en <b>Tumbes</b> <script>alert(1)</script> & "urgente" — ñandú 😞';
const at = Date.UTC(2026, 0, 10, 11);

describe('staff API: partners and referrals', () => {
  let api: ApiHarness;
  const tokens = { operator: '', supervisor: '', admin: '' };
  const ids = { ...tokens };
  /** The tickets of a person writing in Spanish and one writing in English. */
  let es: Ticket;
  let en: Ticket;
  const call = (who: keyof typeof tokens, method: string, path: string, init: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}) =>
    api.call(method, path, { token: tokens[who], ...init });

  /** What the person last received on the `test` channel. */
  function lastTold(conversationId: string): string {
    return api.delivered.get(conversationId)!.at(-1)!.reply.text;
  }
  async function ticketOf(conversationId: string, ...texts: string[]): Promise<Ticket> {
    for (const text of texts) await api.chat(conversationId, text);
    const ticket = (await api.store.tickets.list()).find((t) => t.contactKey === `test:${conversationId}`);
    expect(ticket, conversationId).to.include({ status: 'open', reason: 'handoff' });
    return ticket!;
  }
  /** Partners answer days later: the clock moves on, and staff log in again (sessions last 8 hours). */
  async function daysLater(days: number): Promise<void> {
    api.clock.now += days * 86_400_000;
    for (const who of ['operator', 'supervisor', 'admin'] as const) tokens[who] = await api.login(`${who}@example.org`);
  }
  async function refer(ticket: Ticket, body: unknown = { partnerId: 'oim' }): Promise<string> {
    const r = await call('operator', 'POST', `/api/tickets/${ticket.ref}/referrals`, { body });
    expect(r.status, r.text).to.equal(201);
    return r.json.referral.id as string;
  }

  before(async () => {
    api = await startApi({ loginLimitPerIp: 1000 });
    for (const who of ['operator', 'supervisor', 'admin'] as const) {
      ids[who] = await api.addStaff(`${who}@example.org`, [who]);
      tokens[who] = await api.login(`${who}@example.org`);
    }
    es = await ticketOf('es', 'hola', 'es', 'acepto', 'quiero hablar con una persona');
    en = await ticketOf('en', 'hello', 'en', 'I accept', 'talk to a person');
    expect([es.lang, en.lang]).to.deep.equal(['es', 'en']);
  });
  after(async () => {
    await api.close();
  });

  it('lists the partner directory, filtered by service and region', async () => {
    const all = await call('operator', 'GET', '/api/partners');
    expect(all.status, all.text).to.equal(200);
    expect(all.json.partners.map((p: { id: string }) => p.id)).to.include.members(['acnur', 'oim', 'unicef', 'sunafil']);
    expect(all.json.partners.find((p: { id: string }) => p.id === 'unicef'))
      .to.include({ name: 'UNICEF Perú' })
      .and.to.have.keys('id', 'name', 'services', 'regions', 'contact', 'howToRefer', 'sample');
    const health = (await call('supervisor', 'GET', '/api/partners?service=health')).json.partners as { id: string; services: string[] }[];
    expect(health.map((p) => p.id))
      .to.include('unicef')
      .and.not.include('oim');
    expect(health.every((p) => p.services.includes('health'))).to.equal(true);
    const piura = (await call('operator', 'GET', '/api/partners?service=employment&region=Piura')).json.partners as { id: string; regions: string[] }[];
    expect(piura.map((p) => p.id)).to.include('sunafil');
    expect(piura.every((p) => p.regions.includes('*') || p.regions.includes('Piura'))).to.equal(true);
    expect((await call('admin', 'GET', '/api/partners')).status).to.equal(403);
  });

  it('refers a person: the referral is answered without the contact key, and the person is told in Spanish, never the note', async () => {
    const r = await call('operator', 'POST', `/api/tickets/${es.ref}/referrals`, { body: { partnerId: 'unicef', service: 'health', note: NOTE } });
    expect(r.status, r.text).to.equal(201);
    expectSafe(r);
    expect(r.text).to.contain('\\u003cscript\\u003e').and.contain('\\u0026');
    const when = new Date(api.clock.now).toISOString();
    expect(r.json).to.deep.equal({
      referral: {
        id: r.json.referral.id,
        ticketRef: es.ref,
        partnerId: 'unicef',
        service: 'health',
        note: NOTE,
        status: 'sent',
        createdBy: ids.operator,
        createdAt: when,
        updatedAt: when,
        history: [{ status: 'sent', by: ids.operator, at: when }],
      },
      personTold: true,
    });
    expect(lastTold('es')).to.equal(`Te hemos derivado a UNICEF Perú. Ellos se pondrán en contacto contigo o te diremos cómo seguir. Tu número de caso sigue siendo ${es.ref}.`);
    const transcript = (await call('operator', 'GET', `/api/tickets/${es.ref}`)).json.transcript as { from: string; text: string }[];
    expect(transcript.at(-1)).to.include({ text: lastTold('es') });
    expect(JSON.stringify(api.delivered.get('es'))).not.to.contain('Tumbes');
    expect(JSON.stringify(transcript)).not.to.contain('Tumbes');
  });

  it("records the partner's answers, telling the person each one in their language", async () => {
    const [referral] = (await call('operator', 'GET', `/api/tickets/${es.ref}/referrals`)).json.referrals as { id: string }[];
    await daysLater(1);
    const accepted = await call('supervisor', 'PATCH', `/api/referrals/${referral!.id}`, { body: { status: 'accepted' } });
    expect(accepted.status, accepted.text).to.equal(200);
    expect(accepted.json.personTold).to.equal(true);
    expect(accepted.json.referral).to.include({ status: 'accepted', updatedAt: new Date(api.clock.now).toISOString(), note: NOTE });
    expect(accepted.json.referral.history.map((h: { status: string; by: string }) => [h.status, h.by])).to.deep.equal([
      ['sent', ids.operator],
      ['accepted', ids.supervisor],
    ]);
    expect(lastTold('es')).to.equal(`UNICEF Perú aceptó atender tu caso (${es.ref}). Te contactarán pronto.`);
    const done = await call('operator', 'PATCH', `/api/referrals/${referral!.id}`, { body: { status: 'done' } });
    expect(done.json.referral.status).to.equal('done');
    expect(lastTold('es')).to.match(/^UNICEF Perú nos informa que terminó de atender tu caso/);

    await refer(en, { partnerId: 'oim', service: 'housing' });
    expect(lastTold('en')).to.equal(`We have referred you to OIM / IOM Perú. They will contact you, or we will tell you how to continue. Your case number is still ${en.ref}.`);
  });

  it('tells the person the answer even after their ticket is closed, but refers no one from a closed ticket', async () => {
    const [referral] = (await call('operator', 'GET', `/api/tickets/${en.ref}/referrals`)).json.referrals as { id: string }[];
    const closed = await call('supervisor', 'POST', `/api/tickets/${en.ref}/close`, { body: { outcome: 'referred' } });
    expect(closed.status, closed.text).to.equal(200);
    await daysLater(3);
    const declined = await call('operator', 'PATCH', `/api/referrals/${referral!.id}`, { body: { status: 'declined' } });
    expect(declined.status, declined.text).to.equal(200);
    expect(declined.json.personTold).to.equal(true);
    expect(lastTold('en')).to.equal(`OIM / IOM Perú cannot take your case (${en.ref}). Someone from our team will look for another option with you.`);
    const again = await call('operator', 'POST', `/api/tickets/${en.ref}/referrals`, { body: { partnerId: 'acnur' } });
    expect([again.status, again.json]).to.deep.equal([409, { error: { code: 'TicketClosed', message: 'This ticket is closed.' } }]);
    expect((await call('operator', 'GET', `/api/tickets/${en.ref}/referrals`)).json.referrals).to.have.length(1);
  });

  it('lists a ticket’s referrals oldest first, and audits the read', async () => {
    const second = await refer(es, { partnerId: 'acnur', service: 'protection' });
    const r = await call('operator', 'GET', `/api/tickets/${es.ref}/referrals`);
    expect(r.status, r.text).to.equal(200);
    expectSafe(r);
    expect(r.json.referrals.map((x: { partnerId: string }) => x.partnerId)).to.deep.equal(['unicef', 'acnur']);
    expect(r.json.referrals[1].id).to.equal(second);
    expect(r.json.referrals[1]).not.to.have.property('note');
    expect(r.text).not.to.contain('contactKey').and.not.to.contain('test:es');
    const [entry] = await api.store.audit.list({ limit: 1 });
    expect(entry).to.deep.include({ actor: ids.operator, action: 'referrals.list', target: es.ref, details: { count: 2 } });
  });

  it('lets exactly one of two equal answers given at once win; the other gets 409 and the person hears once', async () => {
    const id = await refer(es);
    const heard = api.delivered.get('es')!.length;
    const answers = await Promise.all((['operator', 'supervisor'] as const).map((who) => call(who, 'PATCH', `/api/referrals/${id}`, { body: { status: 'accepted' } })));
    expect(answers.map((r) => r.status).sort()).to.deep.equal([200, 409]);
    const lost = answers.find((r) => r.status === 409)!;
    expect(lost.json.error.code).to.be.oneOf(['StatusChanged', 'InvalidTransition']);
    expect((await api.store.referrals.get(id))!.history.map((h) => h.status)).to.deep.equal(['sent', 'accepted']);
    expect(api.delivered.get('es')!.length).to.equal(heard + 1);
  });

  it('settles two different answers that both saw `sent` by compare-and-set: one wins, the other gets 409 StatusChanged', async () => {
    const id = await refer(es);
    const heard = api.delivered.get('es')!.length;
    // Both requests read the referral before either writes: the store's compare-and-set decides.
    const repo = api.store.referrals;
    const get = repo.get.bind(repo);
    const released: (() => void)[] = [];
    repo.get = async (wanted) => {
      const found = await get(wanted);
      await new Promise<void>((resolve) => {
        released.push(resolve);
        if (released.length === 2) for (const release of released) release();
      });
      return found;
    };
    try {
      const [a, b] = await Promise.all([
        call('operator', 'PATCH', `/api/referrals/${id}`, { body: { status: 'accepted' } }),
        call('supervisor', 'PATCH', `/api/referrals/${id}`, { body: { status: 'declined' } }),
      ]);
      expect([a.status, b.status].sort()).to.deep.equal([200, 409]);
      const [won, lost] = a.status === 200 ? [a, b] : [b, a];
      expect(lost.json.error).to.deep.equal({ code: 'StatusChanged', message: `Someone changed this referral meanwhile: it is now ${won.json.referral.status}.` });
      expect((await get(id))!.history.map((h) => h.status)).to.deep.equal(['sent', won.json.referral.status]);
      expect(api.delivered.get('es')!.length).to.equal(heard + 1);
    } finally {
      repo.get = get;
    }
  });

  it('refuses an answer given on a stale view (`from`): a colleague answered first, nothing changes', async () => {
    const id = await refer(es);
    expect((await call('operator', 'PATCH', `/api/referrals/${id}`, { body: { status: 'accepted', from: 'sent' } })).status).to.equal(200);
    const heard = api.delivered.get('es')!.length;
    const stale = await call('supervisor', 'PATCH', `/api/referrals/${id}`, { body: { status: 'declined', from: 'sent' } });
    expect(stale.status, stale.text).to.equal(409);
    expect(stale.json.error).to.deep.equal({ code: 'StatusChanged', message: 'Someone changed this referral meanwhile: it is now accepted.' });
    expect((await api.store.referrals.get(id))!.status).to.equal('accepted');
    expect(api.delivered.get('es')!.length).to.equal(heard);
  });

  it('refuses moves the lifecycle does not allow with 409 InvalidTransition naming the allowed ones', async () => {
    const id = await refer(es);
    const moves: [string, number, string | null][] = [
      ['sent', 409, 'This referral is sent: it cannot become sent; allowed: accepted, declined.'],
      ['done', 409, 'This referral is sent: it cannot become done; allowed: accepted, declined.'],
      ['accepted', 200, null],
      ['accepted', 409, 'This referral is accepted: it cannot become accepted; allowed: done, declined.'],
      ['sent', 409, 'This referral is accepted: it cannot become sent; allowed: done, declined.'],
      ['declined', 200, null],
      ['done', 409, 'This referral is declined: it cannot change any more.'],
    ];
    for (const [status, code, message] of moves) {
      const r = await call('operator', 'PATCH', `/api/referrals/${id}`, { body: { status } });
      expect(r.status, `${status}: ${r.text}`).to.equal(code);
      if (message) expect(r.json.error).to.deep.equal({ code: 'InvalidTransition', message });
    }
  });

  it('keeps the referral when the person cannot be told (personTold: false)', async () => {
    const gone: Ticket = { ref: 'GON-000', contactKey: 'test:gone', channel: 'test', reason: 'handoff', status: 'open', lang: 'es', createdAt: at, updatedAt: at };
    await api.store.tickets.open(gone);
    const created = await call('operator', 'POST', `/api/tickets/${gone.ref}/referrals`, { body: { partnerId: 'acnur' } });
    expect([created.status, created.json.personTold]).to.deep.equal([201, false]);
    const accepted = await call('operator', 'PATCH', `/api/referrals/${created.json.referral.id}`, { body: { status: 'accepted' } });
    expect([accepted.status, accepted.json.personTold, accepted.json.referral.status]).to.deep.equal([200, false, 'accepted']);
    expect(await api.store.referrals.listByTicket(gone.ref)).to.have.length(1);
  });

  it('answers 404 for a psea ticket, exactly as for an unknown one, on every referral endpoint', async () => {
    const psea: Ticket = { ref: 'PSE-AAA', contactKey: 'test:p', channel: 'test', reason: 'psea', status: 'open', lang: 'es', createdAt: at, updatedAt: at };
    await api.store.tickets.open(psea);
    const sealed = randomUUID();
    await api.store.referrals.create({
      id: sealed,
      ticketRef: psea.ref,
      contactKey: psea.contactKey,
      partnerId: 'acnur',
      status: 'sent',
      createdBy: 'system',
      createdAt: at,
      updatedAt: at,
      history: [{ status: 'sent', by: 'system', at }],
    });
    for (const who of ['operator', 'supervisor'] as const) {
      for (const [method, suffix, body] of [
        ['POST', 'referrals', { partnerId: 'acnur' }],
        ['GET', 'referrals', undefined],
      ] as const) {
        const unknown = await call(who, method, `/api/tickets/NOT-THERE/${suffix}`, { body });
        const r = await call(who, method, `/api/tickets/${psea.ref}/${suffix}`, { body });
        expect([r.status, r.json], `${method} ${suffix}`).to.deep.equal([404, unknown.json]);
      }
      const unknown = await call(who, 'PATCH', `/api/referrals/${randomUUID()}`, { body: { status: 'accepted' } });
      const r = await call(who, 'PATCH', `/api/referrals/${sealed}`, { body: { status: 'accepted' } });
      expect([r.status, r.json]).to.deep.equal([404, unknown.json]);
    }
    expect(await api.store.referrals.get(sealed)).to.include({ status: 'sent' });
    expect(await api.store.referrals.listByTicket(psea.ref)).to.have.length(1);
    expect(JSON.stringify(await api.store.audit.list({ limit: 1000 }))).not.to.match(/PSE-AAA|psea/);
  });

  it('audits every referral and answer with ids and statuses, never the note', async () => {
    const audit = await api.store.audit.list({ limit: 1000 });
    const created = audit.filter((e) => e.action === 'referrals.create');
    expect(created.length).to.be.at.least(6);
    const first = created.at(-1)!;
    expect(first).to.deep.include({ actor: ids.operator, details: { ticket: es.ref, partner: 'unicef', status: 'sent' } });
    const moves = audit.filter((e) => e.action === 'referrals.status' && e.target === first.target).reverse();
    expect(moves.map((e) => [e.actor, e.details])).to.deep.equal([
      [ids.supervisor, { ticket: es.ref, from: 'sent', to: 'accepted' }],
      [ids.operator, { ticket: es.ref, from: 'accepted', to: 'done' }],
    ]);
    expect(JSON.stringify(audit)).not.to.match(/Tumbes|bebé|urgente|script/);
  });

  it('answers bad input on every endpoint with a clear 4xx JSON error, never 5xx, never markup', async () => {
    const ref = (await ticketOf('bad', 'hola', 'es', 'acepto', 'quiero hablar con una persona')).ref;
    const common = [
      { raw: '{"partnerId": ' },
      { raw: '[]' },
      { raw: 'null' },
      { raw: '"x"' },
      { raw: 'partnerId=oim', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { raw: JSON.stringify({ note: 'a'.repeat(200_000) }) },
      { body: { '<img src=x>': 1 } },
      { body: {} },
    ];
    const create = [
      ...common,
      { body: { partnerId: 42 } },
      { body: { partnerId: '' } },
      { body: { partnerId: ['oim'] } },
      { body: { partnerId: { $ne: null } } },
      { body: { partnerId: 'oim', service: 'cooking' } },
      { body: { partnerId: 'oim', note: '' } },
      { body: { partnerId: 'oim', note: '   ' } },
      { body: { partnerId: 'oim', note: 'x'.repeat(2001) } },
      { body: { partnerId: 'oim', status: 'done' } },
      { body: { partnerId: 'oim', contactKey: 'test:other' } },
    ];
    for (const input of create) {
      const r = await call('operator', 'POST', `/api/tickets/${ref}/referrals`, input);
      expect(r.status, JSON.stringify(input).slice(0, 80)).to.be.within(400, 499);
      expect(r.json.error.message).to.be.a('string').and.not.equal('');
      expectSafe(r);
    }
    const unknown = await call('operator', 'POST', `/api/tickets/${ref}/referrals`, { body: { partnerId: '<script>alert(1)</script>' } });
    expect([unknown.status, unknown.json.error]).to.deep.equal([400, { code: 'UnknownPartner', message: 'No partner with this id in the directory (see GET /api/partners).' }]);
    expectSafe(unknown);
    const notOffered = await call('operator', 'POST', `/api/tickets/${ref}/referrals`, { body: { partnerId: 'unicef', service: 'housing' } });
    expect([notOffered.status, notOffered.json.error]).to.deep.equal([400, { code: 'ServiceNotOffered', message: 'UNICEF Perú does not offer housing; it offers education, health, protection.' }]);
    expect(await api.store.referrals.listByTicket(ref), 'refused input changes nothing').to.deep.equal([]);

    const id = await refer({ ref } as Ticket);
    for (const input of [
      ...common,
      { body: { status: 'maybe' } },
      { body: { status: ['done'] } },
      { body: { status: null } },
      { body: { status: 'accepted', by: 'someone' } },
      { body: { status: '<script>' } },
    ]) {
      const r = await call('operator', 'PATCH', `/api/referrals/${id}`, input);
      expect(r.status, JSON.stringify(input).slice(0, 80)).to.be.within(400, 499);
      expectSafe(r);
    }
    expect(await api.store.referrals.get(id)).to.include({ status: 'sent' });

    for (const bad of ['NOT-THERE', '%3Cscript%3E', 'a'.repeat(40), '..%2F..%2Fetc', '%00']) {
      for (const [method, body] of [
        ['GET', undefined],
        ['POST', { partnerId: 'oim' }],
      ] as const) {
        const r = await call('operator', method, `/api/tickets/${bad}/referrals`, { body });
        expect([r.status, r.json.error.code], `${method} ${bad}`).to.deep.equal([404, 'NotFound']);
        expectSafe(r);
      }
    }
    for (const bad of [randomUUID(), 'not-an-id', '%3Cscript%3E', 'a'.repeat(100)]) {
      const r = await call('operator', 'PATCH', `/api/referrals/${bad}`, { body: { status: 'accepted' } });
      expect([r.status, r.json.error]).to.deep.equal([404, { code: 'NotFound', message: 'No such referral.' }]);
    }
    for (const query of ['service=', 'service=cooking', 'region=Piura', 'service=health&service=education', 'service[$ne]=x', 'other=1', 'service=%3Cscript%3E']) {
      const r = await call('operator', 'GET', `/api/partners?${query}`);
      expect(r.status, query).to.equal(400);
      expectSafe(r);
    }
    expect((await call('operator', 'GET', '/api/partners?region=Piura')).json.error.message).to.contain('region needs a service too');
  });
});
