/**
 * The WhatsApp webhook over real HTTP: Meta's verification handshake, signatures checked on the
 * raw bytes, every payload shape (fixtures in testdata/whatsapp/incoming and bad/) mapped to the
 * Inbound the runtime gets, answered before the turn runs, redeliveries and statuses.
 */
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import type { Inbound, Outbound } from '../../src/core/message.ts';
import type { TurnHandler, TurnOutcome } from '../../src/runtime/ports.ts';
import { createMemoryStore } from '../../src/store/memory/index.ts';
import { FakeTurns } from '../support/fakeTurns.ts';
import { APP_SECRET, fixture, fixtureText, messageWebhook, sign, startWhatsApp, textMessage, VERIFY_TOKEN, WA_ID, type WhatsAppHarness } from './whatsappHarness.ts';
import { MAX_MESSAGE_AGE_MS } from '../../channels/whatsapp/receive.ts';

interface IncomingCase {
  description: string;
  payload: unknown;
  inbound: Inbound[];
  logged?: Record<string, unknown>;
}

interface BadCase {
  description: string;
  payload: unknown;
  status: number;
  code: string;
  pathInMessage: string;
}

const files = (dir: string) =>
  readdirSync(new URL(`./testdata/whatsapp/${dir}/`, import.meta.url))
    .filter((f) => f.endsWith('.json'))
    .sort();

