/**
 * The widget's server side over real HTTP: the bundle built at start, its size, compression,
 * caching and the demo page. (The widget itself runs in Chromium: widget.browser.test.ts.)
 */
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildWidget } from '../../channels/widget/build.ts';
import { createWidget } from '../../channels/widget/index.ts';
import { negotiate } from '../../src/http/browserAssets.ts';
import { createApp } from '../../src/http/app.ts';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/log/logger.ts';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** node:http, not fetch: fetch would decompress and hide what went over the wire. */
function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function serve(publicUrl?: string): Promise<RunningServer> {
  const log = createLogger('silent');
  const widget = createWidget({ log, ...(publicUrl ? { publicUrl } : {}) });
  const app = createApp({ log, ready: async () => true, routers: widget.routers });
  return startServer({ app, port: 0, host: '127.0.0.1', log });
}

describe('Web widget: widget.js and the demo page', () => {
  let server: RunningServer;
  before(async () => {
    server = await serve();
  });
  after(() => server.close());

  it('builds widget.js in memory, at most 30 KB gzipped, with no build output in the source tree', () => {
    const bundle = buildWidget('');
    expect(bundle.gzip.length).to.be.at.most(30 * 1024);
    expect(bundle.br.length).to.be.below(bundle.gzip.length);
    const code = bundle.identity.toString('utf8');
    // Text only ever goes into the page as text; no web fonts are fetched.
    expect(code).not.to.match(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|@font-face|fonts\.googleapis/);
    const folder = fileURLToPath(new URL('../../channels/widget/', import.meta.url));
    const files = readdirSync(folder, { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith('.js') || f.endsWith('.map'))).to.deep.equal([]);
  });

  it('serves brotli, gzip or plain JavaScript as the client accepts, all the same script', async () => {
    const plain = await get(server.url, '/widget.js');
    const gzip = await get(server.url, '/widget.js', { 'accept-encoding': 'gzip, deflate' });
    const br = await get(server.url, '/widget.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect([plain.status, gzip.status, br.status]).to.deep.equal([200, 200, 200]);
    expect(plain.headers['content-encoding']).to.equal(undefined);
    expect(gzip.headers['content-encoding']).to.equal('gzip');
    expect(br.headers['content-encoding']).to.equal('br');
    expect(gunzipSync(gzip.body).equals(plain.body)).to.equal(true);
    expect(brotliDecompressSync(br.body).equals(plain.body)).to.equal(true);
    expect(Number(gzip.headers['content-length'])).to.equal(gzip.body.length);
    for (const answer of [plain, gzip, br]) {
      expect(answer.headers).to.include({
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=600',
        vary: 'Accept-Encoding',
        'x-content-type-options': 'nosniff',
      });
    }
    expect(new Set([plain, gzip, br].map((a) => a.headers.etag)).size).to.equal(3);
  });

  it('answers a revalidation with 304 and no body, and HEAD with headers only', async () => {
    const first = await get(server.url, '/widget.js', { 'accept-encoding': 'gzip' });
    const etag = String(first.headers.etag);
    const again = await get(server.url, '/widget.js', { 'accept-encoding': 'gzip', 'if-none-match': `"other", ${etag}` });
    expect(again.status).to.equal(304);
    expect(again.body.length).to.equal(0);
    expect(again.headers.etag).to.equal(etag);
    // The same tag does not validate another encoding's bytes.
    expect((await get(server.url, '/widget.js', { 'accept-encoding': 'br', 'if-none-match': etag })).status).to.equal(200);
    const head = await get(server.url, '/widget.js', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).to.equal(200);
    expect(head.body.length).to.equal(0);
    expect(head.headers['content-length']).to.equal(first.headers['content-length']);
  });

  it('picks the encoding by Accept-Encoding, honouring q=0', () => {
    expect(negotiate(undefined)).to.equal('identity');
    expect(negotiate('')).to.equal('identity');
    expect(negotiate('identity')).to.equal('identity');
    expect(negotiate('gzip')).to.equal('gzip');
    expect(negotiate('gzip, deflate, br')).to.equal('br');
    expect(negotiate('br;q=0, gzip;q=0.8')).to.equal('gzip');
    expect(negotiate('br;q=0, gzip;q=0')).to.equal('identity');
    expect(negotiate('*')).to.equal('br');
    expect(negotiate('*;q=0, gzip')).to.equal('gzip');
  });

  it('serves the demo page in Spanish by default and in English with ?lang=en', async () => {
    const es = await get(server.url, '/');
    expect(es.status).to.equal(200);
    expect(es.headers['content-type']).to.equal('text/html; charset=utf-8');
    const page = es.body.toString('utf8');
    expect(page).to.include('<html lang="es">');
    expect(page).to.include('<script src="/widget.js" async></script>');
    expect(page).to.include(`&lt;script src=&quot;${server.url}/widget.js&quot; async&gt;&lt;/script&gt;`);
    const en = await get(server.url, '/?lang=en&utm_source=x');
    expect(en.body.toString('utf8')).to.include('<html lang="en">');
    expect(en.headers['content-language']).to.equal('en');
  });

  it('answers a bad lang with a JSON 400, and an odd Host header without echoing it', async () => {
    for (const query of ['?lang=fr', '?lang=es&lang=en', '?lang=']) {
      const bad = await get(server.url, `/${query}`);
      expect(bad.status, query).to.equal(400);
      expect(JSON.parse(bad.body.toString('utf8'))).to.deep.equal({ error: { code: 'BadArgument', message: 'lang must be "es" or "en", given once.' } });
    }
    const odd = await get(server.url, '/', { host: 'evil.example"><script>x</script>' });
    expect(odd.body.toString('utf8')).not.to.include('evil.example');
  });

  it('bakes PUBLIC_URL into widget.js and the snippet, and refuses a bad one at start-up', async () => {
    const pub = await serve('https://faro.example.org/');
    try {
      const script = (await get(pub.url, '/widget.js')).body.toString('utf8');
      expect(script).to.include('"https://faro.example.org"');
      expect((await get(pub.url, '/')).body.toString('utf8')).to.include('src=&quot;https://faro.example.org/widget.js&quot;');
    } finally {
      await pub.close();
    }
    const log = createLogger('silent');
    expect(() => createWidget({ log, publicUrl: 'faro.example.org' })).to.throw(/not a URL/);
    expect(() => createWidget({ log, publicUrl: 'https://faro.example.org/chat' })).to.throw(/origin without a path/);
    expect(() => createWidget({ log, publicUrl: 'ftp://faro.example.org' })).to.throw(/http:\/\/ or https:\/\//);
  });
});
