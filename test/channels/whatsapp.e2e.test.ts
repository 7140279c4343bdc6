/**
 * The real Faro conversation through WhatsApp: signed webhooks over HTTP into the real app,
 * the real TurnRuntime (memory store) and dialog, replies rendered and POSTed to the local
 * Graph stub. Each step is checked on the wire (buttons, lists, text) and, through a recording
 * wrapper around the channel's sink, on the dialog position (`reply.step`).
 */
import { expect } from 'chai';
import type { Outbound } from '../../src/core/message.ts';
import { createLogger } from '../../src/log/logger.ts';
import { ticketRef } from '../../src/runtime/refs.ts';
import { TurnRuntime } from '../../src/runtime/turns.ts';
import { createMemoryStore } from '../../src/store/memory/index.ts';
import type { Store } from '../../src/store/ports.ts';
import { faroDialog } from '../support/dialog.ts';
import type { GraphBody } from './whatsappGraphStub.ts';
import { expectWithinLimits } from './whatsappLimits.ts';
import { buttonReply, listReply, messageWebhook, startWhatsApp, T0, textMessage, WA_ID, wamid, type WhatsAppHarness } from './whatsappHarness.ts';
import { helpdesk } from '../../src/helpdesk/index.ts';

interface Turn {
  steps: string[];
  bodies: GraphBody[];
}

const HOUR = 60 * 60 * 1000;

