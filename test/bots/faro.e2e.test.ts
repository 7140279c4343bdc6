/**
 * The whole of Faro as `npm start` runs it, over real HTTP and a real WebSocket: the real
 * dialog, runtime and stores (embedded on disk, and MongoDB through the test engine).
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { WebSocket } from 'ws';
import { startFaro, type RunningFaro } from '../../bots/faro/faro.ts';
import { loadConfig } from '../../src/config.ts';
import { startJongodb, type TestMongo } from '../support/jongodb.ts';

type Activity = {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role: string };
  replyToId?: string;
  channelData?: { step?: string; topic?: string; answerId?: string; clientActivityID?: string };
  suggestedActions?: { actions: { title: string; value: { action: string } }[] };
};

const ADMIN = { email: 'admin@example.org', password: 'a long admin secret' };

function config(dataDir: string, extra: Record<string, string> = {}) {
  return loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...extra }, '');
}

/** A staff member using the JSON API with a bearer token. */
async function staff(url: string, email: string, password: string) {
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(login.status).to.equal(200);
  const { token } = (await login.json()) as { token: string };
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : {} };
  };
}

/** A person in the web chat: a Direct Line conversation with its WebSocket stream. */
class Person {
  received: Activity[] = [];
  private socket!: WebSocket;
  private waiters: (() => void)[] = [];
  constructor(
    private url: string,
    public conversationId = '',
    public token = '',
  ) {}

  async start(): Promise<void> {
    const res = await fetch(`${this.url}/v3/directline/conversations`, { method: 'POST' });
    expect(res.status).to.equal(201);
    const body = (await res.json()) as { conversationId: string; token: string; streamUrl: string };
    Object.assign(this, { conversationId: body.conversationId, token: body.token });
    await this.listen(body.streamUrl);
  }

  async listen(streamUrl: string): Promise<void> {
    this.socket = new WebSocket(streamUrl);
    this.socket.on('message', (data) => {
      const text = String(data);
      if (text === '') return;
      this.received.push(...(JSON.parse(text) as { activities: Activity[] }).activities);
      for (const wake of this.waiters.splice(0)) wake();
    });
    await new Promise((resolve, reject) => this.socket.once('open', resolve).once('error', reject));
  }

  /** Sends a message and waits only for its echo: in a live chat the bot does not answer. */
  async tell(text: string): Promise<void> {
    const res = await fetch(`${this.url}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ type: 'message', from: { id: 'dl_person' }, text }),
    });
    expect(res.status).to.equal(200);
    const { id } = (await res.json()) as { id: string };
    await this.until(() => this.received.some((a) => a.id === id));
  }

  /** Sends a message (or a click) and returns the bot replies to it, once they arrived. */
  async say(text: string | { action: string }, clientActivityID = `c-${Math.random()}`): Promise<Activity[]> {
    const body =
      typeof text === 'string'
        ? { type: 'message', from: { id: 'dl_person' }, text, channelData: { clientActivityID } }
        : { type: 'message', from: { id: 'dl_person' }, value: text, channelData: { clientActivityID } };
    const res = await fetch(`${this.url}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify(body),
    });
    expect(res.status).to.equal(200);
    const { id } = (await res.json()) as { id: string };
    await this.until(() => this.received.some((a) => a.replyToId === id) && this.received.some((a) => a.id === id));
    const echo = this.received.find((a) => a.id === id)!;
    expect(echo.channelData?.clientActivityID).to.equal(clientActivityID);
    return this.received.filter((a) => a.replyToId === id);
  }

  async until(done: () => boolean): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the bot');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}

const step = (replies: Activity[]) => replies.at(-1)?.channelData?.step;

