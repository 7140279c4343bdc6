/**
 * The console's routes over real HTTP (the app factory with only the console router): the page
 * and its assets carry the security headers, the bundle builds and is compressed, unknown
 * console paths are JSON 404s, and the two locale catalogs have the same keys.
 */
import { expect } from 'chai';
import { gunzipSync } from 'node:zlib';
import en from '../../content/locales/en/console.json' with { type: 'json' };
import es from '../../content/locales/es/console.json' with { type: 'json' };
import { buildConsole } from '../../src/console/build.ts';
import { createConsole } from '../../src/console/index.ts';
import { CONSOLE_CSP } from '../../src/console/router.ts';
import { createApp } from '../../src/http/app.ts';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/log/logger.ts';

const EXPECTED_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

describe('Console routes', () => {
  let server: RunningServer;
  let url: string;

  before(async () => {
    const log = createLogger('silent');
    const app = createApp({ log, ready: async () => true, routers: [createConsole({ log }).router] });
    server = await startServer({ app, port: 0, host: '127.0.0.1', log });
    url = server.url;
  });
  after(() => server.close());

  function expectSecurityHeaders(res: Response): void {
    expect(res.headers.get('content-security-policy')).to.equal(EXPECTED_CSP);
    expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(res.headers.get('referrer-policy')).to.equal('no-referrer');
  }

  it('serves the page at /console and /console/ with a strict CSP and nothing inline', async () => {
    expect(CONSOLE_CSP).to.equal(EXPECTED_CSP);
    for (const path of ['/console', '/console/']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).to.equal('no-cache');
      expectSecurityHeaders(res);
      const html = await res.text();
      const { script, style } = buildConsole();
      expect(html).to.include(`<script src="/console/${script.name}" defer></script>`);
      expect(html).to.include(`<link rel="stylesheet" href="/console/${style.name}">`);
      // No inline script or style, no event-handler attributes: the CSP would block them anyway.
      expect(html).not.to.match(/<script>|<script [^>]*>[^<]|<style|style=|\son\w+=/);
    }
  });

  it('serves the bundle and the stylesheet, content-named, cached for a year, compressed when asked', async () => {
    const { script, style } = buildConsole();
    expect(script.name).to.match(/^console-[\w-]{20}\.js$/);
    expect(style.name).to.match(/^console-[\w-]{20}\.css$/);
    // Small enough for a cheap phone on a slow line.
    expect(script.gzip.length).to.be.below(30_000);

    const plain = await fetch(`${url}/console/${script.name}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).to.equal(200);
    expect(plain.headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    expectSecurityHeaders(plain);
    const code = await plain.text();
    expect(code).to.include('/api/auth/login');
    expect(code).not.to.include('innerHTML');

    const gzip = await fetch(`${url}/console/${script.name}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).to.equal('gzip');
    expect(gzip.headers.get('vary')).to.equal('Accept-Encoding');

    const css = await fetch(`${url}/console/${style.name}`, { headers: { 'accept-encoding': 'br' } });
    expect(css.status).to.equal(200);
    expect(css.headers.get('content-type')).to.equal('text/css; charset=utf-8');
    expect(css.headers.get('content-encoding')).to.equal('br');
    expectSecurityHeaders(css);
    expect(gunzipSync(style.gzip).toString()).to.include(':focus-visible');
  });

  it('answers unknown console paths with a JSON 404', async () => {
    for (const path of ['/console/console-0000000000000000.js', '/console/nope', '/console/a/b', '/console/../console.css']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).to.equal(404);
      expect(res.headers.get('content-type')).to.match(/^application\/json/);
      expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('NotFound');
    }
    const post = await fetch(`${url}/console`, { method: 'POST' });
    expect(post.status).to.equal(404);
  });

  it('has the same keys in the Spanish and English catalogs, none empty', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([k, v]) => keys(v, `${prefix}${k}.`)) : [`${prefix.slice(0, -1)}=${value === '' ? 'EMPTY' : 'ok'}`];
    expect(keys(en)).to.deep.equal(keys(es));
    expect(keys(es).filter((k) => k.endsWith('EMPTY'))).to.deep.equal([]);
  });
});