describe('Faro end to end on WhatsApp (real runtime and dialog, Graph stub)', () => {
  let wa: WhatsAppHarness;
  let store: Store;
  let runtime: TurnRuntime;
  const delivered: Outbound[] = [];

  before(async () => {
    store = createMemoryStore();
    runtime = new TurnRuntime({ store, ...helpdesk(store), dialog: faroDialog(), log: createLogger('silent'), ticketRef });
    wa = await startWhatsApp({
      turns: runtime,
      register: (sink) =>
        runtime.register('whatsapp', {
          deliver: async (messages) => {
            delivered.push(...messages);
            await sink.deliver(messages);
          },
        }),
      template: { name: 'faro_reengage', lang: 'es' },
    });
  });
  after(async () => {
    await wa.close();
    await runtime.close();
    await store.close();
  });

  /** One message from `waId`, written now; returns the steps and Graph bodies it caused. */
  async function send(waId: string, message: Record<string, unknown>, writtenAt = wa.clock.now): Promise<Turn> {
    const [calls, replies] = [wa.stub.calls.length, delivered.length];
    await wa.deliver(messageWebhook({ ...message, timestamp: String(Math.floor(writtenAt / 1000)) }, waId));
    const bodies = wa.stub.calls.slice(calls).map((c) => c.body);
    bodies.forEach(expectWithinLimits);
    return { steps: delivered.slice(replies).map((o) => o.reply.step), bodies };
  }
  const say = (waId: string, text: string) => send(waId, textMessage(text));
  const tap = (waId: string, id: string) => send(waId, buttonReply(id));
  const pick = (waId: string, id: string) => send(waId, listReply(id));
  const buttonIds = (body: GraphBody | undefined) => body?.interactive?.action.buttons?.map((b) => b.reply.id);
  const rowIds = (body: GraphBody | undefined) => body?.interactive?.action.sections?.flatMap((s) => s.rows.map((r) => r.id));
  const choiceIds = (body: GraphBody | undefined) => buttonIds(body) ?? rowIds(body);
  const textOf = (turn: Turn) => turn.bodies.map((b) => b.text?.body ?? b.interactive?.body.text ?? '').join('\n');

  it('holds a whole conversation: language, consent, menu list, FAQ answer, safety, handoff', async () => {
    const hello = await say(WA_ID, 'hola');
    expect(hello.steps).to.deep.equal(['language']);
    expect(hello.bodies[0]).to.deep.include({ to: WA_ID, type: 'interactive' });
    expect(rowIds(hello.bodies[0])).to.deep.equal(['lang:es', 'lang:en', 'lang:pt', 'lang:ht']);

    const consent = await tap(WA_ID, 'lang:es');
    expect(consent.steps).to.deep.equal(['consent']);
    expect(buttonIds(consent.bodies[0])).to.deep.equal(['consent:accept', 'consent:decline']);
    expect(textOf(consent)).to.include('Qué guardamos');

    const menu = await tap(WA_ID, 'consent:accept');
    expect(menu.steps).to.deep.equal(['menu', 'menu']);
    expect(menu.bodies.map((b) => b.type)).to.deep.equal(['text', 'interactive']);
    expect(menu.bodies[1]!.interactive!.type).to.equal('list');
    expect(rowIds(menu.bodies[1])).to.deep.equal([
      'topic:regularization',
      'topic:health',
      'topic:education',
      'topic:social_protection',
      'topic:housing',
      'topic:employment',
      'topic:protection',
      'complaints',
      'intake',
      'human',
    ]);
    expect(menu.bodies[1]!.interactive!.action.sections![0]!.rows[0]).to.deep.equal({ id: 'topic:regularization', title: 'Regularización y…', description: 'Regularización y documentos' });

    const questions = await pick(WA_ID, 'topic:health');
    expect(questions.steps).to.deep.equal(['faq.questions']);
    expect(rowIds(questions.bodies[0])).to.include.members(['human', 'menu']);
    expect(rowIds(questions.bodies[0])!.filter((id) => id.startsWith('faq:health.'))).to.have.length.greaterThan(2);

    // Typing the number shown works as well as tapping.
    const answer = await say(WA_ID, '1');
    expect(answer.steps).to.deep.equal(['faq.answer', 'faq.answer']);
    expect(delivered.at(-2)!.reply.answerId).to.match(/^health\./);
    expect(answer.bodies[0]!.text!.body).to.include('Fuente:');
    expect(buttonIds(answer.bodies[1])).to.deep.equal(['yes', 'no']);
    expect((await tap(WA_ID, 'yes')).steps).to.include('menu');

    const danger = await say(WA_ID, 'me quiero matar');
    expect(danger.steps).to.deep.equal(['safety']);
    expect(textOf(danger)).to.include('105').and.include('Línea 100').and.include('1818');
    // "Hablar con una persona" is too long for a button: a list.
    expect(danger.bodies[0]!.interactive!.type).to.equal('list');
    expect(choiceIds(danger.bodies[0])).to.deep.equal(['human', 'menu']);

    const handoff = await tap(WA_ID, 'human');
    expect(handoff.steps).to.deep.equal(['handoff.queued']);
    const ref = /[3-9A-Y]{3}-[3-9A-Y]{3}/.exec(textOf(handoff))?.[0];
    expect(ref, textOf(handoff)).to.be.a('string');
    expect(await store.tickets.get(ref!)).to.include({ status: 'open', channel: 'whatsapp' });
  });

  it('answers a redelivered webhook (same wamid) only once', async () => {
    const waId = '51911112222';
    const message = textMessage('hola', wamid());
    const first = await send(waId, message);
    expect(first.steps).to.deep.equal(['language']);
    const again = await send(waId, message);
    expect(again).to.deep.equal({ steps: [], bodies: [] });
  });

  it('reaches safety information before consent, from the first message', async () => {
    const turn = await say('51933334444', 'no aguanto más, quiero desaparecer');
    expect(turn.steps).to.deep.equal(['safety']);
    expect(textOf(turn)).to.include('113');
  });

  it('answers a voice note as a message it did not understand, offering the options again', async () => {
    const waId = '51955556666';
    for (const text of ['hola', 'es', 'acepto']) await say(waId, text);
    const turn = await send(waId, { id: wamid(), type: 'audio', audio: { id: '987', mime_type: 'audio/ogg; codecs=opus', voice: true } });
    expect(turn.steps).to.deep.equal(['menu', 'menu']);
    expect(textOf(turn)).to.include('no entendí');
    expect(choiceIds(turn.bodies.at(-1))).to.include('human');
  });

  it('declining consent and asking for a person gives the hotline, with nothing stored', async () => {
    const waId = '51977778888';
    await say(waId, 'hola');
    await tap(waId, 'lang:es');
    expect((await tap(waId, 'consent:decline')).steps).to.include('menu');
    // A person needs a ticket, so consent is asked first; declining again gives the hotline.
    const ask = await say(waId, 'kiero ablar con alguien');
    expect(ask.steps.at(-1)).to.equal('consent');
    expect(choiceIds(ask.bodies.at(-1))).to.deep.equal(['consent:accept', 'consent:decline']);
    const hotline = await tap(waId, 'consent:decline');
    expect(textOf(hotline)).to.include('0800-12345');
    expect(await store.contacts.get(`whatsapp:${waId}`)).to.equal(null);
  });

  it('outside the 24-hour window sends the template, never the free-form reply', async () => {
    const waId = '51999990000';
    wa.clock.now = T0 + 30 * HOUR;
    // Written 25 hours ago (Meta kept retrying): its answer can no longer be free-form.
    const late = await send(waId, textMessage('hola'), T0 + 5 * HOUR);
    expect(late.steps).to.deep.equal(['language']);
    expect(late.bodies).to.deep.equal([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: waId,
        type: 'template',
        template: { name: 'faro_reengage', language: { code: 'es' } },
        biz_opaque_callback_data: late.bodies[0]!.biz_opaque_callback_data,
      },
    ]);
    // The person answers the template: the window is open again and the conversation goes on.
    const back = await tap(waId, 'lang:es');
    expect(back.steps).to.deep.equal(['consent']);
    expect(back.bodies[0]!.type).to.equal('interactive');
  });

  it('holds what an operator writes after the window closed, and sends it first when the person writes back', async () => {
    const waId = '51988887777';
    wa.clock.now = T0 + 40 * HOUR;
    await say(waId, 'hola');
    await tap(waId, 'lang:es');
    await tap(waId, 'consent:accept');
    // A day later an operator answers: only the template may go out, the answer waits.
    wa.clock.now += 25 * HOUR;
    const calls = wa.stub.calls.length;
    await runtime.send('whatsapp', waId, { text: 'Hola, soy Rosa. Ya tenemos un cupo en el albergue.', choices: [], step: 'operator' });
    expect(wa.stub.calls.slice(calls).map((c) => c.body.type)).to.deep.equal(['template']);
    // The person answers the template: the held answer comes first, then the bot's reply.
    const back = await say(waId, 'hola, sí');
    expect(back.bodies[0]).to.deep.include({ type: 'text', text: { body: 'Hola, soy Rosa. Ya tenemos un cupo en el albergue.', preview_url: false } });
    expect(back.bodies.length).to.be.greaterThan(1);
    // Once: it is not held any more.
    const again = await say(waId, 'gracias');
    expect(textOf(again)).not.to.include('Ya tenemos un cupo');
  });

  it('logs no phone number, wamid or text', () => {
    for (const secret of [WA_ID, '51933334444', 'HBgL', 'me quiero matar', 'desaparecer', 'kiero']) expect(wa.logs.raw, secret).not.to.include(secret);
  });
});
