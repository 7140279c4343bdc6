/**
 * A person asks about a complaint by its reference, in the chat, from any conversation: the
 * type and status for whoever holds the reference, the team's answer only for the person who
 * filed it, and the same "not found" for an unknown reference and a sealed report's code.
 */
import { expect } from 'chai';
import { startApi, type ApiHarness } from './harness.ts';

describe('case status by reference, in the chat', () => {
  let api: ApiHarness;
  let token: string;
  let caseRef: string;

  const lastText = async (conversationId: string, text: string) => (await api.chat(conversationId, text)).map((m) => m.reply.text).join('\n');

  before(async () => {
    api = await startApi();
    await api.addStaff('sup@example.org', ['supervisor']);
    token = await api.login('sup@example.org');
    for (const text of ['hola', 'es', 'acepto', 'quiero poner una queja', 'Presentar una queja', 'En el comedor me trataron mal por ser venezolana']) await api.chat('ines', text);
    caseRef = (await api.store.cases.list())[0]!.ref;
  });
  after(() => api.close());

  it('answers the status to anyone holding the reference, even before choosing a language', async () => {
    const text = await lastText('otro-telefono', `hola, cómo va mi queja ${caseRef.toLowerCase().replace('-', ' ')}?`);
    expect(text).to.include(`Tu queja ${caseRef} está registrada`);
    // ...and then asks what it was asking (the language), having stored nothing of theirs.
    const replies = api.delivered.get('otro-telefono')!;
    expect(replies.at(-1)!.reply.step).to.equal('language');
    expect(await api.store.contacts.get('test:otro-telefono')).to.equal(null);
  });

  it("shows the team's answer only to the person who filed it", async () => {
    const r = await api.call('POST', `/api/cases/${caseRef}/status`, { token, body: { status: 'in_progress', outcome: 'Hablamos con la coordinadora del comedor.' } });
    expect(r.status, r.text).to.equal(200);
    const own = await lastText('ines', `estado ${caseRef}`);
    expect(own).to.include(`El equipo está revisando tu queja ${caseRef}`).and.to.include('Hablamos con la coordinadora del comedor.');
    const other = await lastText('otro-telefono', `estado ${caseRef}`);
    expect(other).to.include(`El equipo está revisando tu queja ${caseRef}`).and.not.to.include('coordinadora');
  });

  it('asks for the reference from the complaints menu, and says so when the text is not one', async () => {
    await api.chat('ines', 'menú');
    await api.chat('ines', 'quejas');
    const ask = await api.chat('ines', 'Consultar mi caso');
    expect(ask.at(-1)!.reply.step).to.equal('status');
    expect(await lastText('ines', 'no me acuerdo')).to.include('no parece un número de caso');
    const answer = await api.chat('ines', caseRef);
    expect(answer[0]!.reply.text).to.include(caseRef);
    expect(answer.at(-1)!.reply.step).to.equal('menu');
  });

  it('says the same for an unknown reference and for a sealed report code', async () => {
    for (const text of ['me pidieron sexo a cambio de la ayuda', 'Reportar de forma confidencial', 'Anónimo, sin contacto', 'fue el encargado']) await api.chat('jose', text);
    const code = (await api.store.pseaReports.list())[0]!.code;
    const forCode = (await lastText('ines', `estado ${code}`)).replace(code, 'REF');
    const forUnknown = (await lastText('ines', 'estado KKK-777')).replace('KKK-777', 'REF');
    expect(forCode).to.equal(forUnknown);
    expect(forUnknown).to.include('No encontramos un caso');
  });

  it('does not read a reference quoted inside a complaint as a status question', async () => {
    for (const text of ['menú', 'quiero poner una queja', 'Presentar una queja']) await api.chat('ines', text);
    const filed = await lastText('ines', `Sigo sin respuesta sobre ${caseRef}, nadie me llamó`);
    expect(filed).to.include('Registramos tu caso');
    expect((await api.store.cases.list()).map((c) => c.text)).to.include(`Sigo sin respuesta sobre ${caseRef}, nadie me llamó`);
  });
});
