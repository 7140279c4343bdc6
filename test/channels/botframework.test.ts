/**
 * The Bot Framework channel over real HTTP: the real app and botbuilder's CloudAdapter on a
 * free port, a stand-in runtime (FakeTurns: "echo: …" with Sí/No at step `menu`), and a stub
 * connector service as every activity's serviceUrl.
 */
import { expect } from 'chai';
import type { Outbound } from '../../src/core/message.ts';
import type { TurnHandler } from '../../src/runtime/ports.ts';
import { createLogger } from '../../src/log/logger.ts';
import { createBotFrameworkChannel } from '../../channels/botframework/index.ts';
import { FakeTurns } from '../support/fakeTurns.ts';
import { ConnectorStub, fixture, readFixture, LogCapture, message, postActivity, startBot, type BotHarness } from './botframeworkHarness.ts';

const silent = createLogger('silent');

describe('Bot Framework channel over HTTP', () => {
  let stub: ConnectorStub;
  let turns: FakeTurns;
  let bot: BotHarness;

  beforeEach(async () => {
    stub = await new ConnectorStub().start();
    turns = new FakeTurns();
    bot = await startBot(turns, silent);
    turns.sink = bot.channel.sink;
  });
  afterEach(async () => {
    await bot.close();
    await stub.close();
  });

  describe('expectReplies', () => {
    it("returns the turn's replies in the HTTP answer, with choices and the dialog position", async () => {
      const activity: Record<string, any> = { ...fixture('expectReplies.json'), serviceUrl: stub.url };
      const r = await postActivity(bot.url, activity);
      expect(r.status).to.equal(200);
      expect(r.json.activities).to.have.length(1);
      const [reply] = r.json.activities;
      expect(reply).to.include({ type: 'message', text: 'echo: hola', replyToId: 'bridge-0001', channelId: 'directline' });
      expect(reply.conversation.id).to.equal('k3JbWq0f2Z1x');
      expect(reply.recipient.id).to.equal('dl_person');
      expect(reply.channelData).to.deep.equal({ step: 'menu', topic: 'health' });
      expect(reply.suggestedActions).to.deep.equal({
        to: ['dl_person'],
        actions: [
          { type: 'messageBack', title: 'Sí', displayText: 'Sí', value: { action: 'yes' } },
          { type: 'messageBack', title: 'No', displayText: 'No', value: { action: 'no' } },
        ],
      });
      expect(stub.calls, 'nothing goes to the serviceUrl').to.have.length(0);
      expect(turns.calls).to.deep.equal([{ channel: 'botframework', conversationId: 'k3JbWq0f2Z1x', messageId: 'bridge-0001', text: 'hola', locale: 'es' }]);
    });

    it('needs no serviceUrl', async () => {
      const activity: Record<string, any> = fixture('expectReplies.json');
      delete activity.serviceUrl;
      const r = await postActivity(bot.url, activity);
      expect(r.status).to.equal(200);
      expect(r.json.activities.map((a: { text: string }) => a.text)).to.deep.equal(['echo: hola']);
    });

    it('answers a redelivered activity once: the second answer holds no replies', async () => {
      const activity: Record<string, any> = { ...fixture('expectReplies.json'), serviceUrl: stub.url };
      const first = await postActivity(bot.url, activity);
      const again = await postActivity(bot.url, activity);
      expect(first.json.activities).to.have.length(1);
      expect(again.status).to.equal(200);
      expect(again.json.activities).to.deep.equal([]);
    });
  });

  describe('normal delivery', () => {
    it("sends the replies to the activity's serviceUrl, as a reply to that activity", async () => {
      const activity: Record<string, any> = { ...fixture('message.json'), serviceUrl: stub.url };
      const r = await postActivity(bot.url, activity);
      expect(r.status).to.equal(200);
      expect(r.text).to.equal('');
      expect(stub.calls).to.have.length(1);
      const [call] = stub.calls;
      expect(call!.path).to.equal(`/v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${activity.id}`);
      expect(call!.conversationId).to.equal(activity.conversation.id);
      expect(call!.replyToId).to.equal(activity.id);
      expect(call!.authorization, 'no credentials without an app id').to.equal(undefined);
      expect(call!.activity).to.include({ type: 'message', text: 'echo: hola', replyToId: activity.id, channelId: 'emulator' });
      expect(call!.activity.from.id).to.equal('faro-bot');
      expect(call!.activity.recipient.id).to.equal(activity.from.id);
      expect(call!.activity.channelData).to.deep.equal({ step: 'menu', topic: 'health' });
      expect(call!.activity.suggestedActions.actions[0]).to.deep.equal({ type: 'messageBack', title: 'Sí', displayText: 'Sí', value: { action: 'yes' } });
      expect(turns.calls[0]).to.deep.include({ conversationId: activity.conversation.id, messageId: activity.id, text: 'hola', locale: 'es-PE' });
    });

    it('turns a click (value.action) into the inbound action', async () => {
      await postActivity(bot.url, { ...fixture('click.json'), serviceUrl: stub.url });
      expect(turns.calls).to.have.length(1);
      expect(turns.calls[0]!.action).to.equal('topic:health');
      expect(turns.calls[0]).not.to.have.property('text');
    });

    it('answers a redelivered activity once', async () => {
      const activity: Record<string, any> = { ...fixture('message.json'), serviceUrl: stub.url };
      expect((await postActivity(bot.url, activity)).status).to.equal(200);
      expect((await postActivity(bot.url, activity)).status).to.equal(200);
      expect(stub.calls).to.have.length(1);
    });

    it('acknowledges a conversationUpdate without a turn or a greeting', async () => {
      const r = await postActivity(bot.url, { ...fixture('conversationUpdate.json'), serviceUrl: stub.url });
      expect(r.status).to.equal(200);
      expect(turns.calls).to.have.length(0);
      expect(stub.calls).to.have.length(0);
    });

    it('cleans typed text before the dialog sees it', async () => {
      await postActivity(bot.url, message('c-clean', stub.url, { text: '  ho\u0000la\r\n\uD800 ' }));
      expect(turns.calls[0]!.text).to.equal('hola\n\uFFFD');
    });
  });

  describe('choices per Bot Framework channel', () => {
    it('uses imBack buttons (the title as text) on Teams', async () => {
      await postActivity(bot.url, message('c-teams', stub.url, { text: 'hola', channelId: 'msteams' }));
      expect(stub.calls[0]!.activity.suggestedActions.actions).to.deep.equal([
        { type: 'imBack', title: 'Sí', value: 'Sí' },
        { type: 'imBack', title: 'No', value: 'No' },
      ]);
    });

    it('falls back to a numbered text menu where buttons are impossible (SMS)', async () => {
      await postActivity(bot.url, message('c-sms', stub.url, { text: 'hola', channelId: 'sms' }));
      const sent = stub.calls[0]!.activity;
      expect(sent.text).to.equal('echo: hola\n\n1. Sí\n2. No');
      expect(sent).not.to.have.property('suggestedActions');
      expect(sent.channelData).to.deep.equal({ step: 'menu', topic: 'health' });
    });
  });

  describe('bad input', () => {
    for (const { name, body, field } of readFixture('bad-bodies.json') as { name: string; body: unknown; field: string }[]) {
      it(`answers 400 JSON for ${name}`, async () => {
        const r = await postActivity(bot.url, body);
        expect(r.status).to.equal(400);
        expect(r.json.error.code).to.equal('BadArgument');
        if (field !== '') expect(r.json.error.message).to.match(new RegExp(`^${field.replace('.', '\\.')}:`));
        expect(turns.calls).to.have.length(0);
        expect(stub.calls).to.have.length(0);
      });
    }

    it('answers 400 JSON for malformed JSON and for a body that is not JSON', async () => {
      const broken = await postActivity(bot.url, undefined, { raw: '{"type":"message",' });
      expect(broken.status).to.equal(400);
      expect(broken.json.error.code).to.equal('BadArgument');
      const plain = await postActivity(bot.url, undefined, { raw: 'type=message', headers: { 'content-type': 'text/plain' } });
      expect(plain.status).to.equal(400);
      expect(plain.json.error.code).to.equal('BadArgument');
    });

    it('never repeats the value that was sent', async () => {
      const r = await postActivity(bot.url, { type: 'message', id: 'm1', serviceUrl: 'javascript:alert(1)', conversation: { id: 'c1' } });
      expect(r.status).to.equal(400);
      expect(r.text).not.to.include('alert');
    });

    it('answers other methods with a JSON 404', async () => {
      const res = await fetch(`${bot.url}/api/messages`);
      expect(res.status).to.equal(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('NotFound');
    });

    it('answers a failed turn with a calm 500 JSON', async () => {
      turns.failures = 1;
      const r = await postActivity(bot.url, message('c-fail', stub.url, { text: 'hola' }));
      expect(r.status).to.equal(500);
      expect(r.json.error.code).to.equal('TurnFailed');
    });
  });

  describe('replies outside a live turn', () => {
    const outbound = (conversationId: string, seq: number, replyTo: string, text: string): Outbound => ({
      id: `botframework:${conversationId}#${seq}`,
      channel: 'botframework',
      conversationId,
      seq,
      replyTo,
      reply: { text, choices: [{ action: 'menu', title: 'Menú principal' }], step: 'handoff.queued' },
    });

    it('sends them proactively to the stored reference, once per id', async () => {
      const first = message('c-later', stub.url, { text: 'hola' });
      await postActivity(bot.url, first);
      const later = outbound('c-later', 7, first.id, 'Una persona te escribe');
      await bot.channel.sink.deliver([later]);
      await bot.channel.sink.deliver([later]);
      expect(stub.calls).to.have.length(2);
      const call = stub.calls[1]!;
      expect(call.path).to.equal(`/v3/conversations/c-later/activities/${first.id}`);
      expect(call.activity).to.include({ text: 'Una persona te escribe', replyToId: first.id });
      expect(call.activity.recipient.id).to.equal(first.from.id);
      expect(call.activity.channelData).to.deep.equal({ step: 'handoff.queued' });
      expect(call.activity.suggestedActions.actions).to.deep.equal([{ type: 'messageBack', title: 'Menú principal', displayText: 'Menú principal', value: { action: 'menu' } }]);
    });

    it('parks them when the conversation is unknown and carries them out with its next message', async () => {
      await bot.channel.sink.deliver([outbound('c-restart', 3, 'before-restart', 'respuesta pendiente')]);
      expect(stub.calls).to.have.length(0);
      const r = await postActivity(bot.url, message('c-restart', stub.url, { text: 'hola?', expectReplies: true }));
      expect(r.json.activities.map((a: { text: string }) => a.text)).to.deep.equal(['respuesta pendiente', 'echo: hola?']);
      // Parked once, carried out once.
      const again = await postActivity(bot.url, message('c-restart', stub.url, { text: 'otra', expectReplies: true }));
      expect(again.json.activities.map((a: { text: string }) => a.text)).to.deep.equal(['echo: otra']);
    });

    it("keeps an expectReplies conversation's later replies for its next request", async () => {
      const first = message('c-bridge', stub.url, { text: 'hola', expectReplies: true });
      await postActivity(bot.url, first);
      await bot.channel.sink.deliver([outbound('c-bridge', 9, first.id, 'más tarde')]);
      expect(stub.calls).to.have.length(0);
      const r = await postActivity(bot.url, message('c-bridge', stub.url, { text: 'sigo aquí', expectReplies: true }));
      expect(r.json.activities.map((a: { text: string }) => a.text)).to.deep.equal(['más tarde', 'echo: sigo aquí']);
    });

    it("sends older replies delivered together with a live turn's through that turn", async () => {
      // What the runtime does after a failed send: the next turn delivers the old replies again
      // together with its own.
      let other: BotHarness | undefined;
      const late: TurnHandler = {
        handle: async (inbound) => {
          const replies = [outbound(inbound.conversationId, 1, 'an-earlier-activity', 'vieja'), outbound(inbound.conversationId, 2, inbound.messageId, 'nueva')];
          await other!.channel.sink.deliver(replies);
          return { duplicate: false, outbound: replies.slice(1) };
        },
      };
      other = await startBot(late, silent);
      try {
        const r = await postActivity(other.url, message('c-resend', stub.url, { text: 'hola', expectReplies: true }));
        expect(r.json.activities.map((a: { text: string }) => a.text)).to.deep.equal(['vieja', 'nueva']);
      } finally {
        await other.close();
      }
    });

    it('parks replies the serviceUrl refused and delivers them when the activity comes again', async () => {
      const activity = message('c-down', stub.url, { text: 'hola' });
      stub.failures = 100;
      const failed = await postActivity(bot.url, activity);
      expect(failed.status).to.equal(500);
      expect(failed.json.error.code).to.equal('TurnFailed');
      expect(stub.calls).to.have.length(0);
      stub.failures = 0;
      const retried = await postActivity(bot.url, activity);
      expect(retried.status).to.equal(200);
      expect(stub.texts('c-down')).to.deep.equal(['echo: hola']);
    });
  });
});

describe('Bot Framework channel with an app id', () => {
  let turns: FakeTurns;
  let bot: BotHarness;
  let logs: LogCapture;

  before(async () => {
    turns = new FakeTurns();
    logs = new LogCapture('info');
    bot = await startBot(turns, logs.log, { appId: '00000000-0000-4000-8000-00000000b0f0', appPassword: 'not-a-real-secret' });
    turns.sink = bot.channel.sink;
  });
  after(async () => {
    await bot.close();
  });

  it('rejects a request without a token (401 JSON)', async () => {
    const r = await postActivity(bot.url, fixture('message.json'));
    expect(r.status).to.equal(401);
    expect(r.json.error.code).to.equal('Unauthorized');
    expect(turns.calls).to.have.length(0);
  });

  it('rejects a request with a token that is not a Bot Framework token (401 JSON)', async () => {
    const r = await postActivity(bot.url, fixture('message.json'), { headers: { authorization: 'Bearer not.a.jwt' } });
    expect(r.status).to.equal(401);
    expect(r.json.error.code).to.equal('Unauthorized');
    expect(turns.calls).to.have.length(0);
  });

  it('does not warn about running unauthenticated', () => {
    expect(logs.text).not.to.include('WITHOUT authentication');
  });
});

describe('Bot Framework channel options', () => {
  const make = (identity: Record<string, unknown>) => () => createBotFrameworkChannel({ ...identity, turns: new FakeTurns(), log: silent });

  it('says what to change when the identity is inconsistent', () => {
    expect(make({ appPassword: 'x' })).to.throw(/without an appId/);
    expect(make({ appId: 'id' })).to.throw(/appPassword .* is required for appType MultiTenant/);
    expect(make({ appId: 'id', appPassword: 'p', appType: 'SingleTenant' })).to.throw(/tenantId is required for appType SingleTenant/);
    expect(make({ appId: 'id', appPassword: 'p', appType: 'UserAssignedMSI', tenantId: 't' })).to.throw(/must not be set for appType UserAssignedMSI/);
    expect(make({ appId: 'id', appType: 'Anything' })).to.throw(/is not one of MultiTenant, SingleTenant, UserAssignedMSI/);
    expect(make({ maxParkedReplies: 0 })).to.throw(/maxParkedReplies must be a positive whole number/);
  });

  it('accepts each valid identity', () => {
    expect(make({})).not.to.throw();
    expect(make({ appId: 'id', appPassword: 'p' })).not.to.throw();
    expect(make({ appId: 'id', appPassword: 'p', appType: 'SingleTenant', tenantId: 't' })).not.to.throw();
    expect(make({ appId: 'id', appType: 'UserAssignedMSI', tenantId: 't' })).not.to.throw();
  });

  it('names itself botframework and serves POST /api/messages', () => {
    const channel = make({})();
    expect(channel.name).to.equal('botframework');
    expect(channel.routers).to.have.length(1);
  });
});
