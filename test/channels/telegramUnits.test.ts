/**
 * The Telegram channel's pure parts: updates → meaning (fixtures in
 * channels/telegram/testdata/updates.json), rendering, error classification, option checks.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { TelegramError } from 'telegraf';
import { meaningOf } from '../../channels/telegram/inbound.ts';
import { createTelegramChannel } from '../../channels/telegram/index.ts';
import { renderReply, splitText } from '../../channels/telegram/render.ts';
import { numberedMenu } from '../../channels/kit/text.ts';
import { classifySendError } from '../../channels/telegram/sendError.ts';
import { checkUpdate } from '../../channels/telegram/update.ts';
import { createLogger } from '../../src/log/logger.ts';
import { FakeTurns } from '../support/fakeTurns.ts';
import { TOKEN } from './telegramHarness.ts';

interface Case {
  name: string;
  update: unknown;
  expect: { inbound?: Record<string, string>; ignored?: string; invalid?: string; callbackQueryId?: string };
}

const cases = JSON.parse(readFileSync(new URL('../../channels/telegram/testdata/updates.json', import.meta.url), 'utf8')) as Case[];

describe('Telegram updates (testdata/updates.json)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const check = checkUpdate(c.update);
      if (c.expect.invalid !== undefined) {
        expect(check.ok).to.equal(false);
        if (!check.ok) expect(check.problem.split(':')[0]).to.equal(c.expect.invalid);
        return;
      }
      if (!check.ok) throw new Error(check.problem);
      const meaning = meaningOf(check.update);
      if (c.expect.inbound) {
        expect(meaning.kind).to.equal('turn');
        if (meaning.kind === 'turn') expect(meaning.inbound).to.deep.equal(c.expect.inbound);
      } else {
        expect(meaning).to.include({ kind: 'ignored', reason: c.expect.ignored });
      }
      expect(meaning.callbackQueryId).to.equal(c.expect.callbackQueryId);
    });
  }

  it('cuts text to 4096 characters without splitting an emoji', () => {
    const text = `${'a'.repeat(4095)}😀 and more`;
    const check = checkUpdate({ update_id: 1, message: { message_id: 1, chat: { id: 1, type: 'private' }, from: { id: 1, is_bot: false }, text } });
    if (!check.ok) throw new Error(check.problem);
    const meaning = meaningOf(check.update);
    expect(meaning.kind === 'turn' && meaning.inbound.text).to.equal('a'.repeat(4095));
  });
});

describe('Telegram rendering', () => {
  it('lists only options whose title is not already their number', () => {
    const choices = [
      { action: 'faq:a', title: '1' },
      { action: 'faq:b', title: '2' },
      { action: 'human', title: 'Hablar con una persona' },
    ];
    expect(numberedMenu(choices)).to.equal('3. Hablar con una persona');
  });

  it('never sends an empty message, and gives a keyboard a text to hang under', () => {
    expect(renderReply({ text: '', choices: [], step: 'menu' })).to.deep.equal([]);
    const [only] = renderReply({ text: '', choices: [{ action: 'menu', title: 'Menú' }], step: 'menu' });
    expect(only?.text).to.equal('1. Menú');
    expect(only?.keyboard).to.deep.equal([[{ text: 'Menú', callback_data: 'menu' }]]);
  });

  it('falls back to numbers when a title is empty', () => {
    const parts = renderReply({
      text: 'Elige',
      choices: [
        { action: 'yes', title: 'Sí' },
        { action: 'no', title: ' ' },
      ],
      step: 'feedback',
    });
    expect(parts).to.deep.equal([{ text: 'Elige\n\n1. Sí\n2.' }]);
  });

  it('cuts a text without spaces hard, never inside a surrogate pair', () => {
    const text = `${'x'.repeat(4095)}😀${'y'.repeat(10)}`;
    const parts = splitText(text);
    expect(parts[0]).to.equal('x'.repeat(4095));
    expect(parts.join('')).to.equal(text);
  });
});

describe('Telegram send errors', () => {
  const telegramError = (code: number, description: string, parameters?: { retry_after?: number }) => new TelegramError({ error_code: code, description, ...(parameters ? { parameters } : {}) });

  const table: [unknown, string][] = [
    [telegramError(429, 'Too Many Requests: retry after 3', { retry_after: 3 }), 'throttled'],
    [telegramError(502, 'Bad Gateway'), 'unavailable'],
    [telegramError(403, 'Forbidden: bot was blocked by the user'), 'contact_unreachable'],
    [telegramError(403, 'Forbidden: user is deactivated'), 'contact_unreachable'],
    [telegramError(400, 'Bad Request: chat not found'), 'contact_unreachable'],
    [telegramError(400, 'Bad Request: message text is empty'), 'rejected'],
    [telegramError(401, 'Unauthorized'), 'unauthorized'],
    [telegramError(404, 'Not Found'), 'unauthorized'],
    [Object.assign(new Error('request to https://api.telegram.org/bot/sendMessage failed'), { name: 'FetchError' }), 'unavailable'],
    [new SyntaxError('Unexpected token <'), 'unavailable'],
  ];
  for (const [err, kind] of table) {
    it(`${err instanceof TelegramError ? `${err.code} ${err.description}` : (err as Error).name} → ${kind}`, () => {
      expect(classifySendError(err).kind).to.equal(kind);
    });
  }

  it('keeps Telegram’s retry_after and never the request payload', () => {
    const err = new TelegramError(
      { error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } },
      { method: 'sendMessage', payload: { text: 'secreto personal' } },
    );
    const failure = classifySendError(err);
    expect(failure.retryAfterMs).to.equal(3000);
    expect(JSON.stringify({ ...failure, message: failure.message })).not.to.include('secreto');
  });
});

describe('Telegram channel options', () => {
  const base = { token: TOKEN, turns: new FakeTurns(), log: createLogger('silent') };
  const fails = (options: Partial<Parameters<typeof createTelegramChannel>[0]>, message: RegExp) => expect(() => createTelegramChannel({ ...base, ...options })).to.throw(message);

  it('says what is wrong at start-up', () => {
    fails({ token: 'not-a-token' }, /token is malformed/);
    fails({ token: '' }, /token is malformed/);
    fails({ apiRoot: 'localhost:8081' }, /apiRoot must start with http/);
    fails({ webhook: { url: 'http://faro.example.org/telegram/webhook', secretToken: 'abc' } }, /must start with https/);
    fails({ webhook: { url: 'https://faro.example.org/telegram/webhook', secretToken: 'has spaces' } }, /secretToken must be/);
    fails({ webhook: { url: 'https://faro.example.org/telegram/webhook', secretToken: 'x'.repeat(257) } }, /secretToken must be/);
    fails({ webhook: { url: 'https://faro.example.org/', secretToken: 'abc' } }, /path must be a plain path/);
    fails({ webhook: { url: 'https://faro.example.org/x', secretToken: 'abc', path: '/tg/:id' } }, /path must be a plain path/);
    fails({ retry: { attempts: 0 } }, /attempts/);
  });

  it('builds a polling channel without routes and a webhook channel with one', () => {
    expect(createTelegramChannel(base)).to.include({ name: 'telegram' }).and.to.have.property('routers').that.deep.equals([]);
    const webhook = createTelegramChannel({ ...base, webhook: { url: 'https://faro.example.org/telegram/webhook', secretToken: 'abc' } });
    expect(webhook.routers).to.have.length(1);
  });
});
