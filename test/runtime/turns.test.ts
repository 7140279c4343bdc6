import { expect } from 'chai';
import { pino } from 'pino';
import type { Inbound, Outbound } from '../../src/core/message.ts';
import { createLogger } from '../../src/log/logger.ts';
import type { OutboundSink } from '../../src/runtime/ports.ts';
import { ticketRef } from '../../src/runtime/refs.ts';
import { TurnRuntime } from '../../src/runtime/turns.ts';
import { createMemoryStore } from '../../src/store/memory/index.ts';
import type { Store } from '../../src/store/ports.ts';
import { faroDialog } from '../support/dialog.ts';
import { helpdesk } from '../../src/helpdesk/index.ts';

class CollectingSink implements OutboundSink {
  delivered: Outbound[] = [];
  async deliver(messages: Outbound[]): Promise<void> {
    this.delivered.push(...messages);
  }
  steps(): string[] {
    return this.delivered.map((m) => m.reply.step);
  }
}

/** References in tests: `ABC-<draw><conversation>` so collisions can be arranged. */
const testRef = (seed: string) => {
  const [key, , draw] = seed.split('|');
  return `ABC-${draw}${key!.slice(-2)}`;
};

function setup(store: Store = createMemoryStore(), ticketRef = testRef) {
  const sink = new CollectingSink();
  const runtime = new TurnRuntime({ store, ...helpdesk(store), dialog: faroDialog(), log: createLogger('silent'), ticketRef, now: () => 1_700_000_000_000 });
  runtime.register('test', sink);
  return { store, sink, runtime };
}

let ids = 0;
const msg = (text: string, conversationId = 'c1', messageId = `m${++ids}`): Inbound => ({ channel: 'test', conversationId, messageId, text });

