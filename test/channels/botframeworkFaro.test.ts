/**
 * The REAL Faro conversation through the Bot Framework channel: TurnRuntime, the memory store
 * and the real dialog over the seed content, behind botbuilder's CloudAdapter on the real app,
 * over real HTTP; replies go to a stub connector service (normal delivery) or come back in the
 * HTTP answer (`expectReplies`).
 */
import { expect } from 'chai';
import type { Logger } from '../../src/log/logger.ts';
import { ticketRef } from '../../src/runtime/refs.ts';
import { TurnRuntime } from '../../src/runtime/turns.ts';
import { createMemoryStore } from '../../src/store/memory/index.ts';
import type { Store } from '../../src/store/ports.ts';
import { faroDialog } from '../support/dialog.ts';
import { ConnectorStub, LogCapture, message, postActivity, startBot, type BotHarness } from './botframeworkHarness.ts';
import { helpdesk } from '../../src/helpdesk/index.ts';

// Reply activities are inspected field by field.
type Reply = Record<string, any>;

interface Faro {
  runtime: TurnRuntime;
  bot: BotHarness;
  close(): Promise<void>;
}

async function startFaro(store: Store, log: Logger): Promise<Faro> {
  const runtime = new TurnRuntime({ store, ...helpdesk(store), dialog: faroDialog(), log, ticketRef });
  const bot = await startBot(runtime, log);
  runtime.register(bot.channel.name, bot.channel.sink);
  await runtime.recover();
  return {
    runtime,
    bot,
    async close() {
      await bot.close();
      await runtime.close();
    },
  };
}

let people = 0;

/** One person in one Bot Framework conversation. */
class Person {
  readonly conversationId = `bf-conv-${++people}-${Date.now().toString(36)}`;
  private sent = 0;

  constructor(
    private readonly faro: () => Faro,
    private readonly stub: ConnectorStub,
    private readonly mode: { expectReplies?: boolean; channelId?: string } = {},
  ) {}

  /** Sends a message (or a click) and returns the bot's replies to it. */
  async say(content: string | { action: string }, id = `${this.conversationId}-m${++this.sent}`): Promise<Reply[]> {
    const activity = message(this.conversationId, this.stub.url, {
      ...(typeof content === 'string' ? { text: content } : { action: content.action }),
      id,
      ...this.mode,
    });
    const r = await postActivity(this.faro().bot.url, activity);
    expect(r.status, r.text).to.equal(200);
    if (this.mode.expectReplies) return r.json.activities as Reply[];
    // The endpoint answers after the turn's replies reached the serviceUrl: no waiting needed.
    return this.stub.calls.filter((c) => c.conversationId === this.conversationId && c.replyToId === id).map((c) => c.activity);
  }
}

const step = (replies: Reply[]) => replies.at(-1)?.channelData?.step as string | undefined;
const actions = (reply: Reply | undefined) => (reply?.suggestedActions?.actions ?? []).map((a: { value: { action: string } }) => a.value.action);

