/**
 * The webhook's HTTP edge, posted to directly (as Telegram would) with a Bot API stub behind
 * the channel that records every call: the secret check, validation, redelivery, ignored
 * updates, answered clicks, and a failing turn that Telegram must send again.
 */
import { expect } from 'chai';
import type { Channel } from '../../channels/channel.ts';
import { createTelegramChannel } from '../../channels/telegram/index.ts';
import { SECRET_HEADER } from '../../channels/telegram/webhook.ts';
import { createApp } from '../../src/http/app.ts';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createLogger, type Logger } from '../../src/log/logger.ts';
import { call, expectCalmBody } from './directlineHarness.ts';
import { fakeTurns, faroTurns, ObservedTurns, SECRET, StubBotApi, TOKEN, WEBHOOK_PATH, type Turns } from './telegramHarness.ts';

interface Setup {
  api: StubBotApi;
  channel: Channel;
  observed: ObservedTurns;
  server: RunningServer;
  close(): Promise<void>;
}

async function setup(turns: Turns, log: Logger = createLogger('silent')): Promise<Setup> {
  const api = await new StubBotApi().start();
  const observed = new ObservedTurns(turns.turns);
  const channel = createTelegramChannel({
    token: TOKEN,
    turns: observed,
    log,
    apiRoot: api.url,
    webhook: { url: `https://faro.example.org${WEBHOOK_PATH}`, secretToken: SECRET },
    dropPendingUpdates: true,
    retry: { sleep: async () => {} },
  });
  turns.attach(channel.sink);
  const app = createApp({ log, ready: async () => true, routers: channel.routers ?? [] });
  const server = await startServer({ app, port: 0, host: '127.0.0.1', log });
  await channel.start?.();
  return {
    api,
    channel,
    observed,
    server,
    async close() {
      await channel.stop?.();
      await server.close();
      await turns.close();
      await api.close();
    },
  };
}

let updateIds = 9000;
let messageIds = 40;

function textUpdate(text: string, chat: { id: number; type?: string } = { id: 6011 }, extra: Record<string, unknown> = {}) {
  return {
    update_id: ++updateIds,
    message: {
      message_id: ++messageIds,
      date: 1_764_000_000,
      text,
      from: { id: chat.id, is_bot: false, first_name: 'Ana', language_code: 'es' },
      chat: { id: chat.id, type: chat.type ?? 'private', first_name: 'Ana' },
      ...extra,
    },
  };
}

function clickUpdate(data: string, chat: { id: number; type?: string } = { id: 6011 }) {
  return {
    update_id: ++updateIds,
    callback_query: {
      id: `cb-${updateIds}`,
      data,
      chat_instance: '-4411',
      from: { id: chat.id, is_bot: false, first_name: 'Ana' },
      message: { message_id: 7, date: 1_764_000_000, chat: { id: chat.id, type: chat.type ?? 'private' }, text: '¿Idioma?' },
    },
  };
}

/** Posts an update as Telegram does; `secret: null` leaves the header out. */
const post = (s: Setup, body: unknown, secret: string | null = SECRET) => call(s.server.url, 'POST', WEBHOOK_PATH, { body, headers: secret === null ? {} : { [SECRET_HEADER]: secret } });