describe('WhatsApp webhook', () => {
  const turns = new FakeTurns();
  let wa: WhatsAppHarness;

  before(async () => {
    wa = await startWhatsApp({ turns, register: (sink) => (turns.sink = sink) });
  });
  after(async () => {
    await wa.close();
  });
  beforeEach(() => {
    turns.calls.length = 0;
    turns.failures = 0;
    wa.stub.reset();
  });

  describe('verification handshake (GET)', () => {
    const verify = (query: Record<string, string>) => fetch(`${wa.url}?${new URLSearchParams(query).toString()}`);

    it('answers the challenge as plain text when the mode is subscribe and the token matches', async () => {
      const res = await verify({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' });
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/plain/);
      expect(await res.text()).to.equal('1158201444');
    });

    for (const [name, query] of [
      ['a wrong token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' }],
      ['no token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }],
      ['another mode', { 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1' }],
      ['no mode', { 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1' }],
    ] as const) {
      it(`refuses ${name} with a 403 JSON error`, async () => {
        const res = await verify(query);
        expect(res.status).to.equal(403);
        expect(await res.json()).to.deep.equal({ error: { code: 'Forbidden', message: 'Verification failed: hub.mode must be "subscribe" and hub.verify_token must match.' } });
      });
    }

    it('refuses a missing or odd challenge (it is echoed, so nothing that could be markup)', async () => {
      for (const challenge of [undefined, '<script>alert(1)</script>']) {
        const query: Record<string, string> = { 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN };
        if (challenge) query['hub.challenge'] = challenge;
        const res = await verify(query);
        expect(res.status).to.equal(400);
        expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('BadArgument');
      }
    });

    it('refuses a repeated parameter', async () => {
      const res = await fetch(`${wa.url}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.verify_token=x&hub.challenge=1`);
      expect(res.status).to.equal(400);
    });
  });

  describe('signatures (POST), checked before anything else', () => {
    const payload = () => fixture<IncomingCase>('incoming/text.json').payload;

    it('refuses an unsigned request with 401 and does not process it', async () => {
      const res = await wa.post(payload(), { signature: null });
      expect(res.status).to.equal(401);
      expect(await res.json()).to.deep.equal({ error: { code: 'Unauthorized', message: 'Missing X-Hub-Signature-256 header.' } });
      await wa.channel.idle();
      expect(turns.calls).to.deep.equal([]);
    });

    it('refuses with 403, unprocessed: another secret, another body, a malformed header, SHA-1', async () => {
      const raw = JSON.stringify(payload());
      for (const signature of [sign(raw, 'not-the-app-secret'), sign(`${raw} `), 'sha256=zz', `sha256=${'0'.repeat(64)}`, sign(raw).replace('sha256=', 'sha1='), sign(raw).slice(0, -2)]) {
        const res = await wa.post(raw, { signature });
        expect(res.status, signature).to.equal(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('Forbidden');
      }
      await wa.channel.idle();
      expect(turns.calls).to.deep.equal([]);
      expect(wa.stub.calls).to.deep.equal([]);
    });

    it('checks the HMAC over the raw bytes (Meta escapes non-ASCII as \\u00f1)', async () => {
      const raw = fixtureText('raw/escaped_unicode.json');
      expect(raw).to.include('\\u00bfD\\u00f3nde');
      const res = await wa.post(Buffer.from(raw, 'utf8'), { signature: sign(raw) });
      expect(res.status).to.equal(200);
      await wa.channel.idle();
      expect(turns.calls.map((c) => c.text)).to.deep.equal(['¿Dónde está la oficina? ñ']);
    });

    it('answers malformed JSON with a 400 JSON error, unprocessed', async () => {
      const raw = '{"object":"whatsapp_business_account","entry":[';
      const res = await wa.post(raw, { signature: sign(raw) });
      expect(res.status).to.equal(400);
      expect(await res.json()).to.deep.equal({ error: { code: 'BadArgument', message: 'The request body is not valid JSON.' } });
      expect(turns.calls).to.deep.equal([]);
    });

    it('answers a signed empty body with 400', async () => {
      const res = await wa.post('', { signature: sign('') });
      expect(res.status).to.equal(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('BadArgument');
    });

    it('answers a signed body that is not JSON with 415', async () => {
      const raw = 'object=whatsapp_business_account';
      const res = await wa.post(raw, { signature: sign(raw), contentType: 'application/x-www-form-urlencoded' });
      expect(res.status).to.equal(415);
      expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('UnsupportedMediaType');
    });
  });

  describe('payload shapes (testdata/whatsapp/incoming)', () => {
    for (const file of files('incoming')) {
      const c = fixture<IncomingCase>(`incoming/${file}`);
      it(`${file}: ${c.description}`, async () => {
        const logged = wa.logs.lines.length;
        const res = await wa.post(c.payload);
        expect(res.status).to.equal(200);
        expect(await res.json()).to.deep.equal({ received: c.inbound.length });
        await wa.channel.idle();
        expect(turns.calls).to.deep.equal(c.inbound);
        // Warnings only where the fixture expects one (statuses other than failed stay quiet).
        const warnings = wa.logs.lines.slice(logged).filter((l) => Number(l.level) >= 40);
        expect(warnings.map((l) => l.msg)).to.deep.equal(c.logged ? [c.logged.msg] : []);
        if (c.logged) expect(warnings[0]).to.deep.include(c.logged);
      });
    }
  });

  describe('wrong shapes (testdata/whatsapp/bad): 400, nothing processed', () => {
    for (const file of files('bad')) {
      const c = fixture<BadCase>(`bad/${file}`);
      it(`${file}: ${c.description}`, async () => {
        const res = await wa.post(c.payload);
        expect(res.status).to.equal(c.status);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).to.equal(c.code);
        expect(body.error.message).to.include(c.pathInMessage);
        expect(body.error.message).not.to.include('<script>');
        await wa.channel.idle();
        expect(turns.calls).to.deep.equal([]);
      });
    }
  });

  describe('processing', () => {
    it('answers 200 before the turn has run (Meta must not wait), then runs it', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const started: Inbound[] = [];
      const slow: TurnHandler = {
        async handle(inbound): Promise<TurnOutcome> {
          started.push(inbound);
          await gate;
          return { duplicate: false, outbound: [] as Outbound[] };
        },
      };
      const own = await startWhatsApp({ turns: slow, register: () => {} });
      try {
        const res = await own.post(messageWebhook(textMessage('hola')));
        expect(res.status).to.equal(200);
        expect(started).to.have.length(1);
        let idle = false;
        const done = own.channel.idle().then(() => (idle = true));
        await Promise.resolve();
        expect(idle).to.equal(false);
        release();
        await done;
      } finally {
        release();
        await own.close();
      }
    });

    it('on stop, finishes the turns in flight and answers new webhooks 503 (Meta delivers them again)', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const handled: string[] = [];
      const slow: TurnHandler = {
        async handle(inbound): Promise<TurnOutcome> {
          handled.push(inbound.messageId);
          await gate;
          return { duplicate: false, outbound: [] };
        },
      };
      const own = await startWhatsApp({ turns: slow, register: () => {} });
      try {
        expect((await own.post(messageWebhook(textMessage('uno')))).status).to.equal(200);
        let stopped = false;
        const stopping = own.channel.stop!().then(() => (stopped = true));
        const refused = await own.post(messageWebhook(textMessage('dos')));
        expect(refused.status).to.equal(503);
        expect(refused.headers.get('retry-after')).to.equal('5');
        expect(((await refused.json()) as { error: { code: string } }).error.code).to.equal('ServiceUnavailable');
        expect(stopped).to.equal(false);
        release();
        await stopping;
        expect(handled).to.have.length(1);
      } finally {
        release();
        await own.close();
      }
    });

    it('a redelivered webhook (same wamid) is handed to the runtime, which answers it only once', async () => {
      const payload = messageWebhook(textMessage('hola'));
      await wa.deliver(payload);
      await wa.deliver(payload);
      expect(turns.calls.map((c) => c.messageId)).to.have.length(2);
      expect(new Set(turns.calls.map((c) => c.messageId)).size).to.equal(1);
      expect(wa.stub.calls).to.have.length(1);
    });

    it('refuses a message older than Meta redelivers (a replayed signed webhook), and takes one within the window (issue 10, finding 11)', async () => {
      const at = (ms: number) => String(Math.floor(ms / 1000));
      const before = turns.calls.length;
      const old = await wa.post(messageWebhook({ ...textMessage('hola otra vez'), id: 'wamid.replayed', timestamp: at(wa.clock.now - MAX_MESSAGE_AGE_MS - 60_000) }));
      expect(old.status).to.equal(200);
      await wa.channel.idle();
      expect(turns.calls).to.have.length(before);
      expect(wa.logs.messages()).to.include('message older than Meta redelivers: refused (a replayed webhook?)');
      await wa.deliver(messageWebhook({ ...textMessage('hola'), id: 'wamid.late', timestamp: at(wa.clock.now - 20 * 60 * 60 * 1000) }));
      expect(turns.calls.map((c) => c.messageId)).to.include('wamid.late');
    });

    it('tries a failed turn again (the store was down), and the reply goes out', async () => {
      turns.failures = 2;
      await wa.deliver(messageWebhook(textMessage('hola')));
      expect(turns.calls).to.have.length(3);
      expect(wa.stub.calls).to.have.length(1);
      expect(wa.logs.messages().filter((m) => m === 'turn failed; retrying')).to.have.length.of.at.least(2);
    });
  });

  // Last: mocha runs a suite's own tests before its nested suites, so this one is nested too.
  describe('logs', () => {
    it('logs ids only: no phone number, no wamid, no name, no text', () => {
      // Every test above ran through this channel's logger.
      expect(wa.logs.lines.length).to.be.greaterThan(10);
      for (const secret of [WA_ID, '51912345678', 'HBgL', 'María', 'Ñandú', 'hola', 'quiero matar', 'Dónde', APP_SECRET, VERIFY_TOKEN]) {
        expect(wa.logs.raw, secret).not.to.include(secret);
      }
    });
  });
});

describe('WhatsApp webhook: the durable inbox', () => {
  it('holds a message from before the 200 until its turn is done, then forgets it', async () => {
    const store = createMemoryStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: TurnHandler = {
      async handle(): Promise<TurnOutcome> {
        await gate;
        return { duplicate: false, outbound: [] };
      },
    };
    const own = await startWhatsApp({ turns: slow, register: () => {}, inbox: store.inbox });
    try {
      expect((await own.post(messageWebhook(textMessage('hola', 'wamid.inbox1')))).status).to.equal(200);
      const [kept] = await store.inbox.list('whatsapp');
      expect(kept?.id).to.equal('whatsapp:wamid.inbox1');
      expect((JSON.parse(kept!.payload) as { inbound: Inbound }).inbound.text).to.equal('hola');
      release();
      await own.channel.idle();
      expect(await store.inbox.list('whatsapp')).to.deep.equal([]);
    } finally {
      release();
      await own.close();
    }
  });

  it('answers 503 and runs nothing when the inbox cannot be written (Meta delivers again)', async () => {
    const turns = new FakeTurns();
    const inbox = { ...createMemoryStore().inbox, add: () => Promise.reject(new Error('disk full')) };
    const own = await startWhatsApp({ turns, register: (sink) => (turns.sink = sink), inbox });
    try {
      const res = await own.post(messageWebhook(textMessage('hola')));
      expect(res.status).to.equal(503);
      expect(res.headers.get('retry-after')).to.equal('5');
      await own.channel.idle();
      expect(turns.calls).to.have.length(0);
    } finally {
      await own.close();
    }
  });

  it('keeps a message whose turn gave up, and works it through when the channel resumes', async () => {
    const store = createMemoryStore();
    const failing = new FakeTurns();
    failing.failures = 100;
    const first = await startWhatsApp({ turns: failing, register: (sink) => (failing.sink = sink), inbox: store.inbox });
    try {
      await first.deliver(messageWebhook(textMessage('sigo aqui', 'wamid.inbox2')));
    } finally {
      await first.close();
    }
    expect((await store.inbox.list('whatsapp')).map((e) => e.id)).to.deep.equal(['whatsapp:wamid.inbox2']);
    const turns = new FakeTurns();
    const second = await startWhatsApp({ turns, register: (sink) => (turns.sink = sink), inbox: store.inbox });
    try {
      await second.channel.resume!();
      await second.channel.idle();
      expect(turns.calls.map((c) => c.text)).to.deep.equal(['sigo aqui']);
      expect(await store.inbox.list('whatsapp')).to.deep.equal([]);
    } finally {
      await second.close();
    }
  });
});
