/**
 * A Portuguese conversation, end to end, on every channel: a new person says "oi", picks
 * Português the way their channel lets them, accepts consent, asks how to vaccinate their child
 * and asks for a person. WhatsApp Cloud API, Telegram, the web chat (Direct Line) and Bot
 * Framework all run in one `startFaro` (settings, embedded store seeded from content/answers,
 * the real HTTP server) against the local stand-ins the channel tests use: the Graph stub,
 * telegram-test-api, a Direct Line client over REST and WebSocket, the connector stub.
 * WhatsApp Web cannot get a fake whatsapp-web.js client through settings (WHATSAPP_WEB=true
 * starts Chromium and waits for a phone to scan), so it runs under `createFaro`, the wiring
 * `startFaro` itself uses, with the harness's fake client and the dialog built from the same
 * settings. Assertions are on what the person reads.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFaro, type Faro, startFaro, type RunningFaro } from '../../bots/faro/faro.ts';
import { loadSeedAnswers } from '../../content/answers/index.ts';
import { loadUnderstanding } from '../../content/understanding/index.ts';
import { buildAnswerIndex } from '../../dialogs/faq/answerIndex.ts';
import { createFaroDialog } from '../../dialogs/faro/index.ts';
import { loadConfig } from '../../src/config.ts';
import { parseSchedule, staffedBy } from '../../src/core/schedule.ts';
import { createLogger } from '../../src/log/logger.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/ports.ts';
import { ConnectorStub, message as botFrameworkMessage, postActivity } from '../channels/botframeworkHarness.ts';
import { call, StreamClient } from '../channels/directlineHarness.ts';
import { startEmulator, TOKEN as TELEGRAM_TOKEN } from '../channels/telegramHarness.ts';
import { type GraphBody, GraphStub } from '../channels/whatsappGraphStub.ts';
import { expectWithinLimits } from '../channels/whatsappLimits.ts';
import { APP_SECRET, buttonReply, listReply, messageWebhook, PHONE_NUMBER_ID, sign, textMessage, TOKEN as WHATSAPP_TOKEN, VERIFY_TOKEN } from '../channels/whatsappHarness.ts';
import { type FakeClient, startChannel, type Started, TrackedTurns } from '../channels/whatsappWebHarness.ts';
import { translations } from '../support/dialog.ts';

type TelegramServer = Awaited<ReturnType<typeof startEmulator>>;

/** What a person reads of one bot message, on any channel: its text and the options offered. */
interface Seen {
  text: string;
  /** Button titles and what pressing them sends (empty on channels that number the options). */
  options: { title: string; action: string }[];
}

const QUESTION = 'como faço para vacinar meu filho?';
/** The language question's Portuguese line (the question is asked in every language). */
const ASK_LANGUAGE = 'Em qual idioma você prefere continuar?';
/** handoff.queued in content/locales/pt/bot.json, with OPENING_HOURS_PT's default. */
const QUEUED =
  /^Pronto\. O número do seu caso é ([3-9A-Y]{3}-[3-9A-Y]{3})\. Uma pessoa da equipe vai escrever para você neste mesmo chat\. Horário de atendimento: segunda a sexta, das 9:00 às 18:00\./;

const textOf = (seen: Seen[]) => seen.map((s) => s.text).join('\n');

/** The action of the option titled `title` in the last message that offers options. */
function option(seen: Seen[], title: string): string {
  const offered = [...seen].reverse().find((s) => s.options.length > 0)?.options ?? [];
  const found = offered.find((o) => o.title === title);
  expect(found, `an option "${title}" among ${JSON.stringify(offered.map((o) => o.title))}`).to.not.equal(undefined);
  return found!.action;
}

function expectLanguageQuestion(seen: Seen[]): void {
  expect(seen).to.have.length(1);
  expect(seen[0]!.text).to.include(ASK_LANGUAGE);
}

function expectConsentInPortuguese(seen: Seen[]): void {
  expect(textOf(seen)).to.include('Antes de começar, leia este aviso').and.include('Você aceita?');
}

function expectMenuInPortuguese(seen: Seen[]): void {
  const text = textOf(seen);
  expect(text).to.include('Obrigado. Você pode retirar seu consentimento');
  expect(text).to.include('Sobre qual assunto você precisa de informação?');
}

