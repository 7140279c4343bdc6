/**
 * The canned responses API over real HTTP: supervisors create, change and delete them, operators
 * read them; markup in a text is stored and returned verbatim as escaped JSON; changes are
 * audited with ids only; bad input on every endpoint is a clear 4xx JSON error.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { type ApiHarness, expectSafe, startApi } from './harness.ts';

const TEXT = 'Escríbenos a <b>ayuda@faro.pe</b> <script>alert(1)</script> & "gracias" — ñandú 😞\nsegunda línea';
const TITLE = 'Correo <img src=x onerror=alert(1)>';

interface Input {
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

describe('staff API: canned responses', () => {
  let api: ApiHarness;
  const tokens = { operator: '', supervisor: '' };
  let supervisorId = '';
  const call = (who: keyof typeof tokens, method: string, path: string, init: Input = {}) => api.call(method, path, { token: tokens[who], ...init });

  before(async () => {
    api = await startApi({ loginLimitPerIp: 1000 });
    await api.addStaff('operator@example.org', ['operator']);
    supervisorId = await api.addStaff('supervisor@example.org', ['supervisor']);
    tokens.operator = await api.login('operator@example.org');
    tokens.supervisor = await api.login('supervisor@example.org');
  });
  after(async () => {
    await api.close();
  });

  it('lets a supervisor create, change and delete a response that operators read, markup stored verbatim and answered as escaped JSON; audited with ids only', async () => {
    const createdAt = api.clock.now;
    const created = await call('supervisor', 'POST', '/api/canned-responses', { body: { lang: 'es', title: TITLE, text: TEXT } });
    expect(created.status, created.text).to.equal(201);
    expectSafe(created);
    expect(created.text).to.contain('\\u003cscript\\u003e').and.contain('\\u0026');
    const { id } = created.json.response as { id: string };
    expect(id).to.match(/^[0-9a-f-]{36}$/);
    expect(created.json.response).to.deep.equal({
      id,
      lang: 'es',
      title: TITLE,
      text: TEXT,
      createdBy: supervisorId,
      createdAt: new Date(createdAt).toISOString(),
      updatedAt: new Date(createdAt).toISOString(),
    });
    await call('supervisor', 'POST', '/api/canned-responses', { body: { lang: 'en', title: 'Hours', text: 'We answer Monday to Friday.' } });

    const list = await call('operator', 'GET', '/api/canned-responses');
    expect(list.status, list.text).to.equal(200);
    expectSafe(list);
    expect(list.json.responses.map((r: { lang: string; title: string }) => [r.lang, r.title])).to.deep.equal([
      ['en', 'Hours'],
      ['es', TITLE],
    ]);
    expect(list.json.responses[1]).to.deep.equal(created.json.response);
    const spanish = await call('operator', 'GET', '/api/canned-responses?lang=es');
    expect(spanish.json.responses).to.deep.equal([created.json.response]);

    api.clock.now += 60_000;
    const changed = await call('supervisor', 'PATCH', `/api/canned-responses/${id}`, { body: { title: '  Correo de ayuda  ' } });
    expect(changed.status, changed.text).to.equal(200);
    expect(changed.json.response).to.deep.include({
      id,
      lang: 'es',
      title: 'Correo de ayuda',
      text: TEXT,
      createdAt: new Date(createdAt).toISOString(),
      updatedAt: new Date(api.clock.now).toISOString(),
    });
    const both = await call('supervisor', 'PATCH', `/api/canned-responses/${id}`, { body: { lang: 'en', text: 'Write to us.' } });
    expect(both.json.response).to.include({ lang: 'en', title: 'Correo de ayuda', text: 'Write to us.' });

    const deleted = await call('supervisor', 'DELETE', `/api/canned-responses/${id}`);
    expect(deleted.status).to.equal(204);
    expect(deleted.text).to.equal('');
    const again = await call('supervisor', 'DELETE', `/api/canned-responses/${id}`);
    expect([again.status, again.json]).to.deep.equal([404, { error: { code: 'NotFound', message: 'No such canned response.' } }]);
    expect((await call('operator', 'GET', '/api/canned-responses')).json.responses.map((r: { title: string }) => r.title)).to.deep.equal(['Hours']);

    const audit = (await api.store.audit.list({ limit: 100 })).filter((e) => e.action.startsWith('cannedResponses.'));
    expect(audit.filter((e) => e.target === id).map((e) => [e.action, e.actor])).to.deep.equal([
      ['cannedResponses.delete', supervisorId],
      ['cannedResponses.update', supervisorId],
      ['cannedResponses.update', supervisorId],
      ['cannedResponses.create', supervisorId],
    ]);
    expect(audit.every((e) => e.details === undefined)).to.equal(true);
    expect(JSON.stringify(audit)).not.to.match(/Correo|ayuda|Write|Hours|Monday/);
  });

  it('lets operators read but not write', async () => {
    const r = await call('operator', 'POST', '/api/canned-responses', { body: { lang: 'es', title: 'x', text: 'y' } });
    expect([r.status, r.json.error.code]).to.deep.equal([403, 'Forbidden']);
  });

  it('answers bad input on every endpoint with a 4xx JSON error, never 5xx, never markup', async () => {
    const { id } = (await call('supervisor', 'POST', '/api/canned-responses', { body: { lang: 'es', title: 'Fijo', text: 'No cambia' } })).json.response as { id: string };
    const common: Input[] = [
      { raw: '{"title": ' },
      { raw: '[]' },
      { raw: 'null' },
      { raw: '"x"' },
      { raw: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { raw: JSON.stringify({ text: 'a'.repeat(200_000) }) },
      { body: { '<img src=x>': 1 } },
      { body: {} },
      { body: { lang: 'fr' } },
      { body: { lang: ['es'] } },
      { body: { title: '' } },
      { body: { title: '   ' } },
      { body: { title: 'x'.repeat(81) } },
      { body: { title: 42 } },
      { body: { text: '' } },
      { body: { text: 'x'.repeat(2001) } },
      { body: { text: { $ne: null } } },
    ];
    const complete = { lang: 'es', title: 'ok', text: 'ok' };
    const cases: [string, string, Input[]][] = [
      ['POST', '/api/canned-responses', [...common, { body: { ...complete, id: 'mine' } }, { body: { ...complete, createdBy: 'x' } }, { body: { lang: 'es', title: 'ok' } }]],
      ['PATCH', `/api/canned-responses/${id}`, [...common, { body: { title: 'ok', createdAt: 1 } }, { body: { title: null } }]],
      ['DELETE', `/api/canned-responses/${id}`, [{ raw: '{"x": ' }, { raw: '[]' }, { body: { id } }, { body: { '<img src=x>': 1 } }]],
    ];
    for (const [method, path, inputs] of cases) {
      for (const input of inputs) {
        const r = await call('supervisor', method, path, input);
        expect(r.status, `${method} ${JSON.stringify(input).slice(0, 80)}`).to.be.within(400, 499);
        expect(r.json.error.code).to.be.a('string');
        expect(r.json.error.message).to.be.a('string').and.not.equal('');
        expectSafe(r, method);
      }
    }
    expect(await api.store.cannedResponses.get(id), 'refused input changes nothing').to.include({ lang: 'es', title: 'Fijo', text: 'No cambia' });
    const titleTooLong = await call('supervisor', 'POST', '/api/canned-responses', { body: { ...complete, title: 'x'.repeat(81) } });
    expect(titleTooLong.json.error).to.include({ code: 'BadArgument' });
    expect(titleTooLong.json.error.message).to.match(/^Invalid request: title: /);
    const emptyPatch = await call('supervisor', 'PATCH', `/api/canned-responses/${id}`, { body: {} });
    expect(emptyPatch.json.error.message).to.contain('give lang, title or text');

    for (const bad of [randomUUID(), 'not-an-id', '%3Cscript%3E', 'a'.repeat(100)]) {
      for (const [method, body] of [
        ['PATCH', { title: 'x' }],
        ['DELETE', undefined],
      ] as const) {
        const r = await call('supervisor', method, `/api/canned-responses/${bad}`, { body });
        expect([r.status, r.json.error.code], `${method} ${bad}`).to.deep.equal([404, 'NotFound']);
        expectSafe(r);
      }
    }
    for (const query of ['lang=', 'lang=fr', 'lang=es&lang=en', 'lang[$ne]=x', 'other=1', 'lang=%3Cscript%3E']) {
      const r = await call('operator', 'GET', `/api/canned-responses?${query}`);
      expect(r.status, query).to.equal(400);
      expectSafe(r);
    }
  });
});