function conversationSuite(name: string, open: () => Promise<{ start: () => Promise<RunningFaro>; cleanup: () => Promise<void> }>) {
  describe(name, () => {
    let env: Awaited<ReturnType<typeof open>>;
    let faro: RunningFaro;
    before(async () => {
      env = await open();
      faro = await env.start();
    });
    after(async () => {
      await faro.stop();
      await env.cleanup();
    });

    it('is healthy and ready', async () => {
      expect((await fetch(`${faro.url}/healthz`)).status).to.equal(200);
      expect((await fetch(`${faro.url}/readyz`)).status).to.equal(200);
    });

    it('hands a person to an operator live: both directions, referral, close, satisfaction question', async () => {
      const admin = await staff(faro.url, ADMIN.email, ADMIN.password);
      expect((await admin('POST', '/api/users', { email: 'rosa@example.org', password: 'operator secret 1', roles: ['operator'] })).status).to.equal(201);
      const operator = await staff(faro.url, 'rosa@example.org', 'operator secret 1');
      const person = new Person(faro.url);
      await person.start();
      for (const text of ['hola', 'es', 'acepto']) await person.say(text);
      expect(step(await person.say('quiero hablar con una persona'))).to.equal('handoff.queued');
      const queue = await operator('GET', '/api/tickets?status=open');
      const { ref } = queue.json.tickets.at(-1) as { ref: string };

      expect((await operator('POST', `/api/tickets/${ref}/claim`)).status).to.equal(200);
      await person.until(() => person.received.some((a) => a.channelData?.step === 'handoff.live'));
      expect((await operator('POST', `/api/tickets/${ref}/messages`, { text: 'Hola, soy Rosa. ¿Cómo te ayudo?' })).status).to.equal(201);
      await person.until(() => person.received.some((a) => a.text === 'Hola, soy Rosa. ¿Cómo te ayudo?'));
      await person.tell('Necesito un albergue para esta noche');
      const read = await operator('GET', `/api/tickets/${ref}`);
      expect(read.json.transcript.map((l: { from: string; text: string }) => `${l.from}: ${l.text}`)).to.include.members([
        'operator: Hola, soy Rosa. ¿Cómo te ayudo?',
        'person: Necesito un albergue para esta noche',
      ]);

      const referred = await operator('POST', `/api/tickets/${ref}/referrals`, { partnerId: 'oim', service: 'housing' });
      expect(referred.status).to.equal(201);
      await person.until(() => person.received.some((a) => a.text?.startsWith('Te hemos derivado a OIM') ?? false));
      expect((await operator('POST', `/api/tickets/${ref}/close`, { outcome: 'referred' })).status).to.equal(200);
      await person.until(() => person.received.some((a) => a.channelData?.step === 'feedback.score'));
      expect(step(await person.say('5'))).to.equal('feedback.comment');
      expect(step(await person.say('gracias'))).to.equal('menu');
      expect((await operator('GET', `/api/tickets/${ref}`)).json.ticket.rating).to.include({ score: 5, comment: 'gracias' });
      person.close();
    });

    it('holds a whole conversation: consent, menu, FAQ with provenance, intake, handoff', async () => {
      const person = new Person(faro.url);
      await person.start();
      const hello = await person.say('hola');
      expect(step(hello)).to.equal('language');
      expect(hello[0]?.suggestedActions?.actions.map((a) => a.value.action)).to.deep.equal(['lang:es', 'lang:en', 'lang:pt', 'lang:ht']);
      expect(step(await person.say({ action: 'lang:es' }))).to.equal('consent');
      expect(step(await person.say('acepto'))).to.equal('menu');
      expect(step(await person.say({ action: 'topic:health' }))).to.equal('faq.questions');
      const answer = await person.say('1');
      expect(answer[0]?.channelData).to.include({ step: 'faq.answer', topic: 'health' });
      expect(answer[0]?.channelData?.answerId).to.match(/^health\./);
      expect(answer[0]?.text).to.include('Fuente:');
      expect(step(await person.say('si'))).to.equal('menu');
      for (const text of ['registrar mi caso', '2', 'mujer', 'venezolana', 'lima', '3', 'listo', '1']) await person.say(text);
      const done = await person.say('confirmar');
      expect(step(done)).to.equal('handoff.queued');
      const ref = /[3-9A-Y]{3}-[3-9A-Y]{3}/.exec(done.at(-1)!.text!)![0];
      const ticket = await faro.store.tickets.get(ref);
      expect(ticket).to.include({ status: 'open', reason: 'intake', channel: 'webchat' });
      const contact = await faro.store.contacts.get(`webchat:${person.conversationId}`);
      expect(contact?.intake).to.include({ ageGroup: '18_39', gender: 'female', nationality: 'venezuelan' });
      person.close();
    });

    it('reaches safety information before consent, from the first message', async () => {
      const person = new Person(faro.url);
      await person.start();
      const replies = await person.say('no aguanto más, quiero desaparecer');
      expect(step(replies)).to.equal('safety');
      expect(replies.at(-1)?.text).to.include('113');
      person.close();
    });

    it('delivers a message sent to the person between turns, as a bot activity that answers nothing', async () => {
      const person = new Person(faro.url);
      await person.start();
      await person.say('hola');
      await faro.runtime.send('webchat', person.conversationId, { text: 'Hola, soy Ana del equipo de atención.', choices: [], step: 'handoff.live' });
      await person.until(() => person.received.some((a) => a.text === 'Hola, soy Ana del equipo de atención.'));
      const activity = person.received.find((a) => a.text === 'Hola, soy Ana del equipo de atención.')!;
      expect(activity.from.role).to.equal('bot');
      expect(activity.replyToId).to.equal(undefined);
      person.close();
    });

    it('answers a redelivered activity once', async () => {
      const person = new Person(faro.url);
      await person.start();
      await person.say('hola', 'same-id');
      const before = person.received.length;
      const res = await fetch(`${faro.url}/v3/directline/conversations/${person.conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${person.token}` },
        body: JSON.stringify({ type: 'message', from: { id: 'dl_person' }, text: 'hola', channelData: { clientActivityID: 'same-id' } }),
      });
      expect(res.status).to.equal(200);
      await new Promise((r) => setTimeout(r, 200));
      expect(person.received.length).to.equal(before);
      person.close();
    });
  });
}