describe('Telegram webhook', () => {
  describe('with the Faro dialog', () => {
    let s: Setup;
    before(async () => {
      s = await setup(faroTurns());
    });
    after(async () => {
      await s.close();
    });

    it('registers the webhook with its secret on start', () => {
      expect(s.api.of('getMe')).to.have.length(1);
      const [setWebhook] = s.api.of('setWebhook');
      expect(setWebhook?.payload).to.deep.include({
        url: `https://faro.example.org${WEBHOOK_PATH}`,
        secret_token: SECRET,
        allowed_updates: ['message', 'callback_query'],
        drop_pending_updates: true,
      });
      expect(s.api.of('getUpdates')).to.deep.equal([]);
    });

    it('rejects a missing secret with 401 and a wrong one with 403, processing nothing', async () => {
      const missing = await post(s, textUpdate('hola'), null);
      expect(missing.status).to.equal(401);
      expect(missing.json.error.code).to.equal('Unauthorized');
      for (const wrong of ['wrong', `${SECRET}x`, SECRET.slice(0, -1), SECRET.toUpperCase()]) {
        const answer = await post(s, textUpdate('hola'), wrong);
        expect(answer.status, wrong).to.equal(403);
        expect(answer.json.error.code).to.equal('Forbidden');
        expect(answer.text).not.to.include(SECRET);
      }
      expect(s.observed.settled).to.have.length(0);
      expect(s.api.of('sendMessage')).to.have.length(0);
    });

    it('answers 400 with the bad field for a body that is not an update', async () => {
      const cases: [unknown, RegExp][] = [
        [{ message: { text: 'hola' } }, /^update_id: /],
        [{ update_id: 'x' }, /^update_id: /],
        [{ update_id: 1, message: { message_id: 1, chat: { id: { $gt: 0 }, type: 'private' } } }, /^message\.chat\.id: /],
        [{ update_id: 1, callback_query: { id: 5, from: { id: 1, is_bot: false } } }, /^callback_query\.id: /],
        [[1, 2], /^update: /],
      ];
      for (const [body, message] of cases) {
        const answer = await post(s, body);
        expect(answer.status, JSON.stringify(body)).to.equal(400);
        expect(answer.json.error.code).to.equal('BadArgument');
        expect(answer.json.error.message).to.match(message);
      }
      const raw = await call(s.server.url, 'POST', WEBHOOK_PATH, { raw: '{"update_id": 1,', headers: { [SECRET_HEADER]: SECRET } });
      expect(raw.status).to.equal(400);
      expect(s.observed.settled).to.have.length(0);
    });

    it('runs the turn before answering 204, and answers a redelivered update once', async () => {
      const update = textUpdate('hola', { id: 6022 });
      const first = await post(s, update);
      expect(first.status).to.equal(204);
      expect(first.text).to.equal('');
      const sent = s.api.of('sendMessage').filter((c) => c.payload.chat_id === '6022');
      expect(sent).to.have.length(1);
      expect(sent[0]!.payload).to.not.have.property('parse_mode');
      expect(sent[0]!.payload.link_preview_options).to.deep.equal({ is_disabled: true });
      expect(s.observed.settled.at(-1)?.inbound).to.deep.equal({ channel: 'telegram', conversationId: '6022', messageId: `msg:${update.message.message_id}`, text: 'hola', locale: 'es' });

      const again = await post(s, update);
      expect(again.status).to.equal(204);
      expect(s.observed.settled.at(-1)?.outcome?.duplicate).to.equal(true);
      expect(s.api.of('sendMessage').filter((c) => c.payload.chat_id === '6022')).to.have.length(1);
    });

    it('answers every click, runs the turn with its action, and ignores clicks outside private chats', async () => {
      await post(s, textUpdate('hola', { id: 6033 }));
      const click = clickUpdate('lang:es', { id: 6033 });
      expect((await post(s, click)).status).to.equal(204);
      expect(s.observed.settled.at(-1)?.inbound).to.include({ conversationId: '6033', messageId: `cbq:${click.callback_query.id}`, action: 'lang:es' });
      expect(s.api.of('answerCallbackQuery').map((c) => c.payload.callback_query_id)).to.include(click.callback_query.id);

      const before = s.observed.settled.length;
      const groupClick = clickUpdate('lang:es', { id: -100300, type: 'supergroup' });
      expect((await post(s, groupClick)).status).to.equal(204);
      expect(s.observed.settled).to.have.length(before);
      expect(s.api.of('answerCallbackQuery').map((c) => c.payload.callback_query_id)).to.include(groupClick.callback_query.id);
    });

    it('ignores groups, channels, edited messages and other bots with a 204', async () => {
      const before = s.observed.settled.length;
      const sends = s.api.of('sendMessage').length;
      const ignored = [
        textUpdate('hola', { id: -100400, type: 'group' }),
        textUpdate('hola', { id: -100401, type: 'supergroup' }),
        { update_id: ++updateIds, channel_post: { message_id: 1, date: 1, chat: { id: -100402, type: 'channel' }, text: 'hola' } },
        { update_id: ++updateIds, edited_message: textUpdate('hola editado').message },
        textUpdate('hola', { id: 6044 }, { from: { id: 6044, is_bot: true, first_name: 'OtherBot' } }),
      ];
      for (const update of ignored) expect((await post(s, update)).status, JSON.stringify(update)).to.equal(204);
      expect(s.observed.settled).to.have.length(before);
      expect(s.api.of('sendMessage')).to.have.length(sends);
    });

    it('serves only POST on its path', async () => {
      const get = await call(s.server.url, 'GET', WEBHOOK_PATH);
      expect(get.status).to.equal(404);
      expect(get.json.error.code).to.equal('NotFound');
    });
  });

  describe('when a turn fails', () => {
    let s: Setup;
    let turns: ReturnType<typeof fakeTurns>;
    before(async () => {
      turns = fakeTurns();
      s = await setup(turns);
    });
    after(async () => {
      await s.close();
    });

    it('answers 503 so that Telegram sends the update again, then handles it', async () => {
      turns.fake.failures = 1;
      const update = textUpdate('hola', { id: 6055 });
      const failed = await post(s, update);
      expect(failed.status).to.equal(503);
      expect(failed.json.error.code).to.equal('TurnFailed');
      expect(failed.headers.get('retry-after')).to.equal('1');
      expectCalmBody(failed.text);
      expect(s.api.of('sendMessage')).to.have.length(0);

      const retried = await post(s, update);
      expect(retried.status).to.equal(204);
      expect(s.api.of('sendMessage').map((c) => c.payload.text)).to.deep.equal(['echo: hola']);
    });
  });
});

describe('Telegram channel logs', () => {
  it('carry ids, never message text, names or callback data of a person', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const s = await setup(faroTurns(), pino({ level: 'debug' }, sink));
    try {
      const hello = textUpdate('hola, soy Ximena Quispe', { id: 6066 });
      hello.message.from.first_name = 'Ximena';
      expect((await post(s, hello)).status).to.equal(204);
      expect((await post(s, textUpdate('me quiero matar', { id: 6066 }))).status).to.equal(204);
      expect((await post(s, clickUpdate('lang:es', { id: 6066 }))).status).to.equal(204);
      expect((await post(s, textUpdate('hola', { id: -100500, type: 'group' }))).status).to.equal(204);
      s.api.answer('sendMessage', { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: BUTTON_DATA_INVALID' } });
      expect((await post(s, textUpdate('menu', { id: 6066 }))).status).to.equal(204);
    } finally {
      await s.close();
    }
    const log = lines.join('');
    expect(log).to.include('"updateId"').and.to.include('"conversationId":"6066"');
    for (const secret of ['Ximena', 'Quispe', 'matar', 'Línea', 'hola', 'lang:es', TOKEN, SECRET]) expect(log, secret).not.to.include(secret);
  });
});
