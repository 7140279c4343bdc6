/**
 * The PSEA focal point writes to a person who filed a report asking to be contacted in the
 * chat: over real HTTP, through the real runtime and dialog. The message reaches the person
 * wherever they are (even in a live chat with an operator), their answers go to the sealed
 * report, and nothing of it reaches the operator, the ticket's transcript or the staff audit.
 */
import { expect } from 'chai';
import type { LiveEvent } from '../../../src/staff/liveEvents.ts';
import { expectSafe, startApi, type ApiHarness } from './harness.ts';

describe('staff API: the focal point follows up a PSEA report in the chat', () => {
  let api: ApiHarness;
  const tokens = { focal: '', operator: '' };
  let code: string;
  let ticketRef: string;
  const last = (conversationId: string) => api.delivered.get(conversationId)!.at(-1)!.reply;

  before(async () => {
    api = await startApi();
    await api.addStaff('focal@example.org', ['psea_focal']);
    await api.addStaff('op@example.org', ['operator']);
    tokens.focal = await api.login('focal@example.org');
    tokens.operator = await api.login('op@example.org');
    for (const text of ['hola', 'es', 'acepto', 'quiero hablar con una persona']) await api.chat('rut', text);
    ticketRef = (await api.store.tickets.list())[0]!.ref;
    for (const text of ['el del comedor me pidió fotos íntimas por la canasta', 'Reportar de forma confidencial', 'Que me contacten por este chat', 'Fue el encargado del comedor de Comas'])
      await api.chat('rut', text);
    code = (await api.store.pseaReports.list())[0]!.code;
    // Back in the queue, and an operator takes the chat.
    await api.chat('rut', 'humano');
    expect((await api.call('POST', `/api/tickets/${ticketRef}/claim`, { token: tokens.operator })).status).to.equal(200);
    expect(last('rut').step).to.equal('handoff.live');
  });
  after(() => api.close());

  it('reaches the person, takes their answers to the report, and shows the operator nothing', async () => {
    const seen: LiveEvent[] = [];
    const stop = api.events.subscribe((e) => seen.push(e));
    try {
      const sent = await api.call('POST', `/api/psea-reports/${code}/messages`, { token: tokens.focal, body: { text: 'Hola, soy Marta, punto focal. ¿Estás a salvo? <b>responde cuando puedas</b>' } });
      expect(sent.status, sent.text).to.equal(201);
      expectSafe(sent);
      expect(sent.json.report.messages.map((m: { from: string; text: string }) => [m.from, m.text])).to.deep.equal([
        ['focal_point', 'Hola, soy Marta, punto focal. ¿Estás a salvo? <b>responde cuando puedas</b>'],
      ]);
      const shown = api.delivered
        .get('rut')!
        .slice(-2)
        .map((m) => m.reply);
      expect(shown[0]!.text).to.include('Hola, soy Marta, punto focal.');
      expect(shown[1]!.step).to.equal('psea.followup');

      expect(await api.chat('rut', 'sí, estoy en casa de mi prima')).to.have.length(1);
      expect(last('rut').text).to.include('Solo la persona de protección');
      const report = (await api.call('GET', `/api/psea-reports/${code}`, { token: tokens.focal })).json.report;
      expect(report.messages.map((m: { from: string; text: string }) => [m.from, m.text])).to.deep.equal([
        ['focal_point', 'Hola, soy Marta, punto focal. ¿Estás a salvo? <b>responde cuando puedas</b>'],
        ['person', 'sí, estoy en casa de mi prima'],
      ]);

      // "menú" ends the follow-up; the operator's chat can be picked up again with "humano".
      await api.chat('rut', 'menú');
      expect(last('rut').step).to.equal('menu');
      expect((await api.chat('rut', 'humano')).at(-1)!.reply.step).to.equal('handoff.live');

      const read = await api.call('GET', `/api/tickets/${ticketRef}`, { token: tokens.operator });
      const operatorSaw = JSON.stringify([read.json, seen]);
      for (const secret of ['Marta', 'prima', code, 'fotos', 'Comas', 'confidencial']) expect(operatorSaw, secret).not.to.contain(secret);
      expect(JSON.stringify(await api.store.audit.list({ limit: 100 }))).not.to.contain(code);
      const [trail] = await api.store.pseaReports.audit.list({ limit: 1 });
      expect(trail).to.include({ action: 'psea.read', target: code });
      expect(JSON.stringify(await api.store.pseaReports.audit.list({ limit: 10 })))
        .to.contain('psea.message')
        .and.not.to.contain('Marta');
    } finally {
      stop();
    }
  });

  it('refuses reports that did not ask for the chat, and bad input, with a clear 4xx', async () => {
    for (const text of ['el voluntario me pidió sexo a cambio de comida', 'Reportar de forma confidencial', 'Anónimo, sin contacto', 'en el albergue']) await api.chat('sol', text);
    const anonymous = (await api.store.pseaReports.list()).find((r) => r.contact === 'anonymous')!.code;
    const refused = await api.call('POST', `/api/psea-reports/${anonymous}/messages`, { token: tokens.focal, body: { text: 'Hola' } });
    expect([refused.status, refused.json.error.code]).to.deep.equal([409, 'NoChatContact']);
    for (const body of [{}, { text: '' }, { text: '   ' }, { text: 'x'.repeat(2001) }, { text: 'hola', to: 'otro' }, { text: 5 }]) {
      expect((await api.call('POST', `/api/psea-reports/${code}/messages`, { token: tokens.focal, body })).status, JSON.stringify(body)).to.equal(400);
    }
    expect((await api.call('POST', '/api/psea-reports/NOT-THERE/messages', { token: tokens.focal, body: { text: 'Hola' } })).status).to.equal(404);
    expect((await api.call('POST', `/api/psea-reports/${code}/messages`, { token: tokens.operator, body: { text: 'Hola' } })).status).to.equal(403);
  });
});