describe('Turn runtime', () => {
  it('answers a redelivered message only once', async () => {
    const { runtime, sink } = setup();
    const first = await runtime.handle(msg('hola', 'c1', 'same'));
    const again = await runtime.handle(msg('hola', 'c1', 'same'));
    expect(first.duplicate).to.equal(false);
    expect(again).to.deep.equal({ duplicate: true, outbound: [] });
    expect(sink.delivered).to.have.length(1);
  });

  it('processes two messages of one conversation in arrival order, one at a time', async () => {
    const { runtime, sink } = setup();
    await Promise.all([runtime.handle(msg('hola')), runtime.handle(msg('es')), runtime.handle(msg('acepto'))]);
    expect(sink.steps()).to.deep.equal(['language', 'consent', 'menu', 'menu']);
    expect(sink.delivered.map((m) => m.seq)).to.deep.equal([1, 2, 3, 4]);
  });

  it('keeps conversations apart', async () => {
    const { runtime, sink } = setup();
    await Promise.all([runtime.handle(msg('hola', 'a')), runtime.handle(msg('hola', 'b'))]);
    await runtime.handle(msg('es', 'a'));
    expect(sink.delivered.filter((m) => m.conversationId === 'a').map((m) => m.reply.step)).to.deep.equal(['language', 'consent']);
    expect(sink.delivered.filter((m) => m.conversationId === 'b').map((m) => m.reply.step)).to.deep.equal(['language']);
  });

  it('resumes a conversation in a new runtime (restart) from the saved snapshot', async () => {
    const store = createMemoryStore();
    const before = setup(store);
    await before.runtime.handle(msg('hola'));
    await before.runtime.handle(msg('es'));
    const after = setup(store);
    await after.runtime.handle(msg('acepto'));
    expect(after.sink.steps()).to.deep.equal(['menu', 'menu']);
  });

  it('restarts politely when the saved snapshot is from another machine version', async () => {
    const { runtime, sink, store } = setup();
    await runtime.handle(msg('hola'));
    await runtime.handle(msg('es'));
    await runtime.handle(msg('acepto'));
    const saved = (await store.conversations.get('test:c1'))!;
    await store.conversations.commit({ ...saved, rev: saved.rev + 1, machineVersion: 0 });
    const fresh = setup(store);
    await fresh.runtime.handle(msg('salud'));
    expect(fresh.sink.delivered[0]?.reply.text).to.include('Actualizamos el asistente');
    expect(sink.delivered.length).to.be.greaterThan(0);
  });

  it('applies effects through the stores: consent record, contact, ticket', async () => {
    const { runtime, store, sink } = setup();
    for (const text of ['hola', 'es', 'acepto', 'hablar con una persona']) await runtime.handle(msg(text));
    const history = await store.contacts.consentHistory('test:c1');
    expect(history.map((h) => h.decision)).to.deep.equal(['accepted']);
    expect((await store.contacts.get('test:c1'))?.consent).to.equal('accepted');
    const ref = sink.delivered.at(-1)!.reply.text.match(/ABC-\w+/)![0];
    expect((await store.tickets.get(ref))?.status).to.equal('open');
  });

  it('erases the contact and its tickets when consent is withdrawn', async () => {
    const { runtime, store } = setup();
    for (const text of ['hola', 'es', 'acepto', 'persona', 'menu', 'borrar mis datos', 'si']) await runtime.handle(msg(text));
    expect(await store.contacts.get('test:c1')).to.equal(null);
    expect(await store.tickets.list()).to.deep.equal([]);
    expect((await store.contacts.consentHistory('test:c1')).map((h) => h.decision)).to.deep.equal(['accepted', 'withdrawn']);
  });

  it('persists nothing the person typed before consent', async () => {
    const { runtime, store } = setup();
    await runtime.handle(msg('hola soy Yorgelis Rangel, pasaporte 135792468'));
    await runtime.handle(msg('es'));
    await runtime.handle(msg('no acepto'));
    await runtime.handle(msg('vivo en el jirón Huallaga 456'));
    const saved = JSON.stringify(await store.conversations.get('test:c1'));
    for (const secret of ['Yorgelis', '135792468', 'Huallaga']) expect(saved).not.to.include(secret);
    expect(await store.contacts.get('test:c1')).to.equal(null);
    expect(await store.contacts.consentHistory('test:c1')).to.deep.equal([]);
  });

  it('delivers the last turn again after a crash between commit and delivery', async () => {
    const store = createMemoryStore();
    const crashing = setup(store);
    crashing.runtime.register('crashy', { deliver: () => Promise.reject(new Error('process died here')) });
    await crashing.runtime.handle({ channel: 'crashy', conversationId: 'x', messageId: 'm-x', text: 'hola' }).catch(() => undefined);
    const restarted = setup(store);
    const sink = new CollectingSink();
    restarted.runtime.register('crashy', sink);
    expect(await restarted.runtime.recover()).to.equal(1);
    expect(sink.steps()).to.deep.equal(['language']);
    expect(await restarted.runtime.recover()).to.equal(0);
    // The redelivered message is still recognised as processed.
    expect((await restarted.runtime.handle({ channel: 'crashy', conversationId: 'x', messageId: 'm-x', text: 'hola' })).duplicate).to.equal(true);
  });

  it('retries a turn when another process updated the conversation first', async () => {
    const store = createMemoryStore();
    const a = setup(store);
    const b = setup(store);
    await a.runtime.handle(msg('hola', 'shared'));
    await b.runtime.handle(msg('es', 'shared')); // b loads from the store; a's cache is now stale
    await a.runtime.handle(msg('acepto', 'shared')); // a's commit conflicts, reloads and retries
    expect(a.sink.steps()).to.deep.equal(['language', 'menu', 'menu']);
    const saved = await store.conversations.get('test:shared');
    expect(saved?.rev).to.equal(3);
    expect(saved?.seq).to.equal(4);
  });

  it('draws another ticket reference when the first is already taken by someone else', async () => {
    const clash = (seed: string) => (seed.endsWith('|1') ? 'SAM-EEE' : testRef(seed));
    const { runtime, store, sink } = setup(createMemoryStore(), clash);
    for (const id of ['p1', 'p2']) for (const text of ['hola', 'es', 'acepto', 'persona']) await runtime.handle(msg(text, id));
    const refs = (await store.tickets.list()).map((t) => [t.contactKey, t.ref]).sort();
    expect(refs).to.deep.equal([
      ['test:p1', 'SAM-EEE'],
      ['test:p2', 'ABC-2p2'],
    ]);
    expect(sink.delivered.filter((m) => m.reply.step === 'handoff.queued').map((m) => m.reply.text.match(/(SAM|ABC)-\w+/)![0])).to.deep.equal(['SAM-EEE', 'ABC-2p2']);
  });

  it('a turn re-run after a crash reuses its ticket reference (no duplicate ticket)', async () => {
    const store = createMemoryStore();
    const crashing = setup(store, ticketRef);
    crashing.runtime.register('crashy', { deliver: () => Promise.reject(new Error('died')) });
    const said = (text: string, id: string) => crashing.runtime.handle({ channel: 'crashy', conversationId: 'z', messageId: id, text }).catch(() => undefined);
    for (const [i, text] of ['hola', 'es', 'acepto'].entries()) await said(text, `z${i}`);
    // The ticket is claimed, then the commit fails (simulated by a conflicting write in between).
    const original = store.conversations.commit.bind(store.conversations);
    store.conversations.commit = async () => {
      throw new Error('crash before commit');
    };
    await said('persona', 'z3');
    store.conversations.commit = original;
    await said('persona', 'z3');
    expect((await store.tickets.list()).map((t) => t.contactKey)).to.deep.equal(['crashy:z']);
  });

  it('sends replies a failed delivery left behind with the next turn', async () => {
    const { runtime } = setup();
    const sent: Outbound[] = [];
    let failing = true;
    runtime.register('flaky', {
      deliver: async (m) => {
        if (failing) throw new Error('platform down');
        for (const x of m) if (!sent.some((s) => s.id === x.id)) sent.push(x);
      },
    });
    const said = (text: string, id: string) => runtime.handle({ channel: 'flaky', conversationId: 'f', messageId: id, text });
    await said('hola', 'f1').then(
      () => expect.fail('should have failed'),
      () => undefined,
    );
    failing = false;
    await said('es', 'f2');
    expect(sent.map((m) => m.reply.step)).to.deep.equal(['language', 'consent']);
    expect(sent.map((m) => m.seq)).to.deep.equal([1, 2]);
  });

  it('never puts a conversation key (a phone number on WhatsApp) in its logs', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    const store = createMemoryStore();
    const runtime = new TurnRuntime({ store, ...helpdesk(store), dialog: faroDialog(), log, ticketRef: testRef });
    runtime.register('whatsapp', { deliver: async () => undefined });
    await runtime.handle({ channel: 'whatsapp', conversationId: '51987654321', messageId: 'w1', text: 'hola' });
    expect(lines.join('')).to.include('turn').and.not.include('51987654321');
  });

  it('sends again when the platform redelivers a message whose reply failed', async () => {
    const { runtime } = setup();
    const sent: string[] = [];
    let failing = true;
    runtime.register('flaky', {
      deliver: async (m) => {
        if (failing) throw new Error('platform down');
        sent.push(...m.map((x) => x.reply.step));
      },
    });
    const hello = { channel: 'flaky', conversationId: 'g', messageId: 'g1', text: 'hola' };
    await runtime.handle(hello).catch(() => undefined);
    failing = false;
    expect((await runtime.handle(hello)).duplicate).to.equal(true);
    expect(sent).to.deep.equal(['language']);
  });

  it('keeps starting when one channel cannot be reached during recovery', async () => {
    const store = createMemoryStore();
    const first = setup(store);
    first.runtime.register('down', { deliver: () => Promise.reject(new Error('unreachable')) });
    await first.runtime.handle({ channel: 'down', conversationId: 'd', messageId: 'd1', text: 'hola' }).catch(() => undefined);
    await first.runtime.handle(msg('hola', 'ok')); // a healthy conversation on another channel
    const second = setup(store);
    second.runtime.register('down', { deliver: () => Promise.reject(new Error('still unreachable')) });
    expect(await second.runtime.recover()).to.equal(1); // the healthy one
    expect((await store.conversations.listUnfinished()).map((r) => r.key)).to.include('down:d');
  });

  it('files an anonymous PSEA report sealed away from the conversation and the person', async () => {
    const { runtime, store } = setup();
    for (const text of ['el de la ONG me pide fotos', 'Reportar de forma confidencial', 'Anónimo, sin contacto']) await runtime.handle(msg(text, 'p'));
    await runtime.handle(msg('el coordinador Quispe del comedor me pidió fotos íntimas', 'p'));
    await runtime.close();
    const [report, ...others] = await store.pseaReports.list();
    expect(others).to.deep.equal([]);
    expect(report).to.include({ contact: 'anonymous', text: 'el coordinador Quispe del comedor me pidió fotos íntimas' });
    expect(report).not.to.have.any.keys('contactKey', 'channel');
    const conversation = JSON.stringify(await store.conversations.get('test:p'));
    expect(conversation).not.to.include('Quispe');
    expect(await store.cases.list()).to.deep.equal([]);
    expect(await store.tickets.list()).to.deep.equal([]);
  });

  it('opens a complaint case, and erases it when consent is withdrawn', async () => {
    const { runtime, store } = setup();
    for (const text of ['hola', 'es', 'acepto', 'quiero poner una queja', 'Presentar una queja', 'no me dejaron entrar al comedor']) await runtime.handle(msg(text, 'q'));
    expect((await store.cases.list()).map((c) => [c.type, c.text, c.contactKey])).to.deep.equal([['complaint', 'no me dejaron entrar al comedor', 'test:q']]);
    for (const text of ['borrar mis datos', 'si']) await runtime.handle(msg(text, 'q'));
    expect(await store.cases.list()).to.deep.equal([]);
  });

  it('sends an operator message to a person between turns, in order, without touching the dialog', async () => {
    const { runtime, sink, store } = setup();
    await runtime.handle(msg('hola', 'op'));
    await runtime.handle(msg('es', 'op'));
    const sent = await runtime.send('test', 'op', { text: 'Hola, soy Ana del equipo.', choices: [], step: 'handoff.live' });
    expect(sent.delivered).to.equal(true);
    expect(sent.message).to.include({ seq: 3, replyTo: '' });
    await runtime.handle(msg('acepto', 'op'));
    expect(sink.delivered.map((m) => [m.seq, m.reply.step])).to.deep.equal([
      [1, 'language'],
      [2, 'consent'],
      [3, 'handoff.live'],
      [4, 'menu'],
      [5, 'menu'],
    ]);
    expect((await store.conversations.get('test:op'))?.seq).to.equal(5);
  });

  it('refuses to send on a channel that is not running', async () => {
    const { runtime } = setup();
    await runtime.handle(msg('hola', 'gone'));
    await runtime.send('telegram', 'gone', { text: 'hola', choices: [], step: 'operator' }).then(
      () => expect.fail('should have refused'),
      (err: Error) => expect(err.name).to.equal('UnknownConversationError'),
    );
  });

  it('refuses to send to a conversation that never took place', async () => {
    const { runtime } = setup();
    await runtime.send('test', 'nobody', { text: 'hola', choices: [], step: 'handoff.live' }).then(
      () => expect.fail('should have refused'),
      (err: Error) => expect(err.name).to.equal('UnknownConversationError'),
    );
  });
});
