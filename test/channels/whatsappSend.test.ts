/**
 * Replies going out: rendered for WhatsApp (testdata/whatsapp/outgoing), POSTed to a local Graph
 * stub over real HTTP, with retries, the closed set of send errors, idempotency and the 24-hour
 * window (clock injected).
 */
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { WhatsAppSendError } from '../../channels/whatsapp/errors.ts';
import type { Outbound, Reply } from '../../src/core/message.ts';
import type { GraphBody, GraphCall } from './whatsappGraphStub.ts';
import { VERSION } from './whatsappGraphStub.ts';
import { expectWithinLimits } from './whatsappLimits.ts';
import { fixture, messageWebhook, PHONE_NUMBER_ID, ScriptedTurns, startWhatsApp, T0, textMessage, TOKEN, WA_ID, type WhatsAppHarness } from './whatsappHarness.ts';

interface OutgoingCase {
  description: string;
  reply: Reply;
  graph: GraphBody[];
}

const HOUR = 60 * 60 * 1000;
const TEMPLATE = { name: 'faro_reengage', lang: 'es' };
const say = (text: string): Reply => ({ text, choices: [], step: 'menu' });
const withChoices = (text: string, titles: string[]): Reply => ({ text, choices: titles.map((t, i) => ({ action: `opt:${i + 1}`, title: t })), step: 'menu' });
const files = readdirSync(new URL('./testdata/whatsapp/outgoing/', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .sort();

let outboundSeq = 1000;
function outbound(reply: Reply, waId = WA_ID): Outbound {
  outboundSeq += 1;
  return { id: `whatsapp:${waId}#${outboundSeq}`, channel: 'whatsapp', conversationId: waId, seq: outboundSeq, replyTo: 'wamid.X', reply };
}

/** The body without the per-deployment callback data (checked for shape, then dropped). */
function bodyOf(call: GraphCall): GraphBody {
  expect(call.method).to.equal('POST');
  expect(call.path).to.equal(`/${VERSION}/${PHONE_NUMBER_ID}/messages`);
  expect(call.authorization).to.equal(`Bearer ${TOKEN}`);
  expect(call.contentType).to.match(/^application\/json/);
  expectWithinLimits(call.body);
  const { biz_opaque_callback_data: callback, ...rest } = call.body;
  expect(callback).to.match(/^[\w-]{12}#\d+$/);
  return rest;
}

describe('WhatsApp replies', () => {
  const turns = new ScriptedTurns();
  let wa: WhatsAppHarness;
  /** A message from the person now, answered with `replies`; returns the Graph calls it caused. */
  const exchange = async (replies: Reply[], at = wa.clock.now, waId = WA_ID): Promise<GraphCall[]> => {
    turns.script.push(replies);
    const before = wa.stub.calls.length;
    await wa.deliver(messageWebhook({ ...textMessage('hola'), timestamp: String(Math.floor(at / 1000)) }, waId));
    return wa.stub.calls.slice(before);
  };

  before(async () => {
    wa = await startWhatsApp({ turns, register: (sink) => (turns.sink = sink), template: TEMPLATE });
  });
  after(async () => {
    await wa.close();
  });
  beforeEach(() => {
    wa.stub.reset();
    wa.clock.now = T0 + 5_000;
  });

  describe('rendering (testdata/whatsapp/outgoing)', () => {
    for (const file of files) {
      const c = fixture<OutgoingCase>(`outgoing/${file}`);
      it(`${file}: ${c.description}`, async () => {
        const calls = await exchange([c.reply]);
        expect(calls.map(bodyOf)).to.deep.equal(c.graph);
      });
    }

    it('splits a text over 4,096 characters at paragraph breaks, losing nothing', async () => {
      const paragraphs = Array.from({ length: 12 }, (_, i) => `Párrafo ${i + 1}: ${'información verificada '.repeat(30).trim()}.`);
      const text = paragraphs.join('\n\n');
      expect(text.length).to.be.greaterThan(8192);
      const calls = await exchange([say(text)]);
      const bodies = calls.map(bodyOf).map((b) => b.text!.body);
      expect(bodies).to.have.length(3);
      expect(bodies.join('\n\n')).to.equal(text);
    });

    it('keeps emoji whole and the numbered menu at the end when numbered text is split', async () => {
      const text = '🙂'.repeat(2100); // 4,200 UTF-16 units
      const calls = await exchange([
        withChoices(
          text,
          Array.from({ length: 11 }, (_, i) => `Opción ${i + 1}`),
        ),
      ]);
      const bodies = calls.map(bodyOf).map((b) => b.text!.body);
      expect(bodies).to.have.length(2);
      for (const body of bodies) expect(body).not.to.match(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect(bodies[1]).to.match(/1\. Opción 1\n[\s\S]*11\. Opción 11$/);
    });

    it('sends the replies of one turn in order, each with its own callback data', async () => {
      const calls = await exchange([say('primero'), say('segundo'), withChoices('tercero', ['Sí', 'No'])]);
      expect(calls.map(bodyOf).map((b) => b.text?.body ?? b.interactive?.body.text)).to.deep.equal(['primero', 'segundo', 'tercero']);
      const callbacks = calls.map((c) => c.body.biz_opaque_callback_data!);
      expect(new Set(callbacks).size).to.equal(3);
      expect(callbacks.join(' ')).not.to.include(WA_ID);
    });

    it('sends nothing for an empty reply', async () => {
      expect(await exchange([say('  ')])).to.deep.equal([]);
    });
  });

  describe('delivery', () => {
    it('is idempotent by Outbound.id (the runtime delivers its outbox again after a crash)', async () => {
      await exchange([]);
      const message = outbound(say('una vez'));
      await wa.channel.sink.deliver([message]);
      await wa.channel.sink.deliver([message]);
      await wa.channel.sink.deliver([message, message]);
      expect(wa.stub.calls).to.have.length(1);
    });

    it('retries throttling (429, 130429), server errors (500) and dropped connections with backoff', async () => {
      wa.stub.answerNext({ status: 429, code: 130429 }, { status: 500, code: 131000 }, 'drop');
      const calls = await exchange([say('hola de nuevo')]);
      expect(calls).to.have.length(4);
      expect(calls.map((c) => c.body)).to.deep.equal(Array(4).fill(calls[0]!.body));
      expect(
        wa.logs.lines
          .slice(-8)
          .filter((l) => l.msg === 'retrying send')
          .map((l) => l.kind),
      ).to.deep.equal(['throttled', 'unavailable', 'unavailable']);
    });

    it('when retries run out, throws so the reply stays in the outbox, and sends it when delivered again', async () => {
      await exchange([]);
      wa.stub.answerNext({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
      const message = outbound(say('importante'));
      const err = await wa.channel.sink.deliver([message]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(WhatsAppSendError);
      expect(err).to.include({ kind: 'unavailable', status: 503, retryable: true });
      expect(wa.stub.calls).to.have.length(4);
      await wa.channel.sink.deliver([message]);
      expect(wa.stub.calls).to.have.length(5);
    });

    it('does not retry an expired token (190): throws, for recovery once the configuration is fixed', async () => {
      await exchange([]);
      wa.stub.answerNext({ status: 401, code: 190 });
      const err = await wa.channel.sink.deliver([outbound(say('x'))]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.include({ kind: 'unauthorized', code: 190, retryable: false });
      expect(wa.stub.calls).to.have.length(1);
    });

    it('gives up on an undeliverable contact (131026) without retrying, and skips its other replies', async () => {
      wa.stub.answerNext({ status: 400, code: 131026 });
      const calls = await exchange([say('uno'), say('dos')]);
      expect(calls).to.have.length(1);
      expect(wa.logs.lines.at(-2)).to.deep.include({ msg: 'send failed for good', kind: 'contact_unreachable', code: 131026 });
    });

    it('sends the template when Meta says the window is closed (131047) though we thought it open', async () => {
      wa.stub.answerNext({ status: 400, code: 131047 });
      const calls = await exchange([say('uno'), say('dos')]);
      expect(calls.map(bodyOf).map((b) => b.type)).to.deep.equal(['text', 'template']);
      expect(bodyOf(calls[1]!).template).to.deep.equal({ name: 'faro_reengage', language: { code: 'es' } });
    });

    it('sends an interactive reply Meta refuses (bad parameter) again as numbered text', async () => {
      wa.stub.answerNext({ status: 400, code: 131009 });
      const calls = await exchange([withChoices('¿Te sirvió?', ['Sí', 'No'])]);
      expect(calls.map(bodyOf).map((b) => b.type)).to.deep.equal(['interactive', 'text']);
      expect(bodyOf(calls[1]!).text!.body).to.equal('¿Te sirvió?\n\n1. Sí\n2. No');
    });

    it('gives up on a text Meta refuses (bad parameter), without retrying', async () => {
      wa.stub.answerNext({ status: 400, code: 100 });
      const calls = await exchange([say('uno')]);
      expect(calls).to.have.length(1);
      expect(wa.logs.lines.at(-2)).to.deep.include({ msg: 'send failed for good', kind: 'rejected', code: 100 });
    });

    it("ignores another channel's messages", async () => {
      await wa.channel.sink.deliver([{ ...outbound(say('x')), channel: 'telegram' }]);
      expect(wa.stub.calls).to.deep.equal([]);
    });
  });

  describe('24-hour customer service window', () => {
    it('sends free-form replies up to 24 hours after the last message, then only the template', async () => {
      const waId = '51911111111';
      await exchange([say('dentro')], T0, waId);
      wa.clock.now = T0 + 24 * HOUR - 1;
      await wa.channel.sink.deliver([outbound(say('aún dentro'), waId)]);
      wa.clock.now = T0 + 24 * HOUR;
      await wa.channel.sink.deliver([outbound(say('fuera'), waId), outbound(withChoices('fuera también', ['Sí', 'No']), waId)]);
      const bodies = wa.stub.calls.map(bodyOf);
      expect(bodies.map((b) => b.type)).to.deep.equal(['text', 'text', 'template']);
      expect(bodies[1]!.text!.body).to.equal('aún dentro');
      expect(JSON.stringify(bodies[2])).not.to.include('fuera');
    });

    it('counts from when the message was written: one Meta delivers 25 hours late gets the template', async () => {
      wa.clock.now = T0 + 50 * HOUR;
      const calls = await exchange([say('respuesta tardía')], T0 + 25 * HOUR);
      expect(calls.map(bodyOf)).to.deep.equal([
        { messaging_product: 'whatsapp', recipient_type: 'individual', to: WA_ID, type: 'template', template: { name: 'faro_reengage', language: { code: 'es' } } },
      ]);
    });

    it('reopens with the next message', async () => {
      wa.clock.now = T0 + 100 * HOUR;
      const calls = await exchange([say('hola otra vez')], T0 + 100 * HOUR - 1000);
      expect(calls.map(bodyOf).map((b) => b.type)).to.deep.equal(['text']);
    });

    it('treats someone never heard from (e.g. after a restart) as outside the window', async () => {
      await wa.channel.sink.deliver([outbound(say('¿hola?'), '51900000099')]);
      expect(wa.stub.calls.map(bodyOf).map((b) => b.type)).to.deep.equal(['template']);
    });

    it('without a template, sends nothing outside the window and logs a warning', async () => {
      const own = await startWhatsApp({ turns: new ScriptedTurns(), register: () => {} });
      try {
        await own.channel.sink.deliver([outbound(say('nada'))]);
        expect(own.stub.calls).to.deep.equal([]);
        expect(own.logs.lines.at(-1)).to.deep.include({ level: 40, msg: 'outside the 24-hour window and no template configured: reply not sent' });
      } finally {
        await own.close();
      }
    });
  });
});