/** health.vaccination's Portuguese text (content/answers/health.json), its source line, the feedback question. */
function expectVaccinationInPortuguese(seen: Seen[]): void {
  const text = textOf(seen);
  expect(text).to.include('vacina').and.include('As vacinas do calendário do MINSA são grátis nos postos e centros de saúde públicos');
  expect(text).to.include('Fonte: OPS/OMS');
  expect(text).to.include('Esta informação foi útil para você?');
  expect(text).not.to.include('Fuente:');
  expect(text).not.to.include('postas');
}

/** The Portuguese handoff message with its case number, and the case staff will see. */
async function expectQueuedInPortuguese(seen: Seen[], store: Store, channel: string): Promise<void> {
  expect(seen).to.have.length(1);
  const ref = QUEUED.exec(seen[0]!.text)?.[1];
  expect(ref, seen[0]!.text).to.be.a('string');
  expect(await store.tickets.get(ref!)).to.include({ status: 'open', reason: 'handoff', channel, lang: 'pt' });
}

describe('A Portuguese conversation through startFaro (WhatsApp Cloud API, Telegram, web chat, Bot Framework)', () => {
  let dir: string;
  let graph: GraphStub;
  let telegram: TelegramServer;
  let connector: ConnectorStub;
  let faro: RunningFaro;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faro-pt-'));
    graph = await GraphStub.start(WHATSAPP_TOKEN, PHONE_NUMBER_ID);
    telegram = await startEmulator();
    connector = await new ConnectorStub().start();
    faro = await startFaro(
      loadConfig(
        {
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dir,
          LOG_LEVEL: 'silent',
          WHATSAPP_TOKEN,
          WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
          WHATSAPP_APP_SECRET: APP_SECRET,
          WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
          WHATSAPP_API_ROOT: graph.apiRoot,
          TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
          TELEGRAM_API_ROOT: telegram.config.apiURL,
          BOTFRAMEWORK_ENABLED: 'true',
        },
        '',
      ),
    );
  });
  after(async () => {
    await faro?.stop();
    await connector?.close();
    await telegram?.stop();
    await graph?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('on WhatsApp (Cloud API): list and reply buttons, answered through the Graph API', async () => {
    const waId = '5511987654321';
    const seenOf = (body: GraphBody): Seen => ({
      text: body.text?.body ?? body.interactive?.body.text ?? '',
      options: [...(body.interactive?.action.buttons?.map((b) => b.reply) ?? []), ...(body.interactive?.action.sections?.flatMap((s) => s.rows) ?? [])].map((o) => ({ title: o.title, action: o.id })),
    });
    /** One signed webhook, written now; returns the `count` messages WhatsApp then shows the person. */
    const send = async (message: Record<string, unknown>, count: number): Promise<Seen[]> => {
      const before = graph.calls.length;
      const raw = JSON.stringify(messageWebhook({ ...message, timestamp: String(Math.floor(Date.now() / 1000)) }, waId));
      const res = await fetch(`${faro.url}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) }, body: raw });
      expect(res.status).to.equal(200);
      const bodies = (await graph.waitForCalls(before + count)).slice(before).map((c) => c.body);
      for (const body of bodies) {
        expect(body.to).to.equal(waId);
        expectWithinLimits(body);
      }
      return bodies.map(seenOf);
    };

    const hello = await send(textMessage('oi'), 1);
    expectLanguageQuestion(hello);
    // Four languages do not fit three reply buttons: a list, whose row the person picks.
    const consent = await send(listReply(option(hello, 'Português'), 'Português'), 1);
    expectConsentInPortuguese(consent);
    const menu = await send(buttonReply(option(consent, 'Aceito'), 'Aceito'), 2);
    expectMenuInPortuguese(menu);
    expectVaccinationInPortuguese(await send(textMessage(QUESTION), 2));
    await expectQueuedInPortuguese(await send(textMessage('pessoa'), 1), faro.store, 'whatsapp');
  });

  it('on Telegram (long polling against the emulator): inline keyboards and callback queries', async () => {
    const chatId = 6011;
    const client = telegram.getClient(TELEGRAM_TOKEN, { chatId, userId: chatId, type: 'private', firstName: 'João' });
    const mine = () => telegram.storage.botMessages.filter((m) => String(m.message.chat_id) === String(chatId));
    let last: { messageId: number } | undefined;
    /** Sends an update; returns the `count` bot messages the chat then shows. */
    const turn = async (send: () => Promise<unknown>, count: number): Promise<Seen[]> => {
      const before = mine().length;
      await send();
      // Each bot message the emulator stores wakes this; the count is checked before listening again.
      while (mine().length < before + count) await telegram.waitBotMessage();
      const fresh = mine().slice(before);
      last = fresh.at(-1);
      return fresh.map((m) => {
        const markup = m.message.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
        return { text: m.message.text, options: (markup?.inline_keyboard ?? []).flat().map((b) => ({ title: b.text, action: b.callback_data ?? '' })) };
      });
    };
    const say = (text: string, count: number) => turn(() => client.sendMessage(client.makeMessage(text)), count);
    const press = (action: string, count: number) => turn(() => client.sendCallback(client.makeCallbackQuery(action, { message: { message_id: last!.messageId } })), count);

    const hello = await say('oi', 1);
    expectLanguageQuestion(hello);
    const consent = await press(option(hello, 'Português'), 1);
    expectConsentInPortuguese(consent);
    const menu = await press(option(consent, 'Aceito'), 2);
    expectMenuInPortuguese(menu);
    expectVaccinationInPortuguese(await say(QUESTION, 2));
    await expectQueuedInPortuguese(await say('pessoa', 1), faro.store, 'telegram');
  });

  it('in the web chat (Direct Line over REST and its WebSocket stream): suggested actions, and "Aceito" typed', async () => {
    const started = await call(faro.url, 'POST', '/v3/directline/conversations');
    expect(started.status).to.equal(201);
    const conversation = started.json as { conversationId: string; token: string; streamUrl: string };
    const stream = new StreamClient(conversation.streamUrl);
    await stream.open();
    let sent = 0;
    try {
      /** Posts like Web Chat does (typed text, or a clicked suggested action's value); returns the replies as the stream showed them. */
      const post = async (content: { text: string } | { value: { action: string } }): Promise<Seen[]> => {
        const clientActivityID = `pt-${++sent}`;
        const res = await call(faro.url, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
          auth: conversation.token,
          body: { type: 'message', from: { id: 'dl_pt_person', role: 'user' }, locale: 'pt-BR', ...content, channelData: { clientActivityID } },
        });
        expect(res.status).to.equal(200);
        const id = res.json.id as string;
        // The post is answered once its turn is done: the replies are in the conversation by now…
        const polled = await call(faro.url, 'GET', `/v3/directline/conversations/${conversation.conversationId}/activities`, { auth: conversation.token });
        const replyIds = (polled.json.activities as { id: string; replyToId?: string }[]).filter((a) => a.replyToId === id).map((a) => a.id);
        expect(replyIds).to.not.be.empty;
        // …and the person reads them on the live stream, as Web Chat does.
        await stream.waitFor((c) => replyIds.every((r) => c.activities.some((a) => a.id === r)), `the replies to ${id}`);
        return replyIds
          .map((r) => stream.activities.find((a) => a.id === r)!)
          .map((a) => ({
            text: String(a.text ?? ''),
            options: ((a.suggestedActions?.actions ?? []) as { title: string; value: { action: string } }[]).map((o) => ({ title: o.title, action: o.value.action })),
          }));
      };

      const hello = await post({ text: 'oi' });
      expectLanguageQuestion(hello);
      const consent = await post({ value: { action: option(hello, 'Português') } });
      expectConsentInPortuguese(consent);
      option(consent, 'Aceito');
      const menu = await post({ text: 'Aceito' });
      expect(menu).to.have.length(2);
      expectMenuInPortuguese(menu);
      expectVaccinationInPortuguese(await post({ text: QUESTION }));
      await expectQueuedInPortuguese(await post({ text: 'pessoa' }), faro.store, 'webchat');
    } finally {
      stream.close();
    }
  });

  it('on Bot Framework (/api/messages, replies to the connector stub): messageBack buttons', async () => {
    const conversationId = `bf-pt-${Date.now().toString(36)}`;
    let sent = 0;
    /** Posts an activity like the Emulator does; the endpoint answers once the replies reached the serviceUrl. */
    const post = async (content: { text: string } | { action: string }): Promise<Seen[]> => {
      const id = `${conversationId}-m${++sent}`;
      const res = await postActivity(faro.url, botFrameworkMessage(conversationId, connector.url, { ...content, id }));
      expect(res.status, res.text).to.equal(200);
      return connector.calls
        .filter((c) => c.conversationId === conversationId && c.replyToId === id)
        .map((c) => ({
          text: String(c.activity.text ?? ''),
          options: ((c.activity.suggestedActions?.actions ?? []) as { title: string; value: { action: string } }[]).map((o) => ({ title: o.title, action: o.value.action })),
        }));
    };

    const hello = await post({ text: 'oi' });
    expectLanguageQuestion(hello);
    const consent = await post({ action: option(hello, 'Português') });
    expectConsentInPortuguese(consent);
    const menu = await post({ action: option(consent, 'Aceito') });
    expect(menu).to.have.length(2);
    expectMenuInPortuguese(menu);
    expectVaccinationInPortuguese(await post({ text: QUESTION }));
    await expectQueuedInPortuguese(await post({ text: 'pessoa' }), faro.store, 'botframework');
  });
});

describe('A Portuguese conversation on WhatsApp Web (createFaro, fake whatsapp-web.js client)', () => {
  const CHAT = '5511912345678@c.us';
  let dir: string;
  let store: Store;
  let faro: Faro;
  let started: Started;
  let turns: TrackedTurns;
  let client: FakeClient;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faro-pt-'));
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }, '');
    const log = createLogger(config.LOG_LEVEL);
    // As startFaro does: the embedded store seeded with the sample answers, the dialog over what is published.
    store = await openStore({ dataDir: config.DATA_DIR });
    await store.answers.upsertMany(loadSeedAnswers());
    const dialog = createFaroDialog({
      translations,
      answers: buildAnswerIndex(await store.answers.listPublished()),
      understanding: loadUnderstanding(),
      settings: {
        hotline: config.HOTLINE_NUMBER,
        openingHours: { es: config.OPENING_HOURS_ES, en: config.OPENING_HOURS_EN, pt: config.OPENING_HOURS_PT, ht: config.OPENING_HOURS_HT },
        pseaEmail: config.PSEA_EMAIL,
        staffed: staffedBy(parseSchedule(config.OPENING_SCHEDULE, config.TIME_ZONE)),
      },
    });
    faro = await createFaro({
      store,
      dialog,
      log,
      tokenKey: Buffer.alloc(32, 7),
      channels: async (runtime) => {
        turns = new TrackedTurns(runtime);
        started = await startChannel({ turns, log });
        return [started.channel];
      },
    });
    await faro.listen(0, '127.0.0.1');
    client = started.client();
    client.pairAndReady();
  });
  after(async () => {
    await faro?.stop();
    await started?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('on WhatsApp Web: numbered menus, the person answers with the number', async () => {
    let n = 0;
    /** The person writes `text`; returns the messages WhatsApp showed them back. */
    const say = async (text: string): Promise<Seen[]> => {
      const before = client.sent.length;
      client.emit('message', client.incoming(CHAT, text, `3EB0PT${++n}`));
      await turns.idle();
      const sent = client.sent.slice(before);
      for (const s of sent) expect(s.chatId).to.equal(CHAT);
      return sent.map((s) => ({ text: s.text, options: [] }));
    };
    /** The number shown beside `title` in the last message (its numbered menu). */
    const numberOf = (seen: Seen[], title: string): string => {
      const number = new RegExp(`^(\\d+)\\. ${title}$`, 'm').exec(seen.at(-1)?.text ?? '')?.[1];
      expect(number, `"${title}" numbered in ${JSON.stringify(seen.at(-1)?.text)}`).to.be.a('string');
      return number!;
    };

    const hello = await say('oi');
    expectLanguageQuestion(hello);
    const consent = await say(numberOf(hello, 'Português'));
    expectConsentInPortuguese(consent);
    const menu = await say(numberOf(consent, 'Aceito'));
    expect(menu).to.have.length(2);
    expectMenuInPortuguese(menu);
    expect(menu[1]!.text).to.include('\n\n1. Regularização e documentos\n2. Saúde\n');
    const answer = await say(QUESTION);
    expectVaccinationInPortuguese(answer);
    expect(answer.at(-1)!.text).to.match(/\n\n1\. Sim\n2\. Não$/);
    const handoff = await say('pessoa');
    await expectQueuedInPortuguese(handoff, store, 'whatsapp-web');
    expect(handoff[0]!.text).to.match(/\n\n1\. Menu principal$/);
  });
});