conversationSuite('Faro end to end on the embedded store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'faro-e2e-'));
  return { start: () => startFaro(config(dir)), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

conversationSuite('Faro end to end on MongoDB (test engine)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'faro-e2e-'));
  const mongo: TestMongo = await startJongodb();
  return {
    start: () => startFaro(config(dir, { MONGODB_URI: mongo.uri })),
    cleanup: async () => {
      await mongo.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('Faro across a restart', () => {
  it('resumes the conversation where it was, with the same token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faro-e2e-'));
    try {
      let faro = await startFaro(config(dir));
      const person = new Person(faro.url);
      await person.start();
      await person.say('hola');
      await person.say('es');
      person.close();
      await faro.stop();

      faro = await startFaro(config(dir));
      const again = new Person(faro.url, person.conversationId, person.token);
      const res = await fetch(`${faro.url}/v3/directline/conversations/${person.conversationId}`, { headers: { authorization: `Bearer ${person.token}` } });
      expect(res.status).to.equal(200);
      await again.listen(((await res.json()) as { streamUrl: string }).streamUrl);
      expect(step(await again.say('acepto'))).to.equal('menu');
      again.close();
      await faro.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start with a helpful message when a setting is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty', MONGODB_URI: 'localhost:27017' }, '')).to.throw(/PORT[\s\S]*MONGODB_URI: must start with mongodb:\/\//);
  });
});

describe('Faro with odd input and its logs', () => {
  it('answers calmly to huge, control-character, lone-surrogate and emoji-flood text, and never logs what people wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faro-e2e-'));
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        lines.push(String(chunk));
        done();
      },
    });
    const faro = await startFaro(config(dir, { RATE_LIMIT_PER_MINUTE: '1000' }), pino({ level: 'debug' }, sink));
    try {
      const person = new Person(faro.url);
      await person.start();
      const odd = ['a'.repeat(20_000), 'ho\u0000la\u0007 \u001b[31m', 'x\ud800y\udfffz', '😭'.repeat(3000), '   ', '{"$gt":""}'];
      for (const text of odd) {
        const replies = await person.say(text);
        expect(replies.length).to.be.greaterThan(0);
      }
      await person.say('hola me llamo Yusmary Contreras y mi número es 987654321');
      await person.say('es');
      await person.say('acepto');
      await person.say('registrar mi caso');
      for (const text of ['1', '1', 'otra', 'boliviana', 'Arequipa']) await person.say(text);
      person.close();
      const log = lines.join('');
      expect(log).to.include('turn');
      for (const secret of ['Yusmary', '987654321', 'boliviana', 'Arequipa', 'aaaaaaaaaa', '😭', 'registrar mi caso']) expect(log).not.to.include(secret);
    } finally {
      await faro.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Faro with the first admin from settings', () => {
  it('creates the admin on first start, who can log in and read the audit log; a second start keeps it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faro-e2e-'));
    const settings = { ADMIN_EMAIL: 'Admin@Example.org', ADMIN_PASSWORD: 'a long enough passphrase' };
    let faro = await startFaro(config(dir, settings));
    try {
      await faro.stop();
      faro = await startFaro(config(dir, settings));
      const login = await fetch(`${faro.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@example.org', password: settings.ADMIN_PASSWORD }),
      });
      expect(login.status).to.equal(200);
      const { token } = (await login.json()) as { token: string };
      const audit = await fetch(`${faro.url}/api/audit`, { headers: { authorization: `Bearer ${token}` } });
      expect(audit.status).to.equal(200);
      expect((await faro.store.staff.list()).length).to.equal(1);
      expect((await fetch(`${faro.url}/api/openapi.json`)).status).to.equal(200);
      expect((await fetch(`${faro.url}/api/users`)).status).to.equal(401);
    } finally {
      await faro.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start when only one of ADMIN_EMAIL and ADMIN_PASSWORD is set', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'admin@example.org' }, '')).to.throw(/ADMIN_PASSWORD: is needed too/);
  });
});

describe('Faro with a PSEA focal-point webhook', () => {
  it('files an anonymous report from the web chat and tells the webhook only that one was filed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faro-e2e-'));
    const calls: string[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += String(c)));
      req.on('end', () => {
        calls.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const faro = await startFaro(config(dir, { PSEA_WEBHOOK_URL: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/psea` }));
    try {
      const person = new Person(faro.url);
      await person.start();
      expect(step(await person.say('el de la ONG me pide fotos a cambio del bono'))).to.equal('psea.info');
      expect(step(await person.say({ action: 'psea:report' }))).to.equal('psea.contact');
      expect(step(await person.say({ action: 'psea:contact:anonymous' }))).to.equal('psea.describe');
      const done = await person.say('el señor Huamán del reparto en Villa El Salvador');
      expect(done.map((a) => a.channelData?.step)).to.include('psea.done');
      person.close();
      const [report] = await faro.store.pseaReports.list();
      expect(report).to.include({ contact: 'anonymous', text: 'el señor Huamán del reparto en Villa El Salvador' });
      const deadline = Date.now() + 5000;
      while (calls.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(calls).to.have.length(1);
      expect(Object.keys(JSON.parse(calls[0]!) as object).sort()).to.deep.equal(['at', 'event']);
      expect(calls[0]).not.to.include(report!.code);
    } finally {
      await faro.stop();
      hook.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
