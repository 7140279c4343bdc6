import { expect } from 'chai';
import { createDirectLine } from '../../channels/directline/index.ts';
import { createApp } from '../../src/http/app.ts';
import { startServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/log/logger.ts';
import { FakeTurns } from '../support/fakeTurns.ts';
import { call, getActivities, message, post, startConversation, startHarness, TOKEN_KEY, type Harness } from './directlineHarness.ts';

const DL = '/v3/directline';

describe('Direct Line 3.0 over HTTP', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  describe('tokens', () => {
    it('generates a token without a secret configured (zero-config)', async () => {
      h = await startHarness();
      const r = await call(h.url, 'POST', `${DL}/tokens/generate`);
      expect(r.status).to.equal(200);
      expect(r.json.conversationId).to.match(/^[A-Za-z0-9_-]{10,64}$/);
      expect(r.json.token).to.be.a('string');
      expect(r.json.expires_in).to.equal(1800);
      expect(r.json).not.to.have.property('streamUrl');
    });

    it('requires the secret when one is configured: 401 without it, 403 with a wrong one', async () => {
      h = await startHarness({ secret: 's3cret-value' });
      expect((await call(h.url, 'POST', `${DL}/tokens/generate`)).status).to.equal(401);
      const wrong = await call(h.url, 'POST', `${DL}/tokens/generate`, { auth: 'not-the-secret' });
      expect(wrong.status).to.equal(403);
      expect(wrong.json.error.code).to.equal('Forbidden');
      const malformed = await call(h.url, 'POST', `${DL}/tokens/generate`, { headers: { authorization: 'Basic abc' } });
      expect(malformed.status).to.equal(401);
      const ok = await call(h.url, 'POST', `${DL}/tokens/generate`, { auth: 's3cret-value' });
      expect(ok.status).to.equal(200);
      // A token is not a secret: it cannot mint more tokens.
      const byToken = await call(h.url, 'POST', `${DL}/tokens/generate`, { auth: ok.json.token });
      expect(byToken.status).to.equal(403);
    });

    it('pins the user id given at generation onto every activity', async () => {
      h = await startHarness();
      const bad = await call(h.url, 'POST', `${DL}/tokens/generate`, { body: { user: { id: 'mallory' } } });
      expect(bad.status).to.equal(400);
      const g = await call(h.url, 'POST', `${DL}/tokens/generate`, { body: { user: { id: 'dl_pinned' } } });
      const c = { id: g.json.conversationId, token: g.json.token };
      await call(h.url, 'POST', `${DL}/conversations`, { auth: c.token });
      await post(h, c, { ...message('hola'), from: { id: 'someone-else' } });
      const got = await getActivities(h, c);
      expect(got.json.activities[0].from).to.deep.equal({ id: 'dl_pinned', role: 'user' });
      expect(got.json.activities[1].suggestedActions.to).to.deep.equal(['dl_pinned']);
    });

    it('refreshes a token for the same conversation; only tokens can be refreshed', async () => {
      h = await startHarness({ secret: 'the-secret' });
      const g = await call(h.url, 'POST', `${DL}/tokens/generate`, { auth: 'the-secret' });
      h.clock.advance(60_000);
      const r = await call(h.url, 'POST', `${DL}/tokens/refresh`, { auth: g.json.token });
      expect(r.status).to.equal(200);
      expect(r.json.conversationId).to.equal(g.json.conversationId);
      expect(r.json.token).to.be.a('string').and.not.equal(g.json.token);
      expect(r.json.expires_in).to.equal(1800);
      expect((await call(h.url, 'POST', `${DL}/tokens/refresh`, { auth: 'the-secret' })).status).to.equal(403);
      expect((await call(h.url, 'POST', `${DL}/tokens/refresh`)).status).to.equal(401);
    });

    it('expires tokens: refresh and use give 403 TokenExpired', async () => {
      h = await startHarness({ tokenTtlSeconds: 60 });
      const c = await startConversation(h);
      h.clock.advance(59_000);
      expect((await post(h, c, message('a tiempo'))).status).to.equal(200);
      h.clock.advance(2_000);
      const refresh = await call(h.url, 'POST', `${DL}/tokens/refresh`, { auth: c.token });
      expect(refresh.status).to.equal(403);
      expect(refresh.json.error.code).to.equal('TokenExpired');
      const late = await post(h, c, message('tarde'));
      expect(late.status).to.equal(403);
      expect(late.json.error.code).to.equal('TokenExpired');
    });

    it('rejects forged and garbled tokens with 403', async () => {
      h = await startHarness();
      const c = await startConversation(h);
      const [payload, signature] = c.token.split('.') as [string, string];
      const otherPayload = Buffer.from(JSON.stringify({ v: 1, c: c.id, exp: 9_999_999_999, n: 'x' })).toString('base64url');
      for (const forged of [`${otherPayload}.${signature}`, `${payload}.${signature.slice(0, -2)}AA`, 'garbage', `${payload}.`, 'a.b.c']) {
        const r = await getActivities(h, { id: c.id, token: forged });
        expect(r.status, forged).to.equal(403);
        expect(r.json.error.code).to.equal('Forbidden');
      }
    });

    it('keeps tokens valid across a restart with the same key, not with another key', async () => {
      h = await startHarness();
      const c = await startConversation(h);
      await h.close();
      h = await startHarness();
      const again = await call(h.url, 'GET', `${DL}/conversations/${c.id}?watermark=oldboot.7`, { auth: c.token });
      expect(again.status).to.equal(200);
      expect(again.json.conversationId).to.equal(c.id);
      await h.close();
      h = await startHarness({ tokenKey: Buffer.from('another-key-another-key-another!') });
      expect((await getActivities(h, c)).status).to.equal(403);
    });
  });

  describe('conversations', () => {
    it('starts with 201 and answers 200 when this token already started it', async () => {
      h = await startHarness();
      const g = await call(h.url, 'POST', `${DL}/tokens/generate`);
      const first = await call(h.url, 'POST', `${DL}/conversations`, { auth: g.json.token, body: { user: { id: 'dl_x' }, locale: 'es' } });
      expect(first.status).to.equal(201);
      expect(first.json.conversationId).to.equal(g.json.conversationId);
      expect(first.json.expires_in).to.equal(1800);
      const port = new URL(h.url).port;
      expect(first.json.streamUrl).to.match(new RegExp(`^ws://127\\.0\\.0\\.1:${port}/v3/directline/conversations/${g.json.conversationId}/stream\\?watermark=&t=`));
      const second = await call(h.url, 'POST', `${DL}/conversations`, { auth: g.json.token });
      expect(second.status).to.equal(200);
      expect(second.json.conversationId).to.equal(g.json.conversationId);
    });

    it('starts a conversation without auth only when no secret is configured', async () => {
      h = await startHarness();
      const open = await call(h.url, 'POST', `${DL}/conversations`);
      expect(open.status).to.equal(201);
      expect(open.json.token).to.be.a('string');
      await h.close();
      h = await startHarness({ secret: 'the-secret' });
      expect((await call(h.url, 'POST', `${DL}/conversations`)).status).to.equal(401);
      const bySecret = await call(h.url, 'POST', `${DL}/conversations`, { auth: 'the-secret' });
      expect(bySecret.status).to.equal(201);
      // The secret opens any existing conversation.
      expect((await getActivities(h, { id: bySecret.json.conversationId, token: 'the-secret' })).status).to.equal(200);
    });

    it('uses publicUrl for stream URLs', async () => {
      h = await startHarness({ publicUrl: 'https://chat.example.org' });
      const open = await call(h.url, 'POST', `${DL}/conversations`);
      expect(open.json.streamUrl).to.match(/^wss:\/\/chat\.example\.org\/v3\/directline\/conversations\//);
    });

    it('answers a reconnect with a fresh streamUrl carrying the watermark', async () => {
      h = await startHarness();
      const c = await startConversation(h);
      await post(h, c, message('hola'));
      const wm = (await getActivities(h, c)).json.watermark as string;
      const r = await call(h.url, 'GET', `${DL}/conversations/${c.id}?watermark=${encodeURIComponent(wm)}`, { auth: c.token });
      expect(r.status).to.equal(200);
      expect(r.json.conversationId).to.equal(c.id);
      expect(r.json.token).to.be.a('string');
      const stream = new URL(r.json.streamUrl);
      expect(stream.pathname).to.equal(`${DL}/conversations/${c.id}/stream`);
      expect(stream.searchParams.get('watermark')).to.equal(wm);
      expect(stream.searchParams.get('t')).to.equal(r.json.token);
    });

    it('gives 404 for an unknown conversation', async () => {
      h = await startHarness({ secret: 'the-secret' });
      const r = await getActivities(h, { id: 'noSuchConversation', token: 'the-secret' });
      expect(r.status).to.equal(404);
      expect(r.json.error.code).to.equal('NotFound');
      expect((await call(h.url, 'GET', `${DL}/conversations/noSuchConversation`, { auth: 'the-secret' })).status).to.equal(404);
      expect((await call(h.url, 'GET', `${DL}/conversations/bad%20id!/activities`, { auth: 'the-secret' })).status).to.equal(404);
      expect((await call(h.url, 'POST', `${DL}/conversations/x/upload`, { auth: 'the-secret' })).status).to.equal(404);
    });

    it("refuses A's token on conversation B with 403, and missing auth with 401", async () => {
      h = await startHarness();
      const a = await startConversation(h);
      const b = await startConversation(h);
      const onB = { id: b.id, token: a.token };
      for (const r of [await getActivities(h, onB), await post(h, onB, message('hola')), await call(h.url, 'GET', `${DL}/conversations/${b.id}`, { auth: a.token })]) {
        expect(r.status).to.equal(403);
        expect(r.json.error.code).to.equal('Forbidden');
      }
      const none = await call(h.url, 'GET', `${DL}/conversations/${a.id}/activities`);
      expect(none.status).to.equal(401);
      expect(none.json.error.code).to.equal('Unauthorized');
      expect(h.turns.calls).to.have.length(0);
    });
  });

  describe('activities', () => {
    it('echoes the person, then replies; watermarks page forward', async () => {
      h = await startHarness();
      const c = await startConversation(h);
      const sent = await post(h, c, message('hola', 'client-1', { channelData: { clientActivityID: 'client-1', clientTimestamp: 'x' } }));
      expect(sent.status).to.equal(200);
      expect(sent.json.id).to.be.a('string');

      const all = await getActivities(h, c);
      expect(all.status).to.equal(200);
      const [echo, reply] = all.json.activities;
      expect(all.json.activities).to.have.length(2);
      expect(echo).to.include({ type: 'message', id: sent.json.id, text: 'hola', channelId: 'directline' });
      expect(echo.from).to.deep.equal({ id: 'dl_user1', role: 'user' });
      expect(echo.channelData).to.deep.equal({ clientActivityID: 'client-1', clientTimestamp: 'x' });
      expect(new Date(echo.timestamp).toISOString()).to.equal(echo.timestamp);
      expect(echo.conversation).to.deep.equal({ id: c.id });

      expect(reply).to.include({ type: 'message', text: 'echo: hola', replyToId: echo.id });
      expect(reply.from).to.deep.equal({ id: 'faro', role: 'bot' });
      expect(reply.channelData).to.deep.equal({ step: 'menu', topic: 'health' });
      expect(reply.suggestedActions).to.deep.equal({
        to: ['dl_user1'],
        actions: [
          { type: 'messageBack', title: 'Sí', displayText: 'Sí', value: { action: 'yes' } },
          { type: 'messageBack', title: 'No', displayText: 'No', value: { action: 'no' } },
        ],
      });

      const watermark = all.json.watermark as string;
      expect((await getActivities(h, c, watermark)).json.activities).to.have.length(0);
      await post(h, c, message('otra', 'client-2'));
      const next = await getActivities(h, c, watermark);
      expect(next.json.activities.map((a: { text: string }) => a.text)).to.deep.equal(['otra', 'echo: otra']);
      expect(next.json.watermark).not.to.equal(watermark);

      expect(h.turns.calls[0]).to.deep.equal({
        channel: 'webchat',
        conversationId: c.id,
        messageId: 'client-1',
        text: 'hola',
        locale: 'es-PE',
      });
    });

    it('turns a messageBack click into an Inbound with the action', async () => {
      h = await startHarness();
      const c = await startConversation(h);
      const click = {
        type: 'message',
        from: { id: 'dl_user1' },
        value: { action: 'yes' },
        channelData: { clientActivityID: 'click-1', messageBack: { displayText: 'Sí' } },
      };
      expect((await post(h, c, click)).status).to.equal(200);
      expect(h.turns.calls[0]).to.include({ action: 'yes', messageId: 'click-1' });
      expect(h.turns.calls[0]).not.to.have.property('text');
      const [echo, reply] = (await getActivities(h, c)).json.activities;
      expect(echo.channelData).to.deep.equal(click.channelData);
      expect(echo.value).to.deep.equal({ action: 'yes' });
      expect(reply.text).to.equal('echo: yes');
    });

    it('dedupes a redelivery by clientActivityID or by id: same {id}, one echo, one turn', async () => {
      h = await startHarness();
      const c = await startConversation(h);
      const first = await post(h, c, message('hola', 'same-cid'));
      const again = await post(h, c, message('hola', 'same-cid'));
      expect(again.status).to.equal(200);
      expect(again.json.id).to.equal(first.json.id);

      const byId1 = await post(h, c, message('chau', undefined, { id: 'client-side-id' }));
      const byId2 = await post(h, c, message('chau', undefined, { id: 'client-side-id' }));
      expect(byId2.json.id).to.equal(byId1.json.id);

      const texts = (await getActivities(h, c)).json.activities.map((a: { text: string }) => a.text);
      expect(texts).to.deep.equal(['hola', 'echo: hola', 'chau', 'echo: chau']);
      expect(h.turns.messageIds).to.deep.equal(['same-cid', 'client-side-id']);
    });

    it('answers two concurrent posts to one conversation', async () => {
      h = await startHarness();
      const c = await startConversation(h);
      h.turns.delayMs = 50;
      const [a, b] = await Promise.all([post(h, c, message('uno', 'c-1')), post(h, c, message('dos', 'c-2'))]);
      expect([a.status, b.status]).to.deep.equal([200, 200]);
      expect(a.json.id).not.to.equal(b.json.id);
      // The two posts may arrive in either order and interleave; each reply follows its own echo.
      const texts: string[] = (await getActivities(h, c)).json.activities.map((x: { text: string }) => x.text);
      expect(texts).to.have.members(['uno', 'dos', 'echo: uno', 'echo: dos']);
      expect(texts.indexOf('echo: uno')).to.be.greaterThan(texts.indexOf('uno'));
      expect(texts.indexOf('echo: dos')).to.be.greaterThan(texts.indexOf('dos'));
    });

    it('waits for the running turn when the same activity arrives again meanwhile', async () => {
      h = await startHarness();
      const c = await startConversation(h);
      h.turns.delayMs = 50;
      const [a, b] = await Promise.all([post(h, c, message('uno', 'dup')), post(h, c, message('uno', 'dup'))]);
      expect(a.json.id).to.equal(b.json.id);
      expect(h.turns.calls).to.have.length(1);
      expect((await getActivities(h, c)).json.activities).to.have.length(2);
    });

    it('answers 502 BotRejectedActivity when the turn fails, and runs it again on redelivery', async () => {
      h = await startHarness();
      const c = await startConversation(h);
      h.turns.failures = 1;
      const failed = await post(h, c, message('hola', 'retry-me'));
      expect(failed.status).to.equal(502);
      expect(failed.json.error.code).to.equal('BotRejectedActivity');
      expect(failed.text).not.to.contain('store is down');
      const retried = await post(h, c, message('hola', 'retry-me'));
      expect(retried.status).to.equal(200);
      const texts = (await getActivities(h, c)).json.activities.map((a: { text: string }) => a.text);
      expect(texts).to.deep.equal(['hola', 'echo: hola']);
      expect(h.turns.messageIds).to.deep.equal(['retry-me', 'retry-me']);
    });

    it('accepts other activity types without a turn and without keeping them', async () => {
      h = await startHarness();
      const c = await startConversation(h);
      const typing = await post(h, c, { type: 'typing', from: { id: 'dl_user1' } });
      const event = await post(h, c, { type: 'event', name: 'webchat/join', value: 'anything', from: { id: 'dl_user1' } });
      expect([typing.status, event.status]).to.deep.equal([200, 200]);
      expect(typing.json.id).to.be.a('string');
      expect(h.turns.calls).to.have.length(0);
      expect((await getActivities(h, c)).json.activities).to.have.length(0);
    });

    it("gives everything the log has for another boot's or a garbled watermark", async () => {
      h = await startHarness();
      const c = await startConversation(h);
      await post(h, c, message('hola'));
      for (const watermark of ['deadbeef-1.1', 'garbage', '', '-1']) {
        expect((await getActivities(h, c, watermark)).json.activities, watermark).to.have.length(2);
      }
      const repeated = await call(h.url, 'GET', `${DL}/conversations/${c.id}/activities?watermark=a&watermark=b`, { auth: c.token });
      expect(repeated.status).to.equal(400);
    });
  });

  describe('validation', () => {
    let c: { id: string; token: string };
    beforeEach(async () => {
      h = await startHarness({ jsonLimit: '64kb' });
      c = await startConversation(h);
    });

    it('answers malformed JSON with 400 BadArgument', async () => {
      const r = await call(h.url, 'POST', `${DL}/conversations/${c.id}/activities`, { auth: c.token, raw: '{"type": "message",' });
      expect(r.status).to.equal(400);
      expect(r.json).to.deep.equal({ error: { code: 'BadArgument', message: 'The request body is not valid JSON.' } });
    });

    it('rejects wrong types and operator objects with 400', async () => {
      const bad: Array<Record<string, unknown>> = [
        { type: { $gt: '' }, from: { id: 'u' } },
        { type: 'message', from: { id: { $ne: null } } },
        { type: 'message', from: { id: 'u' }, text: { $regex: '.*' } },
        { type: 'message', from: { id: 'u' }, text: 42 },
        { type: 'message', from: { id: 'u' }, value: { action: { $gt: '' } } },
        { type: 'message', from: { id: 'u' }, value: 'yes' },
        { type: 'message', from: { id: 'u' }, channelData: { clientActivityID: { $exists: true } } },
        { type: 'message', from: { id: 'u' }, channelData: 'x' },
        { type: 'message', from: { id: 'u' }, channelData: { blob: 'x'.repeat(5000) } },
        { type: 'message', from: 'u' },
      ];
      for (const body of bad) {
        const r = await post(h, c, body);
        expect(r.status, JSON.stringify(body).slice(0, 80)).to.equal(400);
        expect(r.json.error.code).to.equal('BadArgument');
        expect(r.json.error.message).not.to.match(/\$gt|\$ne|\$regex|xxxx/);
      }
      const array = await call(h.url, 'POST', `${DL}/conversations/${c.id}/activities`, { auth: c.token, raw: '[]' });
      expect(array.status).to.equal(400);
      expect(h.turns.calls).to.have.length(0);
    });

    it('requires type and from.id', async () => {
      const noType = await post(h, c, { from: { id: 'u' }, text: 'hola' });
      expect(noType.status).to.equal(400);
      expect(noType.json.error.message).to.match(/^type:/);
      const noFromId = await post(h, c, { type: 'message', from: {}, text: 'hola' });
      expect(noFromId.status).to.equal(400);
      expect(noFromId.json.error.message).to.match(/^from\.id:/);
      expect((await post(h, c, { type: 'message', text: 'hola' })).status).to.equal(400);
      expect((await post(h, c, { type: '', from: { id: 'u' } })).status).to.equal(400);
    });

    it('answers a body over the limit with 413', async () => {
      const r = await post(h, c, message('x'.repeat(70 * 1024)));
      expect(r.status).to.equal(413);
      expect(r.json.error.code).to.equal('PayloadTooLarge');
    });
  });

  describe('odd text', () => {
    let c: { id: string; token: string };
    beforeEach(async () => {
      h = await startHarness();
      c = await startConversation(h);
    });

    async function echoOf(text: string, cid: string): Promise<{ echo: string; turn: string | undefined }> {
      const r = await post(h, c, message(text, cid));
      expect(r.status).to.equal(200);
      const activities = (await getActivities(h, c)).json.activities as Array<{ id: string; text?: string }>;
      const echo = activities.find((a) => a.id === r.json.id);
      return { echo: echo?.text ?? '', turn: h.turns.calls.at(-1)?.text };
    }

    it('cuts a 20,000-character paste to 4096 characters', async () => {
      const { echo, turn } = await echoOf('a'.repeat(20_000), 'long');
      expect(echo).to.have.length(4096);
      expect(turn).to.equal(echo);
    });

    it('strips control characters and unifies line breaks', async () => {
      const { echo, turn } = await echoOf('ho\u0000la\u0007\u001b[31m\u009f\r\nque tal\u007f\t!', 'ctl');
      expect(echo).to.equal('hola[31m\nque tal\t!');
      expect(turn).to.equal(echo);
    });

    it('replaces lone surrogates', async () => {
      // JSON.stringify keeps lone surrogates as \\ud800 escapes, so they reach the server.
      const { echo } = await echoOf('x\ud800y\udc00z', 'sur');
      expect(echo).to.equal('x\ufffdy\ufffdz');
    });

    it('survives an emoji flood without splitting a pair', async () => {
      const { echo } = await echoOf('😭'.repeat(5000), 'emoji');
      expect(echo.length).to.be.at.most(4096);
      expect(echo.length % 2).to.equal(0);
      expect(echo).to.equal('😭'.repeat(echo.length / 2));
    });

    it('passes a message that is only control characters as an empty turn', async () => {
      const r = await post(h, c, message('\u0000\u0001', 'empty'));
      expect(r.status).to.equal(200);
      expect(h.turns.calls.at(-1)).not.to.have.property('text');
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      fetch(`${h.url}${DL}/conversations`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-ms-bot-agent,x-requested-with',
        },
      });

    it('answers a preflight from an allowed origin with all four headers', async () => {
      h = await startHarness();
      const r = await preflight('https://widget.example.org');
      expect(r.status).to.equal(204);
      expect(r.headers.get('access-control-allow-origin')).to.equal('https://widget.example.org');
      const allowed = (r.headers.get('access-control-allow-headers') ?? '').split(',');
      expect(allowed).to.include.members(['authorization', 'content-type', 'x-ms-bot-agent', 'x-requested-with']);
      expect(r.headers.get('access-control-allow-methods')).to.contain('POST');
    });

    it('gives a refused origin no allow-origin header', async () => {
      h = await startHarness();
      const r = await preflight('https://evil.example.com');
      expect(r.headers.get('access-control-allow-origin')).to.equal(null);
      const get = await fetch(`${h.url}${DL}/tokens/generate`, { method: 'POST', headers: { origin: 'https://evil.example.com' } });
      expect(get.headers.get('access-control-allow-origin')).to.equal(null);
    });

    it('leaves paths outside /v3/directline alone', async () => {
      h = await startHarness();
      const r = await fetch(`${h.url}/healthz`, { headers: { origin: 'https://widget.example.org' } });
      expect(r.status).to.equal(200);
      expect(r.headers.get('access-control-allow-origin')).to.equal(null);
    });

    it("allows any origin with '*'", async () => {
      h = await startHarness({ origins: ['*'] });
      const r = await preflight('https://anything.example');
      expect(r.headers.get('access-control-allow-origin')).to.equal('*');
    });

    it('puts CORS headers on errors too, even on a body parser error', async () => {
      h = await startHarness();
      const c = await startConversation(h);
      const r = await fetch(`${h.url}${DL}/conversations/${c.id}/activities`, {
        method: 'POST',
        headers: { origin: 'https://widget.example.org', authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
        body: '{oops',
      });
      expect(r.status).to.equal(400);
      expect(r.headers.get('access-control-allow-origin')).to.equal('https://widget.example.org');
    });

    it('fails at start-up on an origin with a path', () => {
      expect(() => createDirectLine({ turns: new FakeTurns(), tokenKey: TOKEN_KEY, origins: ['https://x.org/'], log: createLogger('silent') })).to.throw(/not an origin/);
    });
  });

  describe('rate limit', () => {
    it('answers 429 with Retry-After past the per-conversation limit', async () => {
      h = await startHarness({ rateLimitPerMinute: 3 });
      const c = await startConversation(h);
      const other = await startConversation(h);
      for (let i = 0; i < 3; i += 1) expect((await post(h, c, message(`m${i}`))).status).to.equal(200);
      const limited = await post(h, c, message('too many'));
      expect(limited.status).to.equal(429);
      expect(limited.json.error.code).to.equal('TooManyRequests');
      expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 60);
      expect((await post(h, other, message('fine'))).status).to.equal(200);
      expect(h.turns.calls.map((x) => x.text)).not.to.include('too many');
    });
  });

  describe('errors stay calm', () => {
    it('never answers with HTML or a stack trace', async () => {
      h = await startHarness({ secret: 'the-secret' });
      // `call` asserts calm bodies on every answer; these are the odd ones.
      const probes: Array<[string, string, Parameters<typeof call>[3]]> = [
        ['GET', `${DL}/nope`, {}],
        ['DELETE', `${DL}/conversations`, {}],
        ['POST', `${DL}/conversations`, { raw: '{', headers: { authorization: 'Bearer the-secret' } }],
        ['POST', `${DL}/conversations`, { raw: 'x', headers: { 'content-type': 'application/json; charset=koi8-x' } }],
        ['POST', `${DL}/tokens/generate`, { auth: 'the-secret', body: { user: { id: { $gt: '' } } } }],
        ['GET', `${DL}/conversations/%E0%A4%A/activities`, { auth: 'the-secret' }],
        ['POST', `${DL}/tokens/refresh`, { headers: { authorization: `Bearer ${'x'.repeat(5000)}` } }],
      ];
      for (const [method, path, init] of probes) {
        const r = await call(h.url, method, path, init);
        expect(r.status, `${method} ${path}`).to.be.within(400, 499);
        expect(r.json.error.code).to.be.a('string');
      }
    });
  });

  describe('wiring', () => {
    it('works without beforeBody CORS and with the default JSON limit', async () => {
      const log = createLogger('silent');
      const turns = new FakeTurns();
      const dl = createDirectLine({ turns, tokenKey: TOKEN_KEY, origins: ['*'], log });
      turns.sink = dl.sink;
      const app = createApp({ log, ready: async () => true, routers: [dl.router] });
      const server = await startServer({ app, port: 0, host: '127.0.0.1', log, onUpgrade: dl.handleUpgrade, onClose: dl.close });
      try {
        const started = await call(server.url, 'POST', `${DL}/conversations`);
        expect(started.status).to.equal(201);
        const c = { id: started.json.conversationId as string, token: started.json.token as string };
        const r = await call(server.url, 'POST', `${DL}/conversations/${c.id}/activities`, { auth: c.token, body: message('hola') });
        expect(r.status).to.equal(200);
      } finally {
        await server.close();
      }
    });
  });
});
