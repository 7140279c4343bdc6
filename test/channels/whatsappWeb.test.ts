/**
 * The WhatsApp Web channel against an in-process fake whatsapp-web.js client: what it reads,
 * what it ignores, how it sends (idempotent, held until ready), its client's life, and that the
 * real whatsapp-web.js `Client` accepts our options without launching or downloading anything.
 */
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientSettings, loadClientFactory, type ClientLike } from '../../channels/whatsapp-web/client.ts';
import { createWhatsAppWebChannel } from '../../channels/whatsapp-web/index.ts';
import { readIncoming } from '../../channels/whatsapp-web/inbound.ts';
import { renderText } from '../../channels/whatsapp-web/render.ts';
import type { Outbound } from '../../src/core/message.ts';
import { createLogger } from '../../src/log/logger.ts';
import { FakeTurns } from '../support/fakeTurns.ts';
import { FakeClient, startChannel, TrackedTurns, type Started } from './whatsappWebHarness.ts';

const log = createLogger('silent');
const CHAT = '51900000001@c.us';

interface Case {
  name: string;
  message: unknown;
  expect: { kind: 'turn'; inbound: Record<string, string> } | { kind: 'ignored'; reason: string };
}
const fixtures = JSON.parse(readFileSync(new URL('../../channels/whatsapp-web/testdata/messages.json', import.meta.url), 'utf8')) as { cases: Case[] };

function outbound(seq: number, text = `reply ${seq}`, chatId = CHAT): Outbound {
  return { id: `whatsapp-web:${chatId}#${seq}`, channel: 'whatsapp-web', conversationId: chatId, seq, replyTo: 'm', reply: { text, choices: [], step: 'menu' } };
}

