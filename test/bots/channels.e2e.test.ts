/** `startFaro` enables the channels from their settings and serves them from one server. */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFaro, type RunningFaro } from '../../bots/faro/faro.ts';
import { loadConfig } from '../../src/config.ts';
import { GraphStub } from '../channels/whatsappGraphStub.ts';
import { startEmulator, TOKEN as TELEGRAM_TOKEN } from '../channels/telegramHarness.ts';
import { APP_SECRET, fixtureText, PHONE_NUMBER_ID, sign, TOKEN, VERIFY_TOKEN } from '../channels/whatsappHarness.ts';

describe('Faro with the WhatsApp Cloud API enabled from settings', () => {
  let dir: string;
  let graph: GraphStub;
  let faro: RunningFaro;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faro-channels-'));
    graph = await GraphStub.start(TOKEN, PHONE_NUMBER_ID);
    faro = await startFaro(
      loadConfig(
        {
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dir,
          LOG_LEVEL: 'silent',
          WHATSAPP_TOKEN: TOKEN,
          WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
          WHATSAPP_APP_SECRET: APP_SECRET,
          WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
          WHATSAPP_API_ROOT: graph.apiRoot,
        },
        '',
      ),
    );
  });
  after(async () => {
    await faro.stop();
    await graph.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers Meta’s verification handshake', async () => {
    const res = await fetch(`${faro.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=4242`);
    expect(res.status).to.equal(200);
    expect(await res.text()).to.equal('4242');
  });

  it('answers a signed text message through the Graph API, and refuses an unsigned one', async () => {
    // The fixture is old: a message from now opens the 24-hour window, so a reply may go out.
    const raw = JSON.stringify(JSON.parse(fixtureText('incoming/text.json')).payload).replace(/"timestamp":"\d+"/, `"timestamp":"${Math.floor(Date.now() / 1000)}"`);
    const unsigned = await fetch(`${faro.url}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
    expect(unsigned.status).to.equal(401);
    const res = await fetch(`${faro.url}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) }, body: raw });
    expect(res.status).to.equal(200);
    const [call] = await graph.waitForCalls(1);
    expect(call?.path).to.equal(`/v21.0/${PHONE_NUMBER_ID}/messages`);
    expect(call?.body.interactive?.action.sections?.flatMap((s) => s.rows.map((r) => r.id))).to.deep.equal(['lang:es', 'lang:en', 'lang:pt', 'lang:ht']);
  });
});

describe('Faro with Telegram enabled from settings (long polling against the emulator)', () => {
  it('answers a person on Telegram with an inline keyboard', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faro-channels-'));
    const emulator = await startEmulator();
    const faro = await startFaro(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent', TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_ROOT: emulator.config.apiURL }, ''));
    try {
      const client = emulator.getClient(TELEGRAM_TOKEN, { chatId: 777, userId: 777, type: 'private', firstName: 'Ana' });
      await client.sendMessage(client.makeMessage('hola'));
      await emulator.waitBotMessage();
      const reply = emulator.storage.botMessages.find((m) => String(m.message.chat_id) === '777');
      const keyboard = (reply?.message as { reply_markup?: { inline_keyboard?: { callback_data: string }[][] } } | undefined)?.reply_markup?.inline_keyboard;
      expect(keyboard?.flat().map((b) => b.callback_data)).to.deep.equal(['lang:es', 'lang:en', 'lang:pt', 'lang:ht']);
    } finally {
      await faro.stop();
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Faro with the Bot Framework endpoint enabled for local use', () => {
  it('answers an expectReplies activity on /api/messages, and is closed by default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faro-channels-'));
    const base = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent' };
    const activity = {
      type: 'message',
      id: 'a1',
      text: 'hola',
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9/',
      deliveryMode: 'expectReplies',
      from: { id: 'u1' },
      recipient: { id: 'faro' },
      conversation: { id: 'bf-1' },
    };
    const post = (url: string) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    let faro = await startFaro(loadConfig(base, ''));
    try {
      expect((await post(faro.url)).status).to.equal(404);
      await faro.stop();
      faro = await startFaro(loadConfig({ ...base, BOTFRAMEWORK_ENABLED: 'true' }, ''));
      const res = await post(faro.url);
      expect(res.status).to.equal(200);
      const body = (await res.json()) as { activities: { channelData?: { step?: string } }[] };
      expect(body.activities.at(-1)?.channelData?.step).to.equal('language');
    } finally {
      await faro.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
