/**
 * The Telegram sink against a Bot API stub over real HTTP, through real telegraf: rendering
 * (keyboards, numbered menus, long texts), idempotency, and the closed set of send failures.
 */
import { expect } from 'chai';
import type { Channel } from '../../channels/channel.ts';
import { createTelegramChannel } from '../../channels/telegram/index.ts';
import { TelegramSendError } from '../../channels/telegram/sendError.ts';
import type { Choice, Outbound } from '../../src/core/message.ts';
import { createLogger } from '../../src/log/logger.ts';
import type { RetryPolicy } from '../../channels/telegram/retry.ts';
import { apiError, freePort, StubBotApi, TOKEN } from './telegramHarness.ts';

let seq = 0;
function outbound(text: string, choices: Choice[] = [], conversationId = '7011'): Outbound {
  seq += 1;
  return { id: `telegram:${conversationId}#${seq}`, channel: 'telegram', conversationId, seq, replyTo: `msg:${seq}`, reply: { text, choices, step: 'menu' } };
}

const TOPICS: Choice[] = [
  { action: 'topic:regularization', title: 'Regularización y documentos' },
  { action: 'topic:health', title: 'Salud' },
  { action: 'topic:education', title: 'Educación' },
  { action: 'human', title: 'Hablar con una persona' },
];

