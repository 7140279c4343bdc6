/**
 * The real Faro conversation (TurnRuntime, memory store, the real dialog and seed content)
 * through the WhatsApp Web channel, with an in-process fake whatsapp-web.js client: what a
 * person on WhatsApp would read, numbered menus included.
 */
import { expect } from 'chai';
import type { TurnOutcome } from '../../src/runtime/ports.ts';
import { ticketRef } from '../../src/runtime/refs.ts';
import { TurnRuntime } from '../../src/runtime/turns.ts';
import { createMemoryStore } from '../../src/store/memory/index.ts';
import type { Store } from '../../src/store/ports.ts';
import { faroDialog } from '../support/dialog.ts';
import { capturingLogger, type FakeClient, startChannel, TrackedTurns, type Started } from './whatsappWebHarness.ts';
import { helpdesk } from '../../src/helpdesk/index.ts';

const PHONE = '51900000001';
const CHAT = `${PHONE}@c.us`;

describe('WhatsApp Web channel: a whole Faro conversation', () => {
  let store: Store;
  let runtime: TurnRuntime;
  let turns: TrackedTurns;
  let started: Started;
  let client: FakeClient;
  let logLines: string[];
  const outcomes: TurnOutcome[] = [];
  let n = 0;

  before(async () => {
    store = createMemoryStore();
    const { log, lines } = capturingLogger();
    logLines = lines;
    runtime = new TurnRuntime({ store, ...helpdesk(store), dialog: faroDialog(), log, ticketRef });
    turns = new TrackedTurns({
      handle: async (inbound) => {
        const outcome = await runtime.handle(inbound);
        outcomes.push(outcome);
        return outcome;
      },
    });
    started = await startChannel({ turns, log });
    runtime.register(started.channel.name, started.channel.sink);
    client = started.client();
    client.pairAndReady();
  });

  after(async () => {
    await started.close();
    await runtime.close();
    await store.close();
  });

  /** The person sends `text`; returns what WhatsApp showed them back and the steps of the replies. */
  async function say(text: string, id = `3EB0${++n}`): Promise<{ texts: string[]; steps: string[] }> {
    const before = client.sent.length;
    const outcomesBefore = outcomes.length;
    client.emit('message', client.incoming(CHAT, text, id));
    await turns.idle();
    const sent = client.sent.slice(before);
    for (const s of sent) expect(s.chatId).to.equal(CHAT);
    return { texts: sent.map((s) => s.text), steps: outcomes.slice(outcomesBefore).flatMap((o) => o.outbound.map((m) => m.reply.step)) };
  }

  it('asks the language with a numbered menu, and the number picks it', async () => {
    const hello = await say('hola');
    expect(hello.steps).to.deep.equal(['language']);
    expect(hello.texts).to.have.length(1);
    expect(hello.texts[0]).to.match(/\n\n1\. Español\n2\. English\n3\. Português\n4\. Kreyòl ayisyen$/);

    const consent = await say('1');
    expect(consent.steps).to.deep.equal(['consent']);
    expect(consent.texts[0]).to.include('¿Aceptas?\n\n1. Acepto\n2. No acepto');
  });

  it('records consent and shows the topic menu', async () => {
    const menu = await say('1');
    expect(menu.steps).to.deep.equal(['menu', 'menu']);
    expect(menu.texts[0]).to.include('borrar mis datos');
    expect(menu.texts[1]).to.include('\n\n1. Regularización y documentos\n2. Salud\n');
    expect(menu.texts[1]).to.match(/\n10\. Hablar con una persona$/);
    const history = await store.contacts.consentHistory(`whatsapp-web:${CHAT}`);
    expect(history).to.have.length(1);
    expect(await store.contacts.get(`whatsapp-web:${CHAT}`)).to.include({ channel: 'whatsapp-web', consent: 'accepted' });
  });

  it("lists a topic's questions without numbering them twice, and answers one with its source", async () => {
    const questions = await say('2');
    expect(questions.steps).to.deep.equal(['faq.questions']);
    const text = questions.texts[0]!;
    expect(text).to.match(/^Preguntas frecuentes sobre Salud:\n1\. /);
    expect(text).not.to.match(/^1\. 1$/m);
    expect(text).to.match(/\n\n9\. Hablar con una persona\n10\. Menú principal$/);

    const answer = await say('1');
    expect(answer.steps).to.deep.equal(['faq.answer', 'faq.answer']);
    expect(answer.texts[0]).to.include('Fuente:');
    expect(answer.texts[1]).to.equal('¿Te sirvió esta información?\n\n1. Sí\n2. No');
    expect(outcomes.at(-1)!.outbound[0]!.reply.answerId).to.match(/^health\./);

    const back = await say('1');
    expect(back.steps).to.deep.equal(['menu', 'menu']);
  });

  it('hands over to a person: a ticket for this WhatsApp chat', async () => {
    const handoff = await say('kiero ablar con una persona');
    expect(handoff.steps).to.deep.equal(['handoff.queued']);
    const ref = /[3-9A-Y]{3}-[3-9A-Y]{3}/.exec(handoff.texts[0]!)?.[0];
    expect(ref, handoff.texts[0]).to.be.a('string');
    const ticket = await store.tickets.get(ref!);
    expect(ticket).to.include({ status: 'open', reason: 'handoff', channel: 'whatsapp-web', contactKey: `whatsapp-web:${CHAT}` });
    expect(handoff.texts[0]).to.match(/\n\n1\. Menú principal$/);
  });

  it('answers a sign of danger with the emergency numbers', async () => {
    const safety = await say('me quiero matar');
    expect(safety.steps).to.deep.equal(['safety']);
    for (const number of ['105', '106', 'Línea 100', 'Línea 113']) expect(safety.texts[0]).to.include(number);
    expect(safety.texts[0]).to.match(/\n\n1\. Hablar con una persona\n2\. Menú principal$/);
  });

  it('answers a redelivered message once, even when both copies arrive together', async () => {
    const message = client.incoming(CHAT, 'menu', '3EB0-REDELIVERED');
    const before = client.sent.length;
    client.emit('message', message);
    client.emit('message', { ...message });
    await turns.idle();
    client.emit('message', message);
    await turns.idle();
    expect(client.sent.length - before).to.equal(1);
    expect(outcomes.slice(-3).map((o) => o.duplicate)).to.deep.equal([false, true, true]);
  });

  it('keeps two people apart', async () => {
    const other = '51900000002@c.us';
    client.emit('message', client.incoming(other, 'hola', '3EB0-OTHER'));
    await turns.idle();
    expect(client.sent.at(-1)).to.deep.include({ chatId: other });
    expect(client.sent.at(-1)!.text).to.match(/1\. Español\n2\. English\n3\. Português\n4\. Kreyòl ayisyen$/);
  });

  it('logs ids and steps, never a phone number or what anyone wrote', () => {
    const all = logLines.join('');
    expect(all).to.include('turn done');
    // The runtime logs conversation keys at debug level (they hold the chat id): only this channel's lines are checked.
    const ours = logLines.filter((l) => l.includes('"channel":"whatsapp-web"')).join('');
    expect(ours).to.include('turn done');
    expect(ours).not.to.include(PHONE);
    for (const said of ['me quiero matar', 'kiero ablar', 'Preguntas frecuentes']) expect(all).not.to.include(said);
  });
});