describe('WhatsApp Web channel', () => {
  describe('reading messages (testdata/messages.json)', () => {
    for (const c of fixtures.cases) {
      it(c.name, () => {
        const got = readIncoming(c.message);
        if (c.expect.kind === 'turn') expect(got).to.deep.equal(c.expect);
        else expect(got).to.deep.include({ kind: 'ignored', reason: c.expect.reason });
      });
    }
  });

  describe('rendering', () => {
    it('puts choices under the text as a numbered menu', () => {
      const text = renderText({
        text: '¿Sobre qué tema?',
        step: 'menu',
        choices: [
          { action: 'topic:health', title: 'Salud' },
          { action: 'topic:housing', title: 'Vivienda' },
        ],
      });
      expect(text).to.equal('¿Sobre qué tema?\n\n1. Salud\n2. Vivienda');
    });

    it("does not repeat choices the text already numbers, and keeps the others' numbers", () => {
      const text = renderText({
        text: 'Preguntas:\n1. ¿A?\n2. ¿B?',
        step: 'faq.questions',
        choices: [
          { action: 'faq:a', title: '1' },
          { action: 'faq:b', title: '2' },
          { action: 'menu', title: 'Menú principal' },
        ],
      });
      expect(text).to.equal('Preguntas:\n1. ¿A?\n2. ¿B?\n\n3. Menú principal');
    });

    it('sends the text alone when there is nothing to pick', () => {
      expect(renderText({ text: 'Gracias.', step: 'menu', choices: [] })).to.equal('Gracias.');
    });
  });

  describe('with a fake client', () => {
    let started: Started;
    let turns: FakeTurns;
    let tracked: TrackedTurns;

    beforeEach(async () => {
      turns = new FakeTurns();
      tracked = new TrackedTurns(turns);
      started = await startChannel({ turns: tracked, log });
      turns.sink = started.channel.sink;
    });
    afterEach(() => started.close());

    it('builds the client with LocalAuth under dataDir and a headless system Chromium, and does not wait for a login', () => {
      const client = started.client();
      expect(started.channel.name).to.equal('whatsapp-web');
      expect(client.settings).to.deep.equal({
        authDataPath: join(started.dataDir, 'wwebjs'),
        webVersionCachePath: join(started.dataDir, 'wwebjs-cache'),
        puppeteer: {
          executablePath: '/usr/bin/chromium',
          headless: true,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      });
      // start() resolved although initialize() never settles (no phone has scanned).
      expect(client.initialized).to.equal(1);
      expect(client.listenerCount('message')).to.equal(1);
      for (const event of ['qr', 'ready', 'authenticated', 'auth_failure', 'disconnected']) expect(client.listenerCount(event), event).to.equal(1);
    });

    it('draws the pairing code on the terminal', () => {
      started.client().emit('qr', '2@some-pairing-code');
      expect(started.terminal).to.have.length(1);
      expect(started.terminal[0]).to.include('Linked devices');
      expect(started.terminal[0]).to.match(/[▀▄█]{20}/);
    });

    it("answers a person's text in their chat", async () => {
      const client = started.client();
      client.emit('ready');
      client.emit('message', client.incoming(CHAT, 'hola', 'A1'));
      await tracked.idle();
      expect(turns.calls).to.deep.equal([{ channel: 'whatsapp-web', conversationId: CHAT, messageId: `false_${CHAT}_A1`, text: 'hola' }]);
      expect(client.sent).to.deep.equal([{ chatId: CHAT, text: 'echo: hola\n\n1. Sí\n2. No' }]);
    });

    it('ignores its own messages, groups, status updates, channels and non-text messages', async () => {
      const client = started.client();
      client.emit('ready');
      client.emit('message', client.incoming(CHAT, 'hola', 'B1', { fromMe: true }));
      client.emit('message', client.incoming('120363000000000001@g.us', 'hola grupo', 'B2', { author: CHAT }));
      client.emit('message', client.incoming('status@broadcast', 'mi estado', 'B3', { isStatus: true }));
      client.emit('message', client.incoming('120363000000000002@newsletter', 'noticias', 'B4'));
      client.emit('message', client.incoming(CHAT, '', 'B5', { type: 'ptt', hasMedia: true }));
      client.emit('message', client.incoming(CHAT, 'foto', 'B6', { type: 'image', hasMedia: true }));
      client.emit('message', { not: 'a message' });
      await tracked.idle();
      expect(turns.calls).to.deep.equal([]);
      expect(client.sent).to.deep.equal([]);
    });

    it('sends a reply once, however often it is delivered', async () => {
      const client = started.client();
      client.emit('ready');
      const { sink } = started.channel;
      await Promise.all([sink.deliver([outbound(1)]), sink.deliver([outbound(1)])]);
      await sink.deliver([outbound(1), outbound(2)]);
      expect(client.sent.map((s) => s.text)).to.deep.equal(['reply 1', 'reply 2']);
    });

    it('holds replies until WhatsApp Web is ready (the outbox recovered at start-up), then sends them in order', async () => {
      const client = started.client();
      const { sink } = started.channel;
      await sink.deliver([outbound(1), outbound(2)]);
      await sink.deliver([outbound(2)]);
      expect(client.sent).to.deep.equal([]);
      expect(sink.heldCount).to.equal(2);
      client.pairAndReady();
      await client.sentAtLeast(2);
      await sink.deliver([outbound(3)]);
      expect(client.sent.map((s) => s.text)).to.deep.equal(['reply 1', 'reply 2', 'reply 3']);
      expect(sink.heldCount).to.equal(0);
    });

    it('keeps a reply whose send failed, reports the failure, and sends it when ready again', async () => {
      const client = started.client();
      client.emit('ready');
      client.failures = 1;
      const { sink } = started.channel;
      let failure: unknown;
      await sink.deliver([outbound(1), outbound(2)]).catch((err: unknown) => (failure = err));
      expect(failure).to.be.instanceOf(Error);
      expect(client.sent).to.deep.equal([]);
      expect(sink.heldCount).to.equal(2);
      client.emit('disconnected', 'UNPAIRED');
      const next = await started.clientNumber(2);
      next.emit('ready');
      await next.sentAtLeast(2);
      expect(next.sent.map((s) => s.text)).to.deep.equal(['reply 1', 'reply 2']);
    });

    it('never sends to a group or other non-personal chat', async () => {
      const client = started.client();
      client.emit('ready');
      await started.channel.sink.deliver([outbound(1, 'x', '120363000000000001@g.us'), outbound(2)]);
      expect(client.sent).to.deep.equal([{ chatId: CHAT, text: 'reply 2' }]);
    });

    it('starts a new client after WhatsApp disconnects it, and ignores the old one', async () => {
      const first = started.client();
      first.emit('ready');
      first.emit('disconnected', 'CONFLICT');
      const second = await started.clientNumber(2);
      expect(first.destroyed).to.be.greaterThan(0);
      expect(second.initialized).to.equal(1);
      first.emit('message', first.incoming(CHAT, 'hola', 'C1'));
      await tracked.idle();
      expect(turns.calls).to.deep.equal([]);
      second.emit('ready');
      second.emit('message', second.incoming(CHAT, 'hola', 'C2'));
      await tracked.idle();
      expect(second.sent).to.have.length(1);
    });

    it('starts a new client when initialize() fails', async () => {
      await started.close();
      let secondCreated!: () => void;
      const second = new Promise<void>((resolve) => (secondCreated = resolve));
      let created = 0;
      started = await startChannel({
        turns: tracked,
        log,
        createClient: (settings) => {
          const client = new FakeClient(settings);
          if (++created === 1) client.initializeResult = Promise.reject(new Error('Failed to launch the browser process'));
          else secondCreated();
          return client;
        },
      });
      await second;
      expect(created).to.equal(2);
    });

    it('lets the library handle a logout (it shows a new code itself)', async () => {
      const client = started.client();
      client.emit('ready');
      client.emit('disconnected', 'LOGOUT');
      client.emit('qr', '2@new-code');
      expect(started.clients).to.have.length(1);
      await started.channel.sink.deliver([outbound(1)]);
      expect(client.sent).to.deep.equal([]);
      expect(started.channel.sink.heldCount).to.equal(1);
    });

    it('stops: destroys the client and starts no other', async () => {
      const client = started.client();
      client.emit('ready');
      await started.channel.stop();
      expect(client.destroyed).to.equal(1);
      client.emit('disconnected', 'CONFLICT');
      client.emit('message', client.incoming(CHAT, 'hola', 'D1'));
      await tracked.idle();
      expect(started.clients).to.have.length(1);
      expect(turns.calls).to.deep.equal([]);
    });
  });

  describe('configuration', () => {
    it('refuses a short QR page token at construction', () => {
      expect(() => createWhatsAppWebChannel({ dataDir: '/tmp/x', qrPageToken: 'short', turns: new FakeTurns(), log })).to.throw(/at least 16 characters.*WHATSAPP_WEB_QR_TOKEN/);
    });

    it('fails start() with a clear message when Chromium is missing', async () => {
      const channel = createWhatsAppWebChannel({ dataDir: '/tmp/x', executablePath: '/nonexistent/chromium', turns: new FakeTurns(), log });
      let error: unknown;
      await channel.start().catch((err: unknown) => (error = err));
      expect(String(error)).to.match(/Chromium at \/nonexistent\/chromium.*PUPPETEER_EXECUTABLE_PATH/);
      await channel.stop();
    });
  });

  describe('the real whatsapp-web.js Client', () => {
    let dataDir: string;
    before(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'faro-wweb-real-'));
    });
    after(() => rmSync(dataDir, { recursive: true, force: true }));

    it('accepts our options without launching a browser or touching the network (initialize() is never called)', async () => {
      const createClient = await loadClientFactory();
      const connects: unknown[] = [];
      const originalConnect = Socket.prototype.connect;
      const originalFetch = globalThis.fetch;
      // Any download or browser launch would open a socket (puppeteer) or call fetch.
      Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
        connects.push(args[0]);
        return (originalConnect as (...a: unknown[]) => Socket).apply(this, args);
      } as typeof Socket.prototype.connect;
      globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
        connects.push(args[0]);
        return originalFetch(...args);
      }) as typeof fetch;
      let client: ClientLike;
      try {
        client = createClient(clientSettings(dataDir, '/usr/bin/chromium'));
        await new Promise((resolve) => setImmediate(resolve));
      } finally {
        Socket.prototype.connect = originalConnect;
        globalThis.fetch = originalFetch;
      }
      expect(connects).to.deep.equal([]);
      expect(readdirSync(dataDir)).to.deep.equal([]);
      const real = client as unknown as {
        options: { puppeteer: Record<string, unknown>; webVersionCache: Record<string, unknown> };
        authStrategy: { constructor: { name: string }; dataPath: string };
      };
      expect(real.options.puppeteer).to.include({ executablePath: '/usr/bin/chromium', headless: true });
      expect(real.options.puppeteer.args).to.include('--no-sandbox');
      expect(real.options.webVersionCache).to.deep.equal({ type: 'local', path: join(dataDir, 'wwebjs-cache') });
      expect(real.authStrategy.constructor.name).to.equal('LocalAuth');
      expect(real.authStrategy.dataPath).to.equal(join(dataDir, 'wwebjs'));
      await client.destroy(); // no browser yet: nothing to close, and it must not throw
    });
  });
});
