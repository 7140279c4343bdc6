/**
 * The focal-point notification: a report filed through the real runtime and dialog reaches a
 * local webhook stub and in-process subscribers as `{event, at}` only; a slow, failing or
 * unreachable webhook, or a throwing callback, never fails the person's turn.
 */
import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { Outbound } from '../../src/core/message.ts';
import { createLogger } from '../../src/log/logger.ts';
import { ticketRef } from '../../src/runtime/refs.ts';
import { TurnRuntime } from '../../src/runtime/turns.ts';
import { createPseaNotifier, type SealedReportEvent } from '../../src/staff/pseaNotifier.ts';
import { createMemoryStore } from '../../src/store/memory/index.ts';
import { faroDialog } from '../support/dialog.ts';
import { helpdesk } from '../../src/helpdesk/index.ts';

const AT = Date.UTC(2026, 0, 10, 12);
const REPORT = ['el de la ONG me pide fotos', 'Reportar de forma confidencial', 'Anónimo, sin contacto', 'el coordinador Quispe me pidió fotos íntimas'];

interface Stub {
  url: string;
  received: { headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

async function stub(answer: (res: ServerResponse) => void): Promise<Stub> {
  const received: Stub['received'] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/psea?secret=s3cr3t`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function capture() {
  const lines: string[] = [];
  return { lines, log: pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) }) };
}

function runtimeWith(onSealedReport: (() => void) | undefined) {
  const store = createMemoryStore();
  const delivered: Outbound[] = [];
  const runtime = new TurnRuntime({ store, ...helpdesk(store), dialog: faroDialog(), log: createLogger('silent'), ticketRef, now: () => AT, ...(onSealedReport && { onSealedReport }) });
  runtime.register('test', { deliver: async (m) => void delivered.push(...m) });
  let n = 0;
  const say = async (conversationId: string, ...texts: string[]) => {
    for (const text of texts) await runtime.handle({ channel: 'test', conversationId, messageId: `m${++n}`, text });
  };
  return { store, runtime, delivered, say };
}

describe('PSEA focal-point notification', () => {
  it('posts {event, at} and nothing else to the webhook, and tells subscribers, once per report', async () => {
    const hook = await stub((res) => res.writeHead(204).end());
    const { log, lines } = capture();
    const notifier = createPseaNotifier({ log, webhookUrl: hook.url, now: () => AT });
    const events: SealedReportEvent[] = [];
    const unsubscribe = notifier.subscribe((e) => events.push(e));
    const { store, runtime, say } = runtimeWith(() => notifier.reportFiled());
    try {
      await say('q', 'hola', 'es', 'acepto', 'quiero poner una queja', 'Presentar una queja', 'no me atendieron');
      await say('p', ...REPORT);
      await notifier.idle();
      const [report] = await store.pseaReports.list();
      expect(report).to.include({ contact: 'anonymous' });

      expect(hook.received).to.have.length(1);
      const [call] = hook.received;
      expect(call!.headers['content-type']).to.equal('application/json');
      expect(JSON.parse(call!.body)).to.deep.equal({ event: 'psea.report.filed', at: new Date(AT).toISOString() });
      expect(call!.body).not.to.contain(report!.code);
      expect(call!.body).not.to.match(/Quispe|fotos|test|anonymous/);
      expect(events).to.deep.equal([{ event: 'psea.report.filed', at: new Date(AT).toISOString() }]);

      unsubscribe();
      await say('p2', ...REPORT);
      await notifier.idle();
      expect(events).to.have.length(1);
      expect(hook.received).to.have.length(2);
      expect(lines.join('')).not.to.match(/Quispe|s3cr3t|127\.0\.0\.1/);
    } finally {
      await runtime.close();
      await hook.close();
    }
  });

  it('never fails or holds up the turn: slow, failing or unreachable webhooks are logged by kind only', async () => {
    const slow = await stub(() => undefined); // never answers
    const failing = await stub((res) => res.writeHead(500).end('boom'));
    const unreachable = `http://127.0.0.1:1/hook?token=s3cr3t`;
    try {
      for (const [url, kind] of [
        [slow.url, 'timeout'],
        [failing.url, 'status'],
        [unreachable, 'network'],
      ] as const) {
        const { log, lines } = capture();
        const notifier = createPseaNotifier({ log, webhookUrl: url, timeoutMs: 150 });
        const { store, runtime, delivered, say } = runtimeWith(() => notifier.reportFiled());
        const started = Date.now();
        await say('p', ...REPORT);
        expect(Date.now() - started, 'the turn does not wait for the webhook').to.be.below(150);
        expect(delivered.at(-1)!.reply.step).to.equal('psea.done');
        expect(await store.pseaReports.count()).to.equal(1);
        await notifier.idle();
        await runtime.close();
        const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'focal-point webhook failed');
        expect(warnings, kind).to.have.length(1);
        expect(warnings[0]!.kind).to.equal(kind);
        expect(lines.join('')).not.to.match(/s3cr3t|127\.0\.0\.1|\/hooks?[/?]|Quispe|boom/);
      }
    } finally {
      await slow.close();
      await failing.close();
    }
  });

  it('keeps the turn when the callback or a subscriber throws', async () => {
    const { runtime, store, delivered, say } = runtimeWith(() => {
      throw new Error('console down');
    });
    await say('p', ...REPORT);
    expect(delivered.at(-1)!.reply.step).to.equal('psea.done');
    expect(await store.pseaReports.count()).to.equal(1);
    await runtime.close();

    const { log, lines } = capture();
    const notifier = createPseaNotifier({ log });
    const seen: string[] = [];
    notifier.subscribe(() => {
      throw new Error('bad listener');
    });
    notifier.subscribe((e) => seen.push(e.event));
    notifier.reportFiled();
    expect(seen).to.deep.equal(['psea.report.filed']);
    expect(lines.map((l) => (JSON.parse(l) as { kind: string }).kind)).to.deep.equal(['listener']);
  });

  it('refuses a webhook URL that is not http(s), without repeating it', () => {
    for (const url of ['ftp://example.org/x', 'not a url s3cr3t', 'file:///etc/passwd']) {
      let message = '';
      try {
        createPseaNotifier({ log: createLogger('silent'), webhookUrl: url });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message)
        .to.match(/PSEA_WEBHOOK_URL/)
        .and.not.to.match(/s3cr3t|passwd|ftp/);
    }
    expect(() => createPseaNotifier({ log: createLogger('silent'), webhookUrl: '' })).not.to.throw();
  });
});
