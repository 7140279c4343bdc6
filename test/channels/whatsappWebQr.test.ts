/**
 * The pairing page `GET /whatsapp-web/qr` on the real express app over real HTTP: token
 * checks, no caching, the QR code as an inline SVG, and 404 once paired or when disabled.
 */
import { expect } from 'chai';
import QRCode from 'qrcode';
import { createApp } from '../../src/http/app.ts';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/log/logger.ts';
import { FakeTurns } from '../support/fakeTurns.ts';
import { startChannel, type Started } from './whatsappWebHarness.ts';

const log = createLogger('silent');
const TOKEN = 'pilot-qr-token-0123456789';
const QR = '2@Xq9vLk3Jm0pairing,6kQ2aZ+key=,Bv3nq+identity=,Wm8secret=';

async function serve(qrPageToken?: string): Promise<{ started: Started; server: RunningServer; close(): Promise<void> }> {
  const started = await startChannel({ turns: new FakeTurns(), log, ...(qrPageToken !== undefined && { qrPageToken }) });
  const app = createApp({ log, ready: async () => true, routers: started.channel.routers });
  const server = await startServer({ app, port: 0, host: '127.0.0.1', log });
  return {
    started,
    server,
    close: async () => {
      await server.close();
      await started.close();
    },
  };
}

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('WhatsApp Web channel: the QR page', () => {
  let env: Awaited<ReturnType<typeof serve>>;
  let page: string;
  before(async () => {
    env = await serve(TOKEN);
    page = `${env.server.url}/whatsapp-web/qr`;
  });
  after(() => env.close());

  it('answers 404 while no code is waiting', async () => {
    const res = await get(page, { authorization: `Bearer ${TOKEN}` });
    expect(res.status).to.equal(404);
    expect(JSON.parse(res.text)).to.have.nested.property('error.code', 'NotFound');
    expect(res.headers.get('cache-control')).to.equal('no-store');
  });

  describe('with a code waiting', () => {
    before(() => {
      env.started.client().emit('qr', QR);
    });

    it('shows it as an inline SVG to the bearer of the token, never cached', async () => {
      const res = await get(page, { authorization: `Bearer ${TOKEN}` });
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^text\/html/);
      expect(res.headers.get('cache-control')).to.equal('no-store');
      expect(res.headers.get('referrer-policy')).to.equal('no-referrer');
      expect(res.headers.get('content-security-policy')).to.include("default-src 'none'");
      const svg = await QRCode.toString(QR, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      expect(res.text).to.include(svg);
      expect(res.text).to.include('Dispositivos vinculados');
      expect(Buffer.byteLength(res.text)).to.be.below(16_000);
    });

    it('accepts the token as ?token= (what a browser can send)', async () => {
      const res = await get(`${page}?token=${encodeURIComponent(TOKEN)}`);
      expect(res.status).to.equal(200);
      expect(res.text).to.include('<svg');
    });

    it('shows the newest code', async () => {
      env.started.client().emit('qr', `${QR}-2`);
      const res = await get(page, { authorization: `Bearer ${TOKEN}` });
      expect(res.text).to.include(await QRCode.toString(`${QR}-2`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
      env.started.client().emit('qr', QR);
    });

    const refusals: [string, string, Record<string, string>, number, string][] = [
      ['no token', '', {}, 401, 'Unauthorized'],
      ['an empty ?token=', '?token=', {}, 401, 'Unauthorized'],
      ['another scheme', '', { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` }, 401, 'Unauthorized'],
      ['a wrong bearer token', '', { authorization: 'Bearer pilot-qr-token-0123456788' }, 403, 'Forbidden'],
      ['a prefix of the token', '', { authorization: `Bearer ${TOKEN.slice(0, -1)}` }, 403, 'Forbidden'],
      ['a wrong ?token=', `?token=${TOKEN}x`, {}, 403, 'Forbidden'],
      ['a right ?token= with a wrong header', `?token=${TOKEN}`, { authorization: 'Bearer nope' }, 403, 'Forbidden'],
      ['the token twice', `?token=${TOKEN}&token=${TOKEN}`, {}, 400, 'BadArgument'],
    ];
    for (const [name, query, headers, status, code] of refusals) {
      it(`refuses ${name} with a JSON ${status}`, async () => {
        const res = await get(`${page}${query}`, headers);
        expect(res.status).to.equal(status);
        expect(res.headers.get('content-type')).to.match(/^application\/json/);
        expect(res.headers.get('cache-control')).to.equal('no-store');
        expect(JSON.parse(res.text)).to.have.nested.property('error.code', code);
        expect(res.text).not.to.include('<svg');
        if (status === 401) expect(res.headers.get('www-authenticate')).to.equal('Bearer');
      });
    }
  });

  describe('after pairing', () => {
    it('answers 404 once the phone has scanned', async () => {
      env.started.client().emit('qr', QR);
      expect((await get(page, { authorization: `Bearer ${TOKEN}` })).status).to.equal(200);
      env.started.client().emit('authenticated');
      const res = await get(page, { authorization: `Bearer ${TOKEN}` });
      expect(res.status).to.equal(404);
      expect(res.text).not.to.include('<svg');
    });
  });

  it('is disabled (404) without a configured token', async () => {
    const other = await serve();
    try {
      other.started.client().emit('qr', QR);
      const variants: Record<string, string>[] = [{}, { authorization: `Bearer ${TOKEN}` }];
      for (const headers of variants) {
        const res = await get(`${other.server.url}/whatsapp-web/qr`, headers);
        expect(res.status).to.equal(404);
        expect(JSON.parse(res.text)).to.have.nested.property('error.code', 'NotFound');
      }
    } finally {
      await other.close();
    }
  });
});
