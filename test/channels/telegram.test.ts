/**
 * The real Faro conversation (runtime, memory store, dialog, seed answers) through the Telegram
 * channel and real telegraf, against the telegram-test-api emulator over HTTP: once by long
 * polling, once by webhook (through a proxy that adds the secret header, as Telegram does).
 */
import { expect } from 'chai';
import { fakeTurns, faroTurns, Person, startTelegram, type Running, type Seen } from './telegramHarness.ts';

const actions = (seen: Seen | undefined) => (seen?.buttons ?? []).flat().map((b) => b.slice(b.indexOf('=') + 1));

function conversationSuite(mode: 'polling' | 'webhook') {
  describe(`Telegram channel with the Faro dialog (${mode})`, () => {
    let running: Running;
    let faro: ReturnType<typeof faroTurns>;
    before(async () => {
      faro = faroTurns();
      running = await startTelegram(mode, faro);
    });
    after(async () => {
      await running.close();
    });

    /** Steps of the replies to the last settled turn. */
    const steps = () => running.observed.settled.at(-1)?.outcome?.outbound.map((o) => o.reply.step);

    it('holds a conversation with keyboards and clicks: consent, menu, FAQ answer, handoff, protection', async () => {
      const ana = new Person(running, 5011, { languageCode: 'es' });

      const hello = await ana.say('/start');
      expect(steps()).to.deep.equal(['language']);
      expect(running.observed.settled.at(-1)?.inbound).to.include({ channel: 'telegram', conversationId: '5011', text: '/start', locale: 'es' });
      expect(hello).to.have.length(1);
      expect(hello[0]!.buttons).to.have.length(2, 'two short titles share a row');
      expect(actions(hello[0])).to.deep.equal(['lang:es', 'lang:en', 'lang:pt', 'lang:ht']);

      const consent = await ana.click(hello[0]!, 'lang:es');
      expect(steps()).to.deep.equal(['consent']);
      expect(running.observed.settled.at(-1)?.inbound.messageId).to.match(/^cbq:/);
      expect(actions(consent.at(-1))).to.include.members(['consent:accept', 'consent:decline']);

      const menu = await ana.click(consent.at(-1)!, 'consent:accept');
      expect(steps()?.at(-1)).to.equal('menu');
      expect(actions(menu.at(-1))).to.include.members(['topic:health', 'human']);

      const questions = await ana.click(menu.at(-1)!, 'topic:health');
      expect(steps()).to.deep.equal(['faq.questions']);
      const keyboard = questions[0]!.buttons;
      expect(keyboard.slice(0, 3).map((row) => row.length)).to.deep.equal([2, 2, 2], 'numbers go two to a row');
      expect(keyboard.at(-1)).to.have.length(1);
      expect(questions[0]!.text).to.match(/^1\. /m);

      // The person types the number instead of pressing it.
      const answer = await ana.say('2');
      expect(steps()?.[0]).to.equal('faq.answer');
      expect(running.observed.settled.at(-1)?.outcome?.outbound[0]?.reply.answerId).to.match(/^health\./);
      expect(answer[0]!.text).to.include('Fuente:');
      expect(answer[0]!.buttons).to.deep.equal([], 'the answer itself has no buttons');
      expect(actions(answer.at(-1))).to.include.members(['yes', 'no']);

      await ana.click(answer.at(-1)!, 'yes');
      expect(steps()?.at(-1)).to.equal('menu');

      const handoff = await ana.say('kiero ablar con una persona');
      expect(steps()?.at(-1)).to.equal('handoff.queued');
      const ref = /[3-9A-Y]{3}-[3-9A-Y]{3}/.exec(handoff.map((m) => m.text).join('\n'))?.[0];
      expect(ref, 'a ticket reference is shown').to.be.a('string');
      expect(await faro.store.tickets.get(ref!)).to.include({ status: 'open', channel: 'telegram' });

      const safety = await ana.say('me quiero matar');
      expect(steps()).to.deep.equal(['safety']);
      for (const number of ['105', '106', '116', 'Línea 100', 'Línea 113', 'Línea 1818']) expect(safety[0]!.text).to.include(number);
    });

    it('ignores group messages, answering only the private chat', async () => {
      const group = new Person(running, -100200, { type: 'group' });
      const before = running.observed.settled.length;
      await group.sendIgnored('hola a todos');
      const ben = new Person(running, 5022);
      const replies = await ben.say('hola');
      expect(replies).to.have.length.greaterThan(0);
      expect(running.observed.settled.slice(before).map((s) => s.inbound.conversationId)).to.deep.equal(['5022']);
      expect(group.newMessages()).to.deep.equal([]);
    });

    if (mode === 'polling') {
      it('answers a redelivered update once', async () => {
        const cleo = new Person(running, 5033);
        await cleo.say('hola');
        // Telegram sends an update again when its receipt was not confirmed (a crash before the
        // next getUpdates): the emulator does the same when an update is marked unread.
        const stored = running.emulator.storage.userMessages.filter((u) => 'message' in u && String(u.message.chat.id) === '5033');
        expect(stored).to.have.length(1);
        const before = running.observed.settled.length;
        stored[0]!.isRead = false;
        await running.observed.settledCount(before + 1);
        const again = running.observed.settled.at(-1)!;
        expect(again.inbound.messageId).to.equal(`msg:${stored[0]!.messageId}`);
        expect(again.outcome).to.deep.equal({ duplicate: true, outbound: [] });
        expect(cleo.newMessages()).to.deep.equal([]);
      });
    }
  });
}

conversationSuite('polling');
conversationSuite('webhook');

describe('Telegram long polling when a turn fails', () => {
  let running: Running;
  let turns: ReturnType<typeof fakeTurns>;
  before(async () => {
    turns = fakeTurns();
    running = await startTelegram('polling', turns);
  });
  after(async () => {
    await running.close();
  });

  it('tries the turn again with the same message id (the update is already confirmed)', async () => {
    turns.fake.failures = 2;
    const dana = new Person(running, 5044);
    const before = running.observed.settled.length;
    await dana.say('hola');
    await running.observed.settledCount(before + 3);
    const tries = running.observed.settled.slice(before);
    expect(tries.map((t) => (t.error ? 'failed' : 'ok'))).to.deep.equal(['failed', 'failed', 'ok']);
    expect(new Set(tries.map((t) => t.inbound.messageId)).size).to.equal(1);
    expect(dana.newMessages().map((m) => m.text)).to.deep.equal(['echo: hola']);
  });

  it('keeps polling after an update whose turn failed every time', async () => {
    turns.fake.failures = 4;
    const eva = new Person(running, 5055);
    const before = running.observed.settled.length;
    await eva.say('hola');
    await running.observed.settledCount(before + 4);
    expect(eva.newMessages()).to.deep.equal([]);
    const replies = await eva.say('¿sigues ahí?');
    expect(replies.map((m) => m.text)).to.deep.equal(['echo: ¿sigues ahí?']);
  });
});