describe('Faro through the Bot Framework channel', () => {
  let store: Store;
  let stub: ConnectorStub;
  let logs: LogCapture;
  let faro: Faro;

  before(async () => {
    store = createMemoryStore();
    stub = await new ConnectorStub().start();
    logs = new LogCapture('debug');
    faro = await startFaro(store, logs.log);
  });
  after(async () => {
    await faro.close();
    await stub.close();
  });

  it('holds a whole conversation: language, consent, menu, an FAQ answer, a handoff, a protection signal', async () => {
    const person = new Person(() => faro, stub);
    const hello = await person.say('hola');
    expect(step(hello)).to.equal('language');
    expect(actions(hello[0])).to.deep.equal(['lang:es', 'lang:en', 'lang:pt', 'lang:ht']);

    expect(step(await person.say({ action: 'lang:es' }))).to.equal('consent');
    const menu = await person.say('acepto');
    expect(step(menu)).to.equal('menu');
    expect(actions(menu.at(-1))).to.include.members(['topic:health', 'human']);

    const questions = await person.say({ action: 'topic:health' });
    expect(questions.at(-1)?.channelData).to.include({ step: 'faq.questions', topic: 'health' });
    const answer = await person.say('1');
    expect(answer[0]?.channelData).to.include({ step: 'faq.answer', topic: 'health' });
    expect(answer[0]?.channelData?.answerId).to.match(/^health\./);
    expect(answer[0]?.text).to.include('Fuente:');

    const handoff = await person.say('quiero hablar con una persona');
    expect(step(handoff)).to.equal('handoff.queued');
    const ref = /[3-9A-Y]{3}-[3-9A-Y]{3}/.exec(handoff.map((r) => r.text).join('\n'))![0];
    expect(await store.tickets.get(ref)).to.include({ status: 'open', channel: 'botframework' });

    const danger = await person.say('ya no puedo más, me quiero matar');
    expect(step(danger)).to.equal('safety');
    const text = danger.map((r) => r.text).join('\n');
    for (const number of ['105', '113']) expect(text).to.include(number);

    // Every reply went to the serviceUrl as an answer to the message it replies to.
    const calls = stub.calls.filter((c) => c.conversationId === person.conversationId);
    expect(calls.every((c) => c.path.endsWith(`/activities/${c.replyToId}`) && c.activity.replyToId === c.replyToId)).to.equal(true);
  });

  it('reaches safety information before consent, from the first message (expectReplies)', async () => {
    const person = new Person(() => faro, stub, { expectReplies: true });
    const replies = await person.say('me quiero matar');
    expect(step(replies)).to.equal('safety');
    expect(replies.map((r) => r.text).join('\n')).to.include('113');
  });

  it('answers a redelivered activity once', async () => {
    const person = new Person(() => faro, stub);
    const first = await person.say('hola', 'same-activity');
    const again = await person.say('hola', 'same-activity');
    expect(first).to.have.length(1);
    expect(again).to.have.length(1); // still only the first delivery
    expect(stub.calls.filter((c) => c.conversationId === person.conversationId)).to.have.length(1);
  });

  it('lets an SMS person pick options by number from a numbered menu', async () => {
    const person = new Person(() => faro, stub, { channelId: 'sms' });
    const hello = await person.say('hola');
    expect(hello[0]?.text).to.match(/\n\n1\. Español\n2\. English\n3\. Português\n4\. Kreyòl ayisyen$/);
    expect(hello[0]).not.to.have.property('suggestedActions');
    expect(step(await person.say('1'))).to.equal('consent');
  });

  it('keeps typed text and raw conversation ids out of its logs', () => {
    for (const typed of ['me quiero matar', 'hablar con una persona', 'acepto']) expect(logs.text).not.to.include(typed);
    const channelLines = logs.lines.filter((line) => line.includes('"channel":"botframework"'));
    expect(channelLines.length).to.be.greaterThan(0);
    for (const line of channelLines) expect(line).not.to.include('bf-conv-');
  });
});

describe('Faro through the Bot Framework channel, when a reply cannot be sent', () => {
  let store: Store;
  let stub: ConnectorStub;
  let faro: Faro;
  const log = new LogCapture('silent').log;

  before(async () => {
    store = createMemoryStore();
    stub = await new ConnectorStub().start();
    faro = await startFaro(store, log);
  });
  after(async () => {
    await faro.close();
    await stub.close();
  });

  it('delivers a committed reply the serviceUrl refused with the next message, once', async () => {
    const person = new Person(() => faro, stub);
    await person.say('hola');
    stub.failures = 100;
    const failed = await postActivity(faro.bot.url, message(person.conversationId, stub.url, { text: 'es', id: 'refused' }));
    expect(failed.status).to.equal(500);
    stub.failures = 0;
    const next = await person.say('acepto');
    expect(next.map((r) => r.channelData?.step)).to.deep.equal(['consent', 'menu', 'menu']);
    const steps = stub.calls.filter((c) => c.conversationId === person.conversationId).map((c) => c.activity.channelData?.step);
    expect(steps).to.deep.equal(['language', 'consent', 'menu', 'menu']);
  });

  it('delivers a committed reply the serviceUrl refused, after a restart, with the next message', async () => {
    const person = new Person(() => faro, stub);
    await person.say('hola');

    // The serviceUrl refuses the reply to "es": the turn is committed, its reply is not out.
    stub.failures = 100;
    const failed = await postActivity(faro.bot.url, message(person.conversationId, stub.url, { text: 'es', id: 'lost-reply' }));
    expect(failed.status).to.equal(500);
    stub.failures = 0;

    // A new process: recovery re-delivers the outbox; with no reference yet it waits for the
    // person's next message and goes out first, in the same reply thread.
    await faro.close();
    faro = await startFaro(store, log);
    const next = await person.say('acepto');
    expect(next.map((r) => r.channelData?.step)).to.deep.equal(['consent', 'menu', 'menu']);
    expect(
      stub.calls.filter((c) => c.conversationId === person.conversationId && c.activity.channelData?.step === 'consent'),
      'sent once',
    ).to.have.length(1);
  });
});
