/**
 * Live handoff over real HTTP, with the real runtime and dialog behind the API and a recording
 * channel as the person's platform: an operator claims, both sides write, the person goes back
 * to the bot with "menú" or when the operator closes, and is asked how it went. Also: who may
 * write, bad input, a person whose conversation is gone, and PSEA words in a live chat.
 */
import { expect } from 'chai';
import type { Outbound } from '../../../src/core/message.ts';
import { startApi, type Answer, type ApiHarness } from './harness.ts';

describe('staff API: live handoff', () => {
  let api: ApiHarness;
  const tokens = { op1: '', op2: '', supervisor: '' };
  const ids = { ...tokens };
  const call = (who: keyof typeof tokens, method: string, path: string, init: { body?: unknown; raw?: string } = {}) => api.call(method, path, { token: tokens[who], ...init });

  before(async () => {
    api = await startApi({ loginLimitPerIp: 1000 });
    for (const [who, role] of [
      ['op1', 'operator'],
      ['op2', 'operator'],
      ['supervisor', 'supervisor'],
    ] as const) {
      ids[who] = await api.addStaff(`${who}@example.org`, [role]);
      tokens[who] = await api.login(`${who}@example.org`);
    }
  });
  after(() => api.close());

  /** A person who consented and asked for a human; resolves to their ticket's ref. */
  async function personWaiting(conversationId: string): Promise<string> {
    for (const text of ['hola', 'es', 'acepto', 'quiero hablar con una persona']) await api.chat(conversationId, text);
    const ticket = (await api.store.tickets.list()).find((t) => t.contactKey === `test:${conversationId}`);
    expect(ticket, 'ticket opened').to.not.equal(undefined);
    return ticket!.ref;
  }
  const received = (conversationId: string): Outbound[] => api.delivered.get(conversationId) ?? [];
  const last = (conversationId: string): Outbound => received(conversationId).at(-1)!;
  const transcriptOf = async (ref: string) => (await call('op1', 'GET', `/api/tickets/${ref}`)).json.transcript as { from: string; text: string; staffId?: string }[];

  function expectError(r: Answer, status: number, code?: string): void {
    expect(r.status, r.text).to.equal(status);
    if (code) expect(r.json.error.code).to.equal(code);
  }

  it('relays both ways while claimed; "menú" returns the person to the bot, which asks how it went', async () => {
    const ref = await personWaiting('ana');
    await api.chat('ana', '¿cuánto falta?');
    expect(last('ana').reply.step).to.equal('handoff.queued');

    expect((await call('op1', 'POST', `/api/tickets/${ref}/claim`)).status).to.equal(200);
    expect(last('ana').reply).to.include({ step: 'handoff.live' });
    expect(last('ana').reply.text).to.match(/hablando con una persona del equipo/);

    const sent = await call('op1', 'POST', `/api/tickets/${ref}/messages`, { body: { text: '  Hola Ana, soy Rosa. ¿En qué te ayudo?  ' } });
    expect(sent.status, sent.text).to.equal(201);
    expect(sent.json.delivered).to.equal(true);
    expect(sent.json.line).to.include({ from: 'operator', text: 'Hola Ana, soy Rosa. ¿En qué te ayudo?', staffId: ids.op1 });
    expect(last('ana')).to.include({ replyTo: '' });
    expect(last('ana').reply.text).to.equal('Hola Ana, soy Rosa. ¿En qué te ayudo?');

    // The person's messages now go to the operator only: the bot stays silent, even for a
    // question it could answer or a number that was an option before.
    for (const text of ['Necesito renovar mi carnet de extranjería', '1']) expect(await api.chat('ana', text)).to.deep.equal([]);

    const transcript = await transcriptOf(ref);
    const said = transcript.map((l) => `${l.from}: ${l.text}`);
    expect(said).to.include.members(['person: quiero hablar con una persona', 'operator: Hola Ana, soy Rosa. ¿En qué te ayudo?', 'person: Necesito renovar mi carnet de extranjería', 'person: 1']);
    expect(said.indexOf('operator: Hola Ana, soy Rosa. ¿En qué te ayudo?')).to.be.below(said.indexOf('person: Necesito renovar mi carnet de extranjería'));
    // From consent onwards only: what came before the decision is not kept.
    expect(said[0]).to.equal('person: acepto');
    expect(said.some((l) => l.includes('hola'))).to.equal(false);
    expect(transcript.find((l) => l.from === 'operator')?.staffId).to.equal(ids.op1);

    const left = await api.chat('ana', 'menú');
    expect(left.map((m) => m.reply.step)).to.deep.equal(['feedback.score', 'feedback.score']);
    expect(left[0]!.reply.text).to.include(ref);
    expect(left[1]!.reply.choices.map((c) => c.action)).to.deep.equal(['rate:1', 'rate:2', 'rate:3', 'rate:4', 'rate:5', 'feedback:skip']);
    await api.chat('ana', '5');
    expect((await api.store.tickets.get(ref))?.rating).to.include({ score: 5 });
    const thanks = await api.chat('ana', 'Rosa fue muy amable <b>gracias</b>');
    expect(thanks.at(-1)!.reply.step).to.equal('menu');
    const read = await call('op1', 'GET', `/api/tickets/${ref}`);
    expect(read.json.ticket.rating).to.include({ score: 5, comment: 'Rosa fue muy amable <b>gracias</b>' });
    expect(read.text).not.to.contain('<b>');

    // The ticket stays claimed: the operator closes it, and the person (asked already) is told.
    expect((await call('op1', 'POST', `/api/tickets/${ref}/close`, { body: { outcome: 'resolved' } })).status).to.equal(200);
    expect(received('ana').at(-2)!.reply.text).to.include(`cerró tu caso ${ref}`);
    expect(last('ana').reply.step).to.equal('menu');
  });

  it('asks how it went when the operator closes a live chat; the comment is optional', async () => {
    const ref = await personWaiting('ben');
    await call('op2', 'POST', `/api/tickets/${ref}/claim`);
    await call('op2', 'POST', `/api/tickets/${ref}/messages`, { body: { text: 'Te derivamos al consultorio jurídico.' } });
    expect((await call('op2', 'POST', `/api/tickets/${ref}/close`, { body: { outcome: 'referred' } })).status).to.equal(200);
    expect(last('ben').reply.step).to.equal('feedback.score');
    await api.chat('ben', '4');
    expect(last('ben').reply.step).to.equal('feedback.comment');
    await api.chat('ben', 'no gracias');
    expect(last('ben').reply.step).to.equal('menu');
    expect((await api.store.tickets.get(ref))?.rating)
      .to.deep.include({ score: 4 })
      .and.not.to.have.property('comment');
    // Back with the bot: questions are answered again, and "a person" opens a new ticket.
    expect((await api.chat('ben', 'quiero hablar con una persona')).at(-1)!.reply.step).to.equal('handoff.queued');
    expect((await api.store.tickets.list({ status: 'open' })).some((t) => t.contactKey === 'test:ben' && t.ref !== ref)).to.equal(true);
  });

  it('tells a person who is busy elsewhere that someone can talk to them now, without moving them', async () => {
    const ref = await personWaiting('cris');
    await api.chat('cris', 'menú');
    await api.chat('cris', 'Salud');
    const step = last('cris').reply.step;
    await call('op1', 'POST', `/api/tickets/${ref}/claim`);
    expect(received('cris').at(-2)!.reply.text).to.include(`Una persona del equipo ya puede atenderte por tu caso ${ref}`);
    expect(last('cris').reply.step).to.equal(step);
    expect((await api.chat('cris', 'humano')).at(-1)!.reply.step).to.equal('handoff.live');
    expect(await api.chat('cris', 'gracias, ya estoy aquí')).to.deep.equal([]);
  });

  it('lets only the holder write, never to a closed ticket, and answers bad input with a clear 4xx', async () => {
    const ref = await personWaiting('dani');
    const path = `/api/tickets/${ref}/messages`;
    const body = { text: 'Hola' };
    expectError(await call('op1', 'POST', path, { body }), 409, 'NotClaimed');
    await call('op1', 'POST', `/api/tickets/${ref}/claim`);
    expectError(await call('op2', 'POST', path, { body }), 409, 'ClaimedByAnother');
    expectError(await call('supervisor', 'POST', path, { body }), 409, 'ClaimedByAnother');
    for (const bad of [{}, { text: '' }, { text: '   ' }, { text: 'x'.repeat(2001) }, { text: 7 }, { text: 'hola', to: 'someone-else' }, [], 'hola'])
      expectError(await call('op1', 'POST', path, { body: bad }), 400);
    expectError(await call('op1', 'POST', path, { raw: '{"text": "hola"' }), 400);
    for (const other of ['/api/tickets/NOT-THERE/messages', '/api/tickets/a%20b/messages', `/api/tickets/${'A'.repeat(40)}/messages`]) expectError(await call('op1', 'POST', other, { body }), 404);

    const html = '<img src=x onerror=alert(1)> <script>alert(1)</script> & "ñandú" 😊';
    const r = await call('op1', 'POST', path, { body: { text: html } });
    expect(r.status, r.text).to.equal(201);
    expect(r.text).not.to.match(/<img|<script/);
    expect(r.json.line.text).to.equal(html);
    expect(last('dani').reply.text).to.equal(html);
    const [entry] = await api.store.audit.list({ limit: 1 });
    expect(entry).to.include({ actor: ids.op1, action: 'tickets.message', target: ref });
    expect(JSON.stringify(entry)).not.to.contain('onerror');

    await call('op1', 'POST', `/api/tickets/${ref}/close`, { body: { outcome: 'resolved' } });
    expectError(await call('op1', 'POST', path, { body }), 409, 'TicketClosed');
  });

  it('keeps a claim when the person cannot be told, and refuses to write to a conversation that is gone', async () => {
    const ref = await personWaiting('eli');
    await api.store.conversations.delete('test:eli');
    expect((await call('op1', 'POST', `/api/tickets/${ref}/claim`)).status).to.equal(200);
    expectError(await call('op1', 'POST', `/api/tickets/${ref}/messages`, { body: { text: 'Hola' } }), 409, 'PersonUnreachable');
    expect(await api.store.conversations.get('test:eli')).to.equal(null);
  });

  it('never lets PSEA words in a live chat reach the operator; danger gets the emergency numbers and reaches them', async () => {
    const ref = await personWaiting('fer');
    await call('op1', 'POST', `/api/tickets/${ref}/claim`);
    const seen: string[] = [];
    const stop = api.events.subscribe((e) => seen.push(JSON.stringify(e)));
    try {
      const disclosure = await api.chat('fer', 'el señor de la ONG me pidió fotos íntimas a cambio de la canasta');
      expect(disclosure.at(-1)!.reply.step).to.equal('psea.info');
      for (const text of ['Reportar de forma confidencial', 'Anónimo, sin contacto', 'Fue el coordinador Quispe, en el albergue']) await api.chat('fer', text);
      expect(last('fer').reply.step).to.equal('psea.done');
      const code = (await api.store.pseaReports.list())[0]!.code;
      // Back to the operator, who never saw any of it.
      expect((await api.chat('fer', 'humano')).at(-1)!.reply.step).to.equal('handoff.live');
      const danger = await api.chat('fer', 'mi pareja me quiere matar, tengo miedo');
      expect(danger.at(-1)!.reply.text).to.include('105');
      expect(last('fer').reply.step).to.equal('handoff.live');

      const transcript = JSON.stringify(await transcriptOf(ref));
      for (const secret of ['fotos', 'Quispe', code, 'confidencial', 'Anónimo']) {
        expect(transcript, secret).not.to.contain(secret);
        expect(seen.join('\n'), secret).not.to.contain(secret);
      }
      expect(transcript).to.contain('mi pareja me quiere matar');
      expect(seen.join('\n')).to.contain('mi pareja me quiere matar');
    } finally {
      stop();
    }
  });
});
