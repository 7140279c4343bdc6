/** The WhatsApp channel's pure parts: limits, text, errors, window, signature, start-up checks. */
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { classify, RETRYABLE } from '../../channels/whatsapp/errors.ts';
import { createWhatsAppChannel, type WhatsAppOptions } from '../../channels/whatsapp/index.ts';
import { LIMITS, renderOutbound } from '../../channels/whatsapp/render.ts';
import { checkSignature } from '../../channels/whatsapp/signature.ts';
import { cleanInbound, cut, shorten, split } from '../../channels/kit/text.ts';
import { CustomerServiceWindow, WINDOW_MS } from '../../channels/whatsapp/window.ts';
import type { Choice, Outbound } from '../../src/core/message.ts';
import { HttpError } from '../../src/http/errors.ts';
import { createMemoryStore } from '../../src/store/memory/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import type { GraphBody } from './whatsappGraphStub.ts';
import { expectWithinLimits } from './whatsappLimits.ts';

/** A small deterministic generator, so the "every shape stays within limits" test is repeatable. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('WhatsApp channel parts', () => {
  describe('rendering stays within the Cloud API limits whatever the dialog says', () => {
    it('holds for 1,000 generated replies (text length, choice count, title and id lengths, emoji)', () => {
      const rnd = random(42);
      const word = () => ['Salud', 'Vivienda', 'Hablar con una persona', '🙂', 'Regularización y documentos', 'x'.repeat(80), 'ñ'][Math.floor(rnd() * 7)]!;
      for (let n = 0; n < 1000; n++) {
        const text = Array.from({ length: Math.floor(rnd() * 1200) }, word)
          .join(' ')
          .slice(0, Math.floor(rnd() * 9000) + 1);
        const choices: Choice[] = Array.from({ length: Math.floor(rnd() * 14) }, (_, i) => ({
          action: rnd() < 0.05 ? 'a'.repeat(300) : `opt:${i}`,
          title: Array.from({ length: 1 + Math.floor(rnd() * 3) }, word).join(' '),
        }));
        const outbound: Outbound = { id: `whatsapp:51987654321#${n}`, channel: 'whatsapp', conversationId: '51987654321', seq: n, replyTo: 'w', reply: { text, choices, step: 'menu' } };
        const messages = renderOutbound(outbound, 'ref#1');
        if (text.trim() !== '' || choices.length > 0) expect(messages.length, `case ${n}`).to.be.greaterThan(0);
        for (const m of messages) expectWithinLimits(m as GraphBody);
        // Nothing lost: every title is on screen, as a button, a row (title or description) or a line.
        const shown = JSON.stringify(messages);
        for (const c of choices) if (c.title !== String(choices.indexOf(c) + 1)) expect(shown, `case ${n}`).to.include(JSON.stringify(c.title).slice(1, -1));
      }
    });

    it('uses buttons up to three, a list up to ten, numbered text beyond', () => {
      const reply = (count: number): Outbound => ({
        id: 'x',
        channel: 'whatsapp',
        conversationId: '519',
        seq: 1,
        replyTo: 'w',
        reply: { text: '¿Cuál?', choices: Array.from({ length: count }, (_, i) => ({ action: `a${i}`, title: `Opción ${i + 1}` })), step: 'menu' },
      });
      const kinds = [1, 3, 4, 10, 11].map((n) => {
        const [m] = renderOutbound(reply(n));
        return m!.type === 'interactive' ? m!.interactive.type : m!.type;
      });
      expect(kinds).to.deep.equal(['button', 'button', 'list', 'list', 'text']);
      expect(LIMITS).to.include({ buttons: 3, buttonTitle: 20, rows: 10, rowTitle: 24, rowDescription: 72, listButton: 20, interactiveBody: 1024, textBody: 4096 });
    });
  });

  describe('text', () => {
    it('cleans what people send: controls out, lone surrogates replaced, cut at 4,096', () => {
      expect(cleanInbound(' ho\u0000la\r\nqué\u0007 tal ')).to.equal('hola\nqué tal');
      expect(cleanInbound('x\ud800y')).to.equal('x\ufffdy');
      expect(cleanInbound('😭'.repeat(3000))).to.have.length(4096);
    });

    it('never cuts an emoji in half', () => {
      expect(cut('a🙂', 2)).to.equal('a');
      expect(shorten('Regularización y documentos', 24)).to.equal('Regularización y…');
      expect(shorten('Supercalifragilisticexpialidocious', 10)).to.equal('Supercali…');
      expect(split('🙂'.repeat(5), 3)).to.deep.equal(['🙂', '🙂', '🙂', '🙂', '🙂']);
    });

    it('splits at paragraph breaks, then lines, then spaces', () => {
      expect(split('aaaa\n\nbbbb\ncccc dddd', 12)).to.deep.equal(['aaaa\n\nbbbb', 'cccc dddd']);
      expect(split('aaaa bbbb cccc', 9)).to.deep.equal(['aaaa bbbb', 'cccc']);
      expect(split('short', 4096)).to.deep.equal(['short']);
    });
  });

  describe('send errors (a closed set)', () => {
    const cases: [number, number | undefined, string][] = [
      [429, undefined, 'throttled'],
      [400, 130429, 'throttled'],
      [400, 131056, 'throttled'],
      [400, 4, 'throttled'],
      [500, undefined, 'unavailable'],
      [503, 131000, 'unavailable'],
      [400, 131047, 'window_closed'],
      [400, 131026, 'contact_unreachable'],
      [401, 190, 'unauthorized'],
      [403, 200, 'unauthorized'],
      [403, undefined, 'unauthorized'],
      [400, 100, 'rejected'],
      [400, 131009, 'rejected'],
      [404, undefined, 'rejected'],
    ];
    for (const [status, code, kind] of cases) {
      it(`HTTP ${status}${code !== undefined ? ` code ${code}` : ''} → ${kind}`, () => {
        expect(classify(status, code)).to.equal(kind);
      });
    }
    it('retries only throttling and outages', () => {
      expect(
        Object.entries(RETRYABLE)
          .filter(([, retry]) => retry)
          .map(([kind]) => kind),
      ).to.deep.equal(['throttled', 'unavailable']);
    });
  });

  describe('24-hour window', () => {
    it('opens from the message time, closes 24 hours later, ignores older messages and the future', () => {
      let now = 1_000_000_000_000;
      const window = new CustomerServiceWindow(() => now);
      expect(window.isOpen('a')).to.equal(false);
      window.opened('a', now - 1000);
      window.opened('a', now - 5 * WINDOW_MS); // an old redelivery does not move it back
      now += WINDOW_MS - 1001;
      expect(window.isOpen('a')).to.equal(true);
      now += 1;
      expect(window.isOpen('a')).to.equal(false);
      window.opened('b', now + 10 * WINDOW_MS); // a clock ahead of ours counts as now
      now += WINDOW_MS;
      expect(window.isOpen('b')).to.equal(false);
    });

    it('forgets people whose window has closed as others write', () => {
      let now = 0;
      const window = new CustomerServiceWindow(() => now);
      for (let i = 0; i < 100; i++) window.opened(`p${i}`, now);
      now = WINDOW_MS + 1;
      window.opened('late', now);
      expect(window.size).to.equal(1);
    });
  });

  describe('signature', () => {
    const secret = 's3cret';
    const raw = Buffer.from('{"a":"\\u00f1"}');
    const good = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
    const status = (fn: () => void) => {
      try {
        fn();
        return 200;
      } catch (err) {
        return err instanceof HttpError ? err.status : 500;
      }
    };
    it('accepts the HMAC of the raw bytes (hex in either case) and refuses everything else', () => {
      expect(status(() => checkSignature(secret, good, raw))).to.equal(200);
      expect(status(() => checkSignature(secret, good.toUpperCase().replace('SHA256', 'sha256'), raw))).to.equal(200);
      expect(status(() => checkSignature(secret, undefined, raw))).to.equal(401);
      expect(status(() => checkSignature(secret, ' ', raw))).to.equal(401);
      expect(status(() => checkSignature(secret, good, undefined))).to.equal(415);
      expect(status(() => checkSignature(secret, good, Buffer.from('{"a":"ñ"}')))).to.equal(403);
      expect(status(() => checkSignature('other', good, raw))).to.equal(403);
      expect(status(() => checkSignature(secret, `${good}00`, raw))).to.equal(403);
    });
  });

  describe('start-up checks say what to change', () => {
    const base: WhatsAppOptions = {
      token: 'EAAG1234567890',
      phoneNumberId: '106540352242922',
      appSecret: 'secret-secret',
      verifyToken: 'verify-verify',
      inbox: createMemoryStore().inbox,
      turns: { handle: async () => ({ duplicate: false, outbound: [] }) },
      log: createLogger('silent'),
    };
    const cases: [Partial<WhatsAppOptions>, RegExp][] = [
      [{ token: '' }, /token is empty: set WHATSAPP_TOKEN/],
      [{ appSecret: ' ' }, /appSecret is empty: set WHATSAPP_APP_SECRET/],
      [{ verifyToken: '' }, /WHATSAPP_VERIFY_TOKEN/],
      [{ phoneNumberId: '+51 987 654 321' }, /numeric phone number id[\s\S]*not the phone number/],
      [{ apiRoot: 'graph.facebook.com/v21.0' }, /apiRoot .* is not a URL \(WHATSAPP_API_ROOT\)/],
      [{ apiRoot: 'ftp://graph.facebook.com' }, /must start with https:\/\//],
      [{ template: { name: 'Re-engage me', lang: 'es' } }, /WHATSAPP_TEMPLATE_NAME/],
      [{ template: { name: 'faro_reengage', lang: 'spanish' } }, /WHATSAPP_TEMPLATE_LANG/],
      [{ retryDelaysMs: [-1] }, /retryDelaysMs/],
    ];
    for (const [change, message] of cases) {
      it(`refuses ${JSON.stringify(change)}`, () => {
        expect(() => createWhatsAppChannel({ ...base, ...change })).to.throw(message);
      });
    }
    it('builds a channel named whatsapp with one router and a sink', async () => {
      const channel = createWhatsAppChannel({ ...base, apiRoot: 'https://graph.facebook.com/v21.0/', template: { name: 'faro_reengage', lang: 'es_PE' } });
      expect(channel.name).to.equal('whatsapp');
      expect(channel.routers).to.have.length(1);
      expect(channel.sink.deliver).to.be.a('function');
      await channel.stop?.();
    });
  });
});
