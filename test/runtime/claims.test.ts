/**
 * The runtime's race paths (issue 9, bug 2), with a small fake dialog rather than Faro's: a
 * turn that claims a reference and then loses its commit must leave no orphan ticket, case or
 * sealed report, and a re-run must claim the same references, not new ones.
 */
import { expect } from 'chai';
import type { Dialog, DialogSession, TurnContext, TurnInput } from '../../src/core/dialog.ts';
import type { Effect } from '../../src/core/effect.ts';
import type { Inbound } from '../../src/core/message.ts';
import { createLogger } from '../../src/log/logger.ts';
import { TurnRuntime } from '../../src/runtime/turns.ts';
import { createMemoryStore } from '../../src/store/memory/index.ts';
import type { Store } from '../../src/store/ports.ts';
import { helpdesk } from '../../src/helpdesk/index.ts';

/** Opens one ticket ("persona"), one case ("queja") and one sealed report ("reporte") per
 * conversation; asked again, it says it has one already. */
const fakeDialog: Dialog = {
  version: 1,
  open(saved) {
    let state = (saved?.snapshot as { has: string[] } | undefined) ?? { has: [] };
    const session: DialogSession = {
      get step() {
        return 'fake';
      },
      turn(input: TurnInput, _choices, ctx: TurnContext) {
        const what = input.text ?? '';
        const effects: Effect[] = [];
        if (!state.has.includes(what)) {
          if (what === 'persona') effects.push({ type: 'ticket.open', ref: ctx.ref, reason: 'handoff', lang: 'es' });
          if (what === 'queja') effects.push({ type: 'case.open', ref: ctx.ref, caseType: 'complaint', text: 'la fila', lang: 'es' });
          if (what === 'reporte') effects.push({ type: 'psea.report', code: ctx.ref, text: 'lo que pasó', contact: 'anonymous', lang: 'es' });
          if (effects.length > 0) state = { has: [...state.has, what] };
        }
        const text = effects.length > 0 ? `ref ${ctx.ref}` : 'ya tienes uno';
        return { replies: [{ text, choices: [], step: 'fake' as never }], effects, choices: [], transcript: null };
      },
      persist: () => state,
      stop: () => undefined,
    };
    return session;
  },
};

let seeds: string[] = [];
/** References by seed (conversation|message|draw), recorded so a test can see which were drawn. */
const refOf = (seed: string) => {
  seeds.push(seed);
  const [, message, draw] = seed.split('|');
  return `${message!.toUpperCase().padEnd(3, 'X').slice(0, 3)}-${draw!.padStart(3, '0')}`;
};

function runtimeOver(store: Store) {
  const runtime = new TurnRuntime({ store, ...helpdesk(store), dialog: fakeDialog, log: createLogger('silent'), ticketRef: refOf, now: () => 1_700_000_000_000 });
  const said: string[] = [];
  runtime.register('t', { deliver: async (out) => void said.push(...out.map((o) => o.reply.text)) });
  return { runtime, said };
}

const message = (text: string, messageId: string): Inbound => ({ channel: 't', conversationId: 'c', messageId, text });

/** Two runtimes over one store, as two processes: `stale` cached the conversation before `fresh` moved it on. */
async function twoProcesses() {
  const store = createMemoryStore();
  const fresh = runtimeOver(store);
  const stale = runtimeOver(store);
  await stale.runtime.handle(message('hola', 'h0'));
  return { store, fresh, stale };
}

describe('Turn runtime: references claimed by a turn that loses its commit', () => {
  beforeEach(() => (seeds = []));

  for (const [what, list] of [
    ['persona', (s: Store) => s.tickets.list()],
    ['queja', (s: Store) => s.cases.list()],
    ['reporte', (s: Store) => s.pseaReports.list()],
  ] as const) {
    it(`"${what}" sent twice to two processes at once leaves one record, the one the person was told`, async () => {
      const { store, fresh, stale } = await twoProcesses();
      await fresh.runtime.handle(message(what, 'm1'));
      // stale's cache is behind: its turn claims a reference, loses the commit, re-runs from the
      // store (which has one already) and says so; what it claimed must go.
      await stale.runtime.handle(message(what, 'm2'));
      const records = await list(store);
      expect(records).to.have.length(1);
      const ref = (records[0] as { ref?: string; code?: string }).ref ?? (records[0] as { code: string }).code;
      expect(fresh.said.join(' ')).to.include(ref);
      expect(stale.said.at(-1)).to.equal('ya tienes uno');
    });
  }

  it('a re-run after a lost commit claims the same reference (draw unchanged), and keeps it', async () => {
    const store = createMemoryStore();
    const a = runtimeOver(store);
    const b = runtimeOver(store);
    await a.runtime.handle(message('hola', 'h0'));
    await b.runtime.handle(message('hola', 'h1')); // a is now stale
    await a.runtime.handle(message('persona', 'p1')); // loses once, re-runs, opens the ticket
    expect(seeds.filter((s) => s.includes('|p1|'))).to.deep.equal(['t:c|p1|1', 't:c|p1|1']);
    expect((await store.tickets.list()).map((t) => t.ref)).to.deep.equal(['P1X-001']);
    expect(a.said.at(-1)).to.equal('ref P1X-001');
  });

  it('a reference taken by someone else is drawn again, and the taken one is left alone', async () => {
    const store = createMemoryStore();
    await store.tickets.open({ ref: 'P1X-001', contactKey: 't:other', channel: 't', reason: 'handoff', status: 'open', lang: 'es', createdAt: 1, updatedAt: 1 });
    const { runtime, said } = runtimeOver(store);
    await runtime.handle(message('persona', 'p1'));
    expect((await store.tickets.list()).map((t) => [t.contactKey, t.ref])).to.deep.equal([
      ['t:other', 'P1X-001'],
      ['t:c', 'P1X-002'],
    ]);
    expect(said).to.deep.equal(['ref P1X-002']);
  });

  it('a claim that may have committed (an unknown failure) is kept: a lost ticket is worse than an orphan', async () => {
    const store = createMemoryStore();
    const { runtime } = runtimeOver(store);
    const commit = store.conversations.commit.bind(store.conversations);
    store.conversations.commit = async () => {
      throw new Error('connection reset');
    };
    await runtime.handle(message('persona', 'p1')).catch(() => undefined);
    store.conversations.commit = commit;
    expect((await store.tickets.list()).map((t) => t.ref)).to.deep.equal(['P1X-001']);
    await runtime.handle(message('persona', 'p1')); // redelivered: the same reference, no second ticket
    expect((await store.tickets.list()).map((t) => t.ref)).to.deep.equal(['P1X-001']);
  });

  it("never withdraws what an operator already took, nor another contact's ticket", async () => {
    const store = createMemoryStore();
    const base = { channel: 't', reason: 'handoff' as const, status: 'open' as const, lang: 'es' as const, createdAt: 1, updatedAt: 1 };
    await store.tickets.open({ ...base, ref: 'AAA-111', contactKey: 't:c' });
    await store.tickets.open({ ...base, ref: 'BBB-222', contactKey: 't:other' });
    await store.tickets.claim('AAA-111', 'op1', 2);
    await store.tickets.withdraw('AAA-111', 't:c');
    await store.tickets.withdraw('BBB-222', 't:c');
    expect((await store.tickets.list()).map((t) => t.ref)).to.deep.equal(['AAA-111', 'BBB-222']);
  });
});
