import { connect } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import { createApp, rawBodyOf } from '../../src/http/app.ts';
import { HttpError } from '../../src/http/errors.ts';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/log/logger.ts';

const log = createLogger('silent');

function testRouter(): express.Router {
  const router = express.Router();
  router.get('/known', () => {
    throw new HttpError(409, 'Conflict', 'Already there.', { 'x-extra': '1' });
  });
  router.get('/boom', () => {
    throw new Error('internal detail that must not leak');
  });
  router.get('/async-boom', async () => {
    await Promise.resolve();
    throw new TypeError('async detail that must not leak');
  });
  router.post('/echo', (req, res) => {
    res.json({ body: req.body as unknown, raw: rawBodyOf(req)?.toString('utf8') ?? null });
  });
  router.get('/slow', async (_req, res) => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    res.json({ done: true });
  });
  return router;
}

async function request(base: string, path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; text: string; json: unknown }> {
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  expect(text).not.to.match(/<html|<!doctype|\n\s+at /i);
  expect(res.headers.get('content-type') ?? '').to.match(/^application\/json/);
  return { status: res.status, headers: res.headers, text, json: JSON.parse(text) as unknown };
}

describe('HTTP app', () => {
  let server: RunningServer;
  let ready: () => Promise<boolean>;
  beforeEach(async () => {
    ready = async () => true;
    const app = createApp({ log, ready: () => ready(), routers: [testRouter()], jsonLimit: '1kb' });
    server = await startServer({ app, port: 0, host: '127.0.0.1', log });
  });
  afterEach(async () => {
    await server.close();
  });

  it('answers /healthz and hides the framework', async () => {
    const r = await request(server.url, '/healthz');
    expect(r.status).to.equal(200);
    expect(r.json).to.deep.equal({ status: 'ok' });
    expect(r.headers.get('x-powered-by')).to.equal(null);
  });

  it('answers /readyz with 200 or 503 from ready(), also when it throws', async () => {
    expect((await request(server.url, '/readyz')).status).to.equal(200);
    ready = async () => false;
    const down = await request(server.url, '/readyz');
    expect(down.status).to.equal(503);
    expect(down.json).to.deep.equal({ status: 'unavailable' });
    ready = async () => {
      throw new Error('store unreachable');
    };
    expect((await request(server.url, '/readyz')).status).to.equal(503);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const r = await request(server.url, '/nowhere');
    expect(r.status).to.equal(404);
    expect(r.json).to.deep.equal({ error: { code: 'NotFound', message: 'No such resource.' } });
  });

  it('passes a known HttpError through with its status, code and headers', async () => {
    const r = await request(server.url, '/known');
    expect(r.status).to.equal(409);
    expect(r.json).to.deep.equal({ error: { code: 'Conflict', message: 'Already there.' } });
    expect(r.headers.get('x-extra')).to.equal('1');
  });

  it('turns anything else into a 500 with a reference and no detail', async () => {
    for (const path of ['/boom', '/async-boom']) {
      const r = await request(server.url, path);
      expect(r.status).to.equal(500);
      expect(r.json).to.have.nested.property('error.code', 'ServerError');
      expect(r.text).to.match(/ref [0-9a-f-]{36}/);
      expect(r.text).not.to.match(/detail|TypeError|leak/);
    }
  });

  it('answers malformed JSON with 400 and a too-large body with 413', async () => {
    const bad = await request(server.url, '/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(bad.status).to.equal(400);
    expect(bad.json).to.have.nested.property('error.code', 'BadArgument');
    const big = await request(server.url, '/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 'x'.repeat(2000) }),
    });
    expect(big.status).to.equal(413);
    expect(big.json).to.have.nested.property('error.code', 'PayloadTooLarge');
  });

  it('keeps the raw bytes of a JSON body for signature checks', async () => {
    const raw = '{"a": "ü"}';
    const r = await request(server.url, '/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
    expect(r.json).to.deep.equal({ body: { a: 'ü' }, raw });
  });

  it('waits for requests in flight on close, then refuses new connections', async () => {
    const inFlight = request(server.url, '/slow');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).to.be.at.least(100);
    const r = await inFlight;
    expect(r.status).to.equal(200);
    expect(r.json).to.deep.equal({ done: true });
    const refused = await fetch(`${server.url}/healthz`).then(
      () => false,
      () => true,
    );
    expect(refused).to.equal(true);
  });

  it('answers an upgrade nobody handles with 404', async () => {
    const { port } = server;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
      });
      let data = '';
      socket.on('data', (chunk) => (data += String(chunk)));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer).to.match(/^HTTP\/1\.1 404/);
  });
});
