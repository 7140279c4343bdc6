/**
 * No staff-facing answer or live event carries a person's channel identity (issue 10,
 * finding 3): the conversation id is the phone number on WhatsApp and the user id on Telegram,
 * and it used to reach every operator inside transcript line ids (`whatsapp:<phone>#7`), whose
 * numbering also showed where sealed PSEA messages had been skipped. Here a person whose
 * conversation id is a phone number asks for a person, talks to an operator, files a complaint
 * and a PSEA report asking to be contacted in the chat; every endpoint staff read, and every
 * event, is searched for the number.
 */
import { expect } from 'chai';
import type { LiveEvent } from '../../../src/staff/liveEvents.ts';
import { startApi, type ApiHarness } from './harness.ts';

const PHONE = '51987654321';

describe('staff API: no channel identity reaches staff', () => {
  let api: ApiHarness;
  const tokens = { operator: '', supervisor: '', focal: '' };
  const events: LiveEvent[] = [];
  const answers: string[] = [];

  before(async () => {
    api = await startApi();
    await api.addStaff('op@example.org', ['operator']);
    await api.addStaff('sup@example.org', ['supervisor']);
    await api.addStaff('focal@example.org', ['psea_focal']);
    tokens.operator = await api.login('op@example.org');
    tokens.supervisor = await api.login('sup@example.org');
    tokens.focal = await api.login('focal@example.org');
    api.events.subscribe((e) => events.push(e));
    for (const text of ['hola', 'es', 'acepto', '8', 'Presentar una queja', 'en la oficina me trataron mal', 'menú', 'quiero hablar con una persona']) await api.chat(PHONE, text);
    const ref = (await api.store.tickets.list())[0]!.ref;
    const read = async (method: string, path: string, token: string, body?: unknown) => {
      const r = await api.call(method, path, { token, ...(body !== undefined && { body }) });
      expect(r.status, `${method} ${path}: ${r.text}`).to.be.below(300);
      answers.push(`${method} ${path} ${r.text}`);
    };
    await read('POST', `/api/tickets/${ref}/claim`, tokens.operator);
    await read('POST', `/api/tickets/${ref}/messages`, tokens.operator, { text: 'Hola, soy Rosa' });
    await api.chat(PHONE, 'gracias Rosa, necesito ayuda con el alquiler');
    for (const text of ['el del comedor me pidió fotos a cambio de la canasta', 'Reportar de forma confidencial', 'Que me contacten por este chat', 'fue el encargado']) await api.chat(PHONE, text);
    const code = (await api.store.pseaReports.list())[0]!.code;
    const caseRef = (await api.store.cases.list({}))[0]!.ref;
    await read('GET', '/api/tickets', tokens.operator);
    await read('GET', `/api/tickets/${ref}`, tokens.operator);
    await read('GET', `/api/tickets/${ref}`, tokens.supervisor);
    await read('GET', `/api/tickets/${ref}/referrals`, tokens.operator);
    await read('GET', '/api/cases?type=complaint', tokens.supervisor);
    await read('GET', `/api/cases/${caseRef}`, tokens.supervisor);
    await read('GET', '/api/cases?type=psea', tokens.focal);
    await read('GET', `/api/psea-reports/${code}`, tokens.focal);
    await read('POST', `/api/psea-reports/${code}/messages`, tokens.focal, { text: '¿Estás a salvo?' });
  });
  after(() => api.close());

  it('the number is in the store, where the channel needs it (the test is not empty)', async () => {
    expect((await api.store.tickets.list())[0]!.contactKey).to.include(PHONE);
    expect(answers).to.have.length(11);
    expect(events.some((e) => e.type === 'line')).to.equal(true);
  });

  it('appears in no answer staff read', () => {
    for (const answer of answers) expect(answer, answer.slice(0, 80)).to.not.include(PHONE);
  });

  it('appears in no live event, and line ids say nothing of their order', () => {
    for (const event of events) expect(JSON.stringify(event)).to.not.include(PHONE);
    const ids = events.flatMap((e) => (e.type === 'line' ? [e.line.id] : []));
    for (const id of ids) expect(id).to.match(/^[\w-]{22}$/);
    expect(new Set(ids).size).to.equal(ids.length);
  });
});