describe('Telegram sink', () => {
  let api: StubBotApi;
  let waits: number[];
  let channel: Channel;
  const open = (apiRoot: string, retry: Partial<RetryPolicy> = {}) =>
    createTelegramChannel({
      token: TOKEN,
      turns: { handle: () => Promise.reject(new Error('no turns here')) },
      log: createLogger('silent'),
      apiRoot,
      retry: { sleep: async (ms) => void waits.push(ms), ...retry },
    });

  beforeEach(async () => {
    api = await new StubBotApi().start();
    waits = [];
    channel = open(api.url);
  });
  afterEach(async () => {
    await api.close();
  });

  const sent = () => api.of('sendMessage').map((c) => c.payload);

  it('sends choices as an inline keyboard whose callback_data is the action, short titles two to a row', async () => {
    await channel.sink.deliver([outbound('¿Sobre qué tema?', TOPICS)]);
    expect(sent()).to.have.length(1);
    const [message] = sent();
    expect(message).to.deep.include({ chat_id: '7011', text: '¿Sobre qué tema?', link_preview_options: { is_disabled: true } });
    expect(message).not.to.have.property('parse_mode');
    expect(message!.reply_markup).to.deep.equal({
      inline_keyboard: [
        [{ text: 'Regularización y documentos', callback_data: 'topic:regularization' }],
        [
          { text: 'Salud', callback_data: 'topic:health' },
          { text: 'Educación', callback_data: 'topic:education' },
        ],
        [{ text: 'Hablar con una persona', callback_data: 'human' }],
      ],
    });
  });

  it('sends text verbatim: markup characters need no escaping without parse_mode', async () => {
    const text = 'Llama al *105* o escribe a <psea@example.org> [24 h] _gratis_ & más';
    await channel.sink.deliver([outbound(text)]);
    expect(sent()).to.deep.equal([{ chat_id: '7011', text, link_preview_options: { is_disabled: true } }]);
  });

  it('falls back to a numbered text menu when an action is longer than 64 bytes', async () => {
    const choices = [...TOPICS.slice(1, 3), { action: `faq:${'ñ'.repeat(31)}`, title: 'Una pregunta larga' }];
    await channel.sink.deliver([outbound('Elige:', choices)]);
    expect(sent()).to.have.length(1);
    expect(sent()[0]).not.to.have.property('reply_markup');
    expect(sent()[0]!.text).to.equal('Elige:\n\n1. Salud\n2. Educación\n3. Una pregunta larga');
  });

  it('splits a text over 4096 characters at line breaks, with the keyboard under the last part', async () => {
    const paragraph = `${'Información verificada. '.repeat(40).trim()}\n`;
    const text = paragraph.repeat(10).trim();
    await channel.sink.deliver([outbound(text, TOPICS.slice(1, 3))]);
    const parts = sent();
    expect(parts.length).to.be.greaterThan(1);
    for (const part of parts) expect((part.text as string).length).to.be.at.most(4096);
    expect(parts.map((p) => p.text).join('\n')).to.equal(text);
    expect(parts.slice(0, -1).every((p) => p.reply_markup === undefined)).to.equal(true);
    expect(parts.at(-1)!.reply_markup).to.have.property('inline_keyboard');
  });

  it('is idempotent by Outbound.id', async () => {
    const message = outbound('Hola');
    await channel.sink.deliver([message]);
    await channel.sink.deliver([message]);
    expect(sent()).to.have.length(1);
  });

  it('ignores messages of other channels', async () => {
    await channel.sink.deliver([{ ...outbound('Hola'), channel: 'webchat' }]);
    expect(sent()).to.have.length(0);
  });

  it('waits as long as a 429 asks (retry_after), then sends', async () => {
    api.answer('sendMessage', apiError(429, 'Too Many Requests: retry after 7', { retry_after: 7 }));
    await channel.sink.deliver([outbound('Hola')]);
    expect(waits).to.deep.equal([7000]);
    expect(sent()).to.have.length(2);
  });

  it('backs off on 5xx and retries', async () => {
    api.answer('sendMessage', apiError(502, 'Bad Gateway'), apiError(500, 'Internal Server Error'));
    await channel.sink.deliver([outbound('Hola')]);
    expect(waits).to.deep.equal([500, 1000]);
    expect(sent()).to.have.length(3);
  });

  it('throws `unavailable` after the last attempt, and resumes after the last part delivered', async () => {
    const text = `${'a'.repeat(4000)}\n${'b'.repeat(200)}`;
    const message = outbound(text);
    api.answer('sendMessage', { status: 200, body: { ok: true, result: { message_id: 1, date: 1, chat: { id: 7011, type: 'private' } } } });
    api.answer('sendMessage', ...Array.from({ length: 4 }, () => apiError(503, 'Service Unavailable')));
    const failure = await channel.sink.deliver([message]).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).to.be.instanceOf(TelegramSendError);
    expect(failure).to.include({ kind: 'unavailable', code: 503, retryable: true });
    expect(waits).to.deep.equal([500, 1000, 2000]);
    expect(sent()).to.have.length(5);

    await channel.sink.deliver([message]);
    expect(sent().map((p) => (p.text as string)[0])).to.deep.equal(['a', 'b', 'b', 'b', 'b', 'b']);
  });

  it('gives up at once when a 429 asks for longer than it may wait', async () => {
    api.answer('sendMessage', apiError(429, 'Too Many Requests: retry after 120', { retry_after: 120 }));
    const failure = await channel.sink.deliver([outbound('Hola')]).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).to.include({ kind: 'throttled', retryAfterMs: 120_000 });
    expect(waits).to.deep.equal([]);
  });

  it('drops the reply without retrying when the person blocked the bot (403)', async () => {
    api.answer('sendMessage', apiError(403, 'Forbidden: bot was blocked by the user'));
    await channel.sink.deliver([outbound('Hola'), outbound('¿Algo más?')]);
    expect(waits).to.deep.equal([]);
    expect(sent()).to.have.length(2, 'the next reply is still tried');
  });

  it('resends refused buttons as a numbered text menu (400)', async () => {
    api.answer('sendMessage', apiError(400, 'Bad Request: BUTTON_DATA_INVALID'));
    await channel.sink.deliver([outbound('¿Sobre qué tema?', TOPICS.slice(1, 3))]);
    expect(sent()).to.have.length(2);
    expect(sent()[1]).not.to.have.property('reply_markup');
    expect(sent()[1]!.text).to.equal('¿Sobre qué tema?\n\n1. Salud\n2. Educación');
  });

  it('throws `unauthorized` at once for a revoked token (401)', async () => {
    api.answer('sendMessage', apiError(401, 'Unauthorized'));
    const failure = await channel.sink.deliver([outbound('Hola')]).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).to.include({ kind: 'unauthorized', code: 401, retryable: false });
    expect(sent()).to.have.length(1);
  });

  it('treats a refused connection as `unavailable`', async () => {
    const closed = open(`http://127.0.0.1:${await freePort()}`);
    const failure = await closed.sink.deliver([outbound('Hola')]).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).to.include({ kind: 'unavailable', code: undefined });
    expect(waits).to.deep.equal([500, 1000, 2000]);
  });

  it('gives a hung request up after timeoutMs and retries it', async () => {
    const impatient = open(api.url, { timeoutMs: 50, attempts: 2 });
    api.answer('sendMessage', 'hang');
    await impatient.sink.deliver([outbound('Hola')]);
    expect(sent()).to.have.length(2);
    expect(waits).to.deep.equal([500]);
  });
});
