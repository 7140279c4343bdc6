/**
 * The one behaviour every Store adapter must have. Each adapter's test file calls
 * `storeContract` with a factory; every test gets a fresh, empty store.
 */
import { expect } from 'chai';
import { INTAKE_SPEC } from '../../src/core/intake.ts';
import { ConcurrentUpdateError, DuplicateKeyError, type Store } from '../../src/store/ports.ts';
import { answer, cannedResponse, caseRecord, consent, contact, conversation, outbound, pseaReport, referral, staffAccount, ticket, transcriptLine } from './fixtures.ts';

export interface OpenedStore {
  store: Store;
  /** Opens the same data again, after the suite has closed `store`. Given by durable adapters. */
  reopen?: () => Promise<Store>;
  /** Removes the data. Runs after the suite has closed every store it opened. */
  cleanup: () => Promise<void>;
}

/** Rejection reasons of settled promises, and how many fulfilled. */
async function race(writes: Promise<unknown>[]): Promise<{ won: number; errors: unknown[] }> {
  const results = await Promise.allSettled(writes);
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  return { won: results.length - errors.length, errors };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** What a port returns is plain JSON: nothing storage-only (`_id`, `__v`), no undefined field, no class instance. */
function expectPlainJson(value: unknown): void {
  expect(value).to.deep.equal(JSON.parse(JSON.stringify(value)));
  expect(JSON.stringify(value)).to.not.match(/"(_id|__v)"/);
}

/** The fixtures' epoch (see fixtures.ts): times in ticket tests are offsets from it. */
const T = 1_700_000_000_000;

export function storeContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`Store contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: Store;

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await store.close();
      await opened.cleanup();
    });

    describe('conversations', () => {
      it('returns null for an unknown key', async () => {
        expect(await store.conversations.get('webchat:nobody')).to.equal(null);
      });

      it('saves a first record at rev 1 and each next rev after it', async () => {
        for (let rev = 1; rev <= 3; rev++) await store.conversations.commit(conversation('webchat:a', rev));
        expect(await store.conversations.get('webchat:a')).to.deep.equal(conversation('webchat:a', 3));
      });

      it('rejects a stale, skipped or orphan rev with ConcurrentUpdateError and keeps the stored record', async () => {
        await store.conversations.commit(conversation('webchat:a', 1));
        await store.conversations.commit(conversation('webchat:a', 2));
        for (const rev of [2, 1, 4]) {
          const error = await rejection(store.conversations.commit(conversation('webchat:a', rev, { seq: 99 })));
          expect(error, `rev ${rev}`).to.be.instanceOf(ConcurrentUpdateError);
        }
        expect(await rejection(store.conversations.commit(conversation('webchat:never', 2)))).to.be.instanceOf(ConcurrentUpdateError);
        expect(await store.conversations.get('webchat:a')).to.deep.equal(conversation('webchat:a', 2));
        expect(await store.conversations.get('webchat:never')).to.equal(null);
      });

      it('rejects rev 0 or below as a caller bug, not a conflict', async () => {
        const error = await rejection(store.conversations.commit(conversation('webchat:a', 0)));
        expect(error).to.be.instanceOf(RangeError);
      });

      it('lets exactly one of two concurrent first inserts win', async () => {
        const { won, errors } = await race([store.conversations.commit(conversation('webchat:a', 1, { seq: 10 })), store.conversations.commit(conversation('webchat:a', 1, { seq: 20 }))]);
        expect(won).to.equal(1);
        expect(errors[0]).to.be.instanceOf(ConcurrentUpdateError);
        expect([10, 20]).to.include((await store.conversations.get('webchat:a'))?.seq);
      });

      it('lets exactly one of several commits with the same expected rev win', async () => {
        await store.conversations.commit(conversation('webchat:a', 1));
        const seqs = [11, 12, 13, 14, 15];
        const { won, errors } = await race(seqs.map((seq) => store.conversations.commit(conversation('webchat:a', 2, { seq }))));
        expect(won).to.equal(1);
        expect(errors).to.have.length(4);
        for (const error of errors) expect(error).to.be.instanceOf(ConcurrentUpdateError);
        const stored = await store.conversations.get('webchat:a');
        expect(stored?.rev).to.equal(2);
        expect(seqs).to.include(stored?.seq);
      });

      it('keeps conversations apart', async () => {
        await store.conversations.commit(conversation('webchat:a', 1));
        await store.conversations.commit(conversation('telegram:a', 1, { channel: 'telegram' }));
        await store.conversations.commit(conversation('webchat:a', 2));
        expect((await store.conversations.get('telegram:a'))?.rev).to.equal(1);
      });

      it('lists only records with an outbox or pending effects', async () => {
        const key = 'webchat:busy';
        await store.conversations.commit(conversation(key, 1, { outbox: [outbound(key, 1)] }));
        await store.conversations.commit(conversation('webchat:effects', 1, { pendingEffects: [{ type: 'data.erase' }] }));
        await store.conversations.commit(conversation('webchat:idle', 1));
        const keys = (await store.conversations.listUnfinished()).map((r) => r.key).sort();
        expect(keys).to.deep.equal(['webchat:busy', 'webchat:effects']);

        await store.conversations.commit(conversation(key, 2));
        const after = await store.conversations.listUnfinished();
        expect(after.map((r) => r.key)).to.deep.equal(['webchat:effects']);
        expect(after[0]).to.deep.equal(conversation('webchat:effects', 1, { pendingEffects: [{ type: 'data.erase' }] }));
      });

      it('deletes a record, after which the key starts again at rev 1', async () => {
        await store.conversations.commit(conversation('webchat:a', 1, { outbox: [outbound('webchat:a', 1)] }));
        await store.conversations.commit(conversation('webchat:a', 2, { outbox: [outbound('webchat:a', 2)] }));
        await store.conversations.delete('webchat:a');
        await store.conversations.delete('webchat:unknown');
        expect(await store.conversations.get('webchat:a')).to.equal(null);
        expect(await store.conversations.listUnfinished()).to.deep.equal([]);
        await store.conversations.commit(conversation('webchat:a', 1));
        expect((await store.conversations.get('webchat:a'))?.rev).to.equal(1);
      });

      it('round-trips any JSON snapshot: dotted keys, empty objects, nulls, unicode', async () => {
        const snapshot = {
          status: 'active',
          value: { intake: 'age' },
          historyValue: { 'faro.intake.hist': [{ id: 'faro.intake.age' }] },
          context: { empty: {}, list: [], nothing: null, deep: { a: [1, 2.5, { b: false }] }, text: 'ñandú 🙂 "quoted"\n' },
        };
        const record = conversation('webchat:a', 1, { snapshot, choices: [{ action: 'yes', title: 'Sí' }] });
        await store.conversations.commit(record);
        expect(await store.conversations.get('webchat:a')).to.deep.equal(record);
      });

      it('shares no object with its callers', async () => {
        const record = conversation('webchat:a', 1, { outbox: [outbound('webchat:a', 1)] });
        const expected = structuredClone(record);
        await store.conversations.commit(record);
        record.recentMessageIds.push('mutated-after-commit');
        (record.snapshot as { value: unknown }).value = 'mutated';

        const read = await store.conversations.get('webchat:a');
        expect(read).to.deep.equal(expected);
        read!.outbox[0]!.reply.text = 'mutated-after-read';
        read!.choices.push({ action: 'x', title: 'x' });
        expect(await store.conversations.get('webchat:a')).to.deep.equal(expected);
        const [listed] = await store.conversations.listUnfinished();
        listed!.outbox.length = 0;
        expect(await store.conversations.get('webchat:a')).to.deep.equal(expected);
      });
    });

    describe('contacts', () => {
      it('records a consent decision once per (contact, message)', async () => {
        await store.contacts.recordConsent(consent('webchat:p', 'm1', 1));
        await store.contacts.recordConsent(consent('webchat:p', 'm1', 2, { decision: 'declined' }));
        await Promise.all([1, 2, 3].map(() => store.contacts.recordConsent(consent('webchat:p', 'm2', 5))));
        expect(await store.contacts.consentHistory('webchat:p')).to.deep.equal([consent('webchat:p', 'm1', 1), consent('webchat:p', 'm2', 5)]);
      });

      it('returns consent history oldest first, for that contact only', async () => {
        await store.contacts.recordConsent(consent('webchat:p', 'm3', 30, { decision: 'withdrawn' }));
        await store.contacts.recordConsent(consent('webchat:p', 'm1', 10));
        await store.contacts.recordConsent(consent('webchat:other', 'm1', 15));
        await store.contacts.recordConsent(consent('webchat:p', 'm2', 20, { decision: 'declined' }));
        const history = await store.contacts.consentHistory('webchat:p');
        expect(history.map((c) => [c.messageId, c.decision])).to.deep.equal([
          ['m1', 'accepted'],
          ['m2', 'declined'],
          ['m3', 'withdrawn'],
        ]);
        expect(await store.contacts.consentHistory('webchat:nobody')).to.deep.equal([]);
      });

      it('creates and updates a contact, keeping its intake when none is given', async () => {
        expect(await store.contacts.get('webchat:p')).to.equal(null);
        await store.contacts.upsert(contact('webchat:p'));
        expect(await store.contacts.get('webchat:p')).to.deep.equal(contact('webchat:p'));

        const intake = { ageGroup: '18-29', gender: 'f', needs: ['health', 'housing'] };
        await store.contacts.saveIntake('webchat:p', intake, 5);
        expect(await store.contacts.get('webchat:p')).to.deep.equal(contact('webchat:p', { intake, updatedAt: 5 }));

        await store.contacts.upsert(contact('webchat:p', { lang: 'en', updatedAt: 6 }));
        expect(await store.contacts.get('webchat:p')).to.deep.equal(contact('webchat:p', { lang: 'en', intake, updatedAt: 6 }));

        const replaced = { region: 'Lima', nationality: 'otra: Haití' };
        await store.contacts.saveIntake('webchat:p', replaced, 7);
        expect((await store.contacts.get('webchat:p'))?.intake).to.deep.equal(replaced);
      });

      it('keeps every field of the intake spec, so a new question is stored by every adapter', async () => {
        // Built from the spec: a field added there is checked here too (MongoDB's strict mode
        // once dropped a field its hand-written schema did not list).
        const intake = Object.fromEntries(INTAKE_SPEC.map((f) => [f.field, f.kind === 'codes' ? [...f.codes] : f.kind === 'code' ? f.codes[0] : 'escrito a mano']));
        await store.contacts.upsert(contact('webchat:p'));
        await store.contacts.saveIntake('webchat:p', intake, 5);
        expect((await store.contacts.get('webchat:p'))?.intake).to.deep.equal(intake);
      });

      it('never stores an intake without a contact', async () => {
        await store.contacts.saveIntake('webchat:ghost', { ageGroup: '18-29' }, 1);
        expect(await store.contacts.get('webchat:ghost')).to.equal(null);
      });

      it('erases contact and intake but keeps the consent history', async () => {
        await store.contacts.recordConsent(consent('webchat:p', 'm1', 1));
        await store.contacts.upsert(contact('webchat:p'));
        await store.contacts.saveIntake('webchat:p', { ageGroup: '30-39' }, 2);
        await store.contacts.recordConsent(consent('webchat:p', 'm2', 3, { decision: 'withdrawn' }));
        await store.contacts.erase('webchat:p');
        await store.contacts.erase('webchat:p'); // erasing twice is fine (effects may be re-applied)
        expect(await store.contacts.get('webchat:p')).to.equal(null);
        expect((await store.contacts.consentHistory('webchat:p')).map((c) => c.decision)).to.deep.equal(['accepted', 'withdrawn']);
        // A re-applied intake.save after the erasure must not bring the data back.
        await store.contacts.saveIntake('webchat:p', { ageGroup: '30-39' }, 4);
        expect(await store.contacts.get('webchat:p')).to.equal(null);
      });

      it('shares no object with its callers', async () => {
        const intake = { needs: ['health'] };
        await store.contacts.upsert(contact('webchat:p', { intake }));
        intake.needs.push('mutated');
        const read = await store.contacts.get('webchat:p');
        read!.intake!.needs!.push('mutated-after-read');
        expect((await store.contacts.get('webchat:p'))?.intake).to.deep.equal({ needs: ['health'] });
      });
    });

    describe('tickets', () => {
      it('opens a ticket once per ref', async () => {
        await store.tickets.open(ticket('K7P-4QM', 'webchat:p', 1));
        await store.tickets.open(ticket('K7P-4QM', 'webchat:p', 2, { status: 'closed' }));
        await Promise.all([1, 2].map(() => store.tickets.open(ticket('R2D-2QQ', 'webchat:p', 3))));
        expect(await store.tickets.get('K7P-4QM')).to.deep.equal(ticket('K7P-4QM', 'webchat:p', 1));
        expect(await store.tickets.list()).to.have.length(2);
        expect(await store.tickets.get('NOP-E00')).to.equal(null);
      });

      it("refuses another contact's ref with DuplicateKeyError", async () => {
        await store.tickets.open(ticket('K7P-4QM', 'webchat:p', 1));
        const error = await rejection(store.tickets.open(ticket('K7P-4QM', 'telegram:q', 2)));
        expect(error).to.be.instanceOf(DuplicateKeyError);
        expect((await store.tickets.get('K7P-4QM'))?.contactKey).to.equal('webchat:p');
      });

      it("withdraws a contact's own untouched ticket only (a turn that lost its commit)", async () => {
        for (const [ref, key] of [
          ['A11-111', 'webchat:p'],
          ['B22-222', 'webchat:p'],
          ['C33-333', 'webchat:p'],
          ['D44-444', 'webchat:q'],
        ] as const)
          await store.tickets.open(ticket(ref, key, 1));
        await store.tickets.claim('B22-222', 'op1', 2);
        await store.tickets.addNote('C33-333', { staffId: 'op1', at: 3, text: 'llamar' });
        for (const ref of ['A11-111', 'B22-222', 'C33-333', 'D44-444', 'NOP-E00']) await store.tickets.withdraw(ref, 'webchat:p');
        expect((await store.tickets.list()).map((t) => t.ref)).to.deep.equal(['B22-222', 'C33-333', 'D44-444']);
      });

      it('lists oldest first, optionally by status', async () => {
        await store.tickets.open(ticket('C', 'webchat:p', 3, { status: 'closed', topic: 'health' }));
        await store.tickets.open(ticket('A', 'webchat:q', 1));
        await store.tickets.open(ticket('B', 'webchat:r', 2, { status: 'claimed', reason: 'psea' }));
        await store.tickets.open(ticket('D', 'webchat:s', 4));
        expect((await store.tickets.list()).map((t) => t.ref)).to.deep.equal(['A', 'B', 'C', 'D']);
        expect((await store.tickets.list({ status: 'open' })).map((t) => t.ref)).to.deep.equal(['A', 'D']);
        expect(await store.tickets.list({ status: 'closed' })).to.deep.equal([ticket('C', 'webchat:p', 3, { status: 'closed', topic: 'health' })]);
        expect(await store.tickets.list({})).to.have.length(4);
      });

      it("erases one contact's tickets only", async () => {
        await store.tickets.open(ticket('A', 'webchat:p', 1));
        await store.tickets.open(ticket('B', 'webchat:q', 2));
        await store.tickets.open(ticket('C', 'webchat:p', 3, { reason: 'intake' }));
        await store.tickets.eraseByContact('webchat:p');
        await store.tickets.eraseByContact('webchat:nobody');
        expect((await store.tickets.list()).map((t) => t.ref)).to.deep.equal(['B']);
      });

      it('claims an open ticket; claiming it again as the holder changes nothing', async () => {
        await store.tickets.open(ticket('A', 'webchat:p', 1));
        const claimed = ticket('A', 'webchat:p', 1, { status: 'claimed', claimedBy: 'op1', claimedAt: T + 10, updatedAt: T + 10 });
        expect(await store.tickets.claim('A', 'op1', T + 10)).to.deep.equal({ ok: true, ticket: claimed });
        expect(await store.tickets.get('A')).to.deep.equal(claimed);
        expect(await store.tickets.claim('A', 'op1', T + 20)).to.deep.equal({ ok: true, ticket: claimed });
        expect(await store.tickets.claim('A', 'op2', T + 30)).to.deep.equal({ ok: false, reason: 'claimed', ticket: claimed });
        expect(await store.tickets.claim('NOP', 'op1', T)).to.deep.equal({ ok: false, reason: 'not_found' });
        expect(await store.tickets.get('NOP')).to.equal(null);
        // Opening the same ref again (a re-applied effect) does not undo the claim.
        await store.tickets.open(ticket('A', 'webchat:p', 1));
        expect(await store.tickets.get('A')).to.deep.equal(claimed);
      });

      it('lets exactly one of concurrent claims win', async () => {
        await store.tickets.open(ticket('A', 'webchat:p', 1));
        const staff = ['op1', 'op2', 'op3', 'op4', 'op5'];
        const results = await Promise.all(staff.map((id, i) => store.tickets.claim('A', id, T + 10 + i)));
        const winners = results.filter((r) => r.ok);
        expect(winners).to.have.length(1);
        const holder = (await store.tickets.get('A'))!;
        expect(holder.status).to.equal('claimed');
        expect(winners[0]).to.deep.equal({ ok: true, ticket: holder });
        for (const r of results.filter((r) => !r.ok)) expect(r).to.deep.equal({ ok: false, reason: 'claimed', ticket: holder });
        expect(staff.indexOf(holder.claimedBy!)).to.equal(holder.claimedAt! - T - 10);
      });

      it('closes an open or claimed ticket once, keeping the claim; a closed ticket cannot be claimed', async () => {
        await store.tickets.open(ticket('A', 'webchat:p', 1));
        await store.tickets.open(ticket('B', 'webchat:q', 2));
        await store.tickets.claim('B', 'op1', T + 10);
        const closedA = ticket('A', 'webchat:p', 1, { status: 'closed', closedBy: 'op2', closedAt: T + 20, outcome: 'duplicate', updatedAt: T + 20 });
        expect(await store.tickets.close('A', 'op2', 'duplicate', T + 20)).to.deep.equal({ ok: true, ticket: closedA });
        const closedB = ticket('B', 'webchat:q', 2, {
          status: 'closed',
          claimedBy: 'op1',
          claimedAt: T + 10,
          closedBy: 'op1',
          closedAt: T + 30,
          outcome: 'resolved',
          updatedAt: T + 30,
        });
        const results = await Promise.all(['op1', 'sup'].map((id) => store.tickets.close('B', id, 'resolved', T + 30)));
        expect(results.filter((r) => r.ok)).to.have.length(1);
        const stored = await store.tickets.get('B');
        expect(stored).to.deep.equal({ ...closedB, closedBy: stored!.closedBy });
        expect(await store.tickets.close('A', 'op1', 'other', T + 40)).to.deep.equal({ ok: false, reason: 'closed', ticket: closedA });
        expect(await store.tickets.claim('A', 'op1', T + 40)).to.deep.equal({ ok: false, reason: 'closed', ticket: closedA });
        expect(await store.tickets.close('NOP', 'op1', 'other', T)).to.deep.equal({ ok: false, reason: 'not_found' });
        expect((await store.tickets.list({ status: 'closed' })).map((t) => t.ref)).to.deep.equal(['A', 'B']);
      });

      it('appends notes in order, in any status, exactly as written; erasing the tickets erases them', async () => {
        const text = 'Llamar mañana 😞\n<script>alert("x")</script> & $where: {"a.b": 1}';
        await store.tickets.open(ticket('A', 'webchat:p', 1));
        expect(await store.tickets.addNote('A', { staffId: 'op1', text, at: T + 10 })).to.deep.equal(ticket('A', 'webchat:p', 1, { notes: [{ staffId: 'op1', text, at: T + 10 }], updatedAt: T + 10 }));
        await store.tickets.close('A', 'op1', 'referred', T + 20);
        await Promise.all([store.tickets.addNote('A', { staffId: 'op2', text: 'b', at: T + 30 }), store.tickets.addNote('A', { staffId: 'op3', text: 'c', at: T + 30 })]);
        const stored = (await store.tickets.get('A'))!;
        expect(stored.notes!.map((n) => n.text).slice(0, 1)).to.deep.equal([text]);
        expect(
          stored
            .notes!.map((n) => n.text)
            .slice(1)
            .sort(),
        ).to.deep.equal(['b', 'c']);
        expect(stored).to.include({ status: 'closed', outcome: 'referred', updatedAt: T + 30 });
        expect(await store.tickets.addNote('NOP', { staffId: 'op1', text: 'x', at: T })).to.equal(null);
        await store.tickets.eraseByContact('webchat:p');
        expect(await store.tickets.get('A')).to.equal(null);
      });

      it('shares no ticket or note object with its callers', async () => {
        await store.tickets.open(ticket('A', 'webchat:p', 1));
        const note = { staffId: 'op1', text: 'nota', at: T + 1 };
        const added = await store.tickets.addNote('A', note);
        note.text = 'mutated';
        added!.notes![0]!.text = 'mutated-after-add';
        const claim = await store.tickets.claim('A', 'op1', T + 2);
        if (claim.ok) claim.ticket.claimedBy = 'someone-else';
        expect(await store.tickets.get('A')).to.deep.equal(
          ticket('A', 'webchat:p', 1, { status: 'claimed', claimedBy: 'op1', claimedAt: T + 2, updatedAt: T + 2, notes: [{ staffId: 'op1', text: 'nota', at: T + 1 }] }),
        );
      });

      it('keeps claims, notes and outcomes across close and reopen (durable adapters)', async function () {
        const { reopen } = opened;
        if (!reopen) return this.skip();
        await store.tickets.open(ticket('A', 'webchat:p', 1));
        await store.tickets.open(ticket('B', 'webchat:q', 2));
        await store.tickets.claim('A', 'op1', T + 10);
        await store.tickets.addNote('A', { staffId: 'op1', text: 'nota', at: T + 11 });
        await store.tickets.close('B', 'op2', 'no_response', T + 12);
        const before = await store.tickets.list();
        await store.close();
        store = await reopen();
        expect(await store.tickets.list()).to.deep.equal(before);
        expect(before[0]).to.include({ status: 'claimed', claimedBy: 'op1' });
        // The compare-and-set carries over.
        expect(await store.tickets.claim('A', 'op2', T + 20)).to.include({ ok: false, reason: 'claimed' });
        expect(await store.tickets.claim('B', 'op2', T + 20)).to.include({ ok: false, reason: 'closed' });
      });
    });

    describe('tickets.rate', () => {
      it('stores the rating and updatedAt in any status; a new rating replaces the old one whole', async () => {
        await store.tickets.open(ticket('A', 'webchat:p', 1));
        await store.tickets.close('A', 'op1', 'resolved', T + 10);
        const first = await store.tickets.rate('A', { score: 2, comment: 'Tardaron mucho 😞', at: T + 20 });
        expect(first).to.deep.equal({
          ...ticket('A', 'webchat:p', 1, { status: 'closed', closedBy: 'op1', closedAt: T + 10, outcome: 'resolved' }),
          rating: { score: 2, comment: 'Tardaron mucho 😞', at: T + 20 },
          updatedAt: T + 20,
        });
        // An undefined comment is no comment, and the earlier one does not survive.
        const second = await store.tickets.rate('A', { score: 5, comment: undefined, at: T + 30 });
        expect(second?.rating).to.deep.equal({ score: 5, at: T + 30 });
        expect(await store.tickets.get('A')).to.deep.equal(second);
        expectPlainJson(second);
        expect((await store.tickets.list())[0]?.rating).to.deep.equal({ score: 5, at: T + 30 });
      });

      it('answers null for an unknown ref and creates nothing', async () => {
        expect(await store.tickets.rate('NOP', { score: 3, at: T })).to.equal(null);
        expect(await store.tickets.get('NOP')).to.equal(null);
      });
    });

    describe('transcripts', () => {
      const p = 'webchat:p';
      const line = transcriptLine;

      it('stores a line once per id: a re-applied batch, a batch mixing known and new lines, racing appends', async () => {
        await store.transcripts.append([line(p, 1, 0, { from: 'person' }), line(p, 1, 1)]);
        await store.transcripts.append([line(p, 1, 0, { from: 'person' }), line(p, 1, 1)]);
        // A known id keeps what was stored first, even if the repeat says something else.
        await store.transcripts.append([line(p, 1, 1, { text: 'otro' }), line(p, 2, 0, { from: 'person' }), line(p, 2, 1)]);
        await Promise.all([1, 2, 3].map(() => store.transcripts.append([line(p, 3, 0), line(p, 3, 1)])));
        await store.transcripts.append([line(p, 4, 0), line(p, 4, 0)]);
        await store.transcripts.append([]);
        const listed = await store.transcripts.list(p);
        expect(listed.map((l) => l.id)).to.deep.equal([1, 2, 3, 4].flatMap((rev) => (rev === 4 ? [`${p}#4.0`] : [`${p}#${rev}.0`, `${p}#${rev}.1`])));
        expect(listed[1]).to.deep.equal(line(p, 1, 1));
      });

      it('lists in conversation order: rev, then n', async () => {
        await store.transcripts.append([line(p, 10, 1), line(p, 10, 0, { from: 'person' })]);
        await store.transcripts.append([line(p, 2, 2), line(p, 9, 0), line(p, 2, 10), line(p, 2, 0)]);
        expect((await store.transcripts.list(p)).map((l) => [l.rev, l.n])).to.deep.equal([
          [2, 0],
          [2, 2],
          [2, 10],
          [9, 0],
          [10, 0],
          [10, 1],
        ]);
        expect(await store.transcripts.list('webchat:nobody')).to.deep.equal([]);
      });

      it('returns the newest `limit` lines, oldest first; 500 by default; a limit below 1 is a RangeError', async () => {
        await store.transcripts.append(Array.from({ length: 6 }, (_, i) => line(p, 1 + Math.floor(i / 2), i % 2)));
        expect((await store.transcripts.list(p, { limit: 3 })).map((l) => l.id)).to.deep.equal([`${p}#2.1`, `${p}#3.0`, `${p}#3.1`]);
        expect(await store.transcripts.list(p, { limit: 100 })).to.have.length(6);
        for (const limit of [0, -1, 1.5]) expect(await rejection(store.transcripts.list(p, { limit })), `limit ${limit}`).to.be.instanceOf(RangeError);
        const many = Array.from({ length: 503 }, (_, i) => line('webchat:long', i + 1, 0));
        await store.transcripts.append(many);
        const newest = await store.transcripts.list('webchat:long');
        expect(newest).to.have.length(500);
        expect([newest[0]?.rev, newest[499]?.rev]).to.deep.equal([4, 503]);
      });

      it('keeps every kind of line exactly as written, as plain JSON', async () => {
        const lines = [
          line(p, 1, 0, { from: 'person', text: '' }),
          line(p, 1, 1, { text: 'Hola 👋\n<b>"x"</b> & $where: {"a.b": 1}' }),
          line(p, 2, 0, { id: `${p}#op#1`, from: 'operator', staffId: 'op1', text: 'Te llamo mañana' }),
          line(p, 2, 1, { staffId: undefined }),
        ];
        await store.transcripts.append(lines);
        const listed = await store.transcripts.list(p);
        expect(listed).to.deep.equal([lines[0], lines[1], lines[2], line(p, 2, 1)]);
        expectPlainJson(listed);
      });

      it("erases one contact's lines only", async () => {
        await store.transcripts.append([line(p, 1, 0), line('webchat:q', 1, 0), line(p, 2, 0)]);
        await store.transcripts.eraseByContact(p);
        await store.transcripts.eraseByContact('webchat:nobody');
        expect(await store.transcripts.list(p)).to.deep.equal([]);
        expect(await store.transcripts.list('webchat:q')).to.deep.equal([line('webchat:q', 1, 0)]);
      });

      it('shares no object with its callers', async () => {
        const lines = [line(p, 1, 0)];
        await store.transcripts.append(lines);
        lines[0]!.text = 'mutated';
        const [read] = await store.transcripts.list(p);
        read!.text = 'mutated-after-read';
        expect(await store.transcripts.list(p)).to.deep.equal([line(p, 1, 0)]);
      });
    });

    describe('cannedResponses', () => {
      it('creates once per id: a taken id is a DuplicateKeyError, also when they race', async () => {
        await store.cannedResponses.create(cannedResponse('c1', 'es', 'Saludo'));
        expect(await rejection(store.cannedResponses.create(cannedResponse('c1', 'en', 'Greeting')))).to.be.instanceOf(DuplicateKeyError);
        const { won, errors } = await race([1, 2, 3].map((i) => store.cannedResponses.create(cannedResponse('c2', 'es', `Cita ${i}`))));
        expect(won).to.equal(1);
        for (const error of errors) expect(error).to.be.instanceOf(DuplicateKeyError);
        const stored = await store.cannedResponses.get('c1');
        expect(stored).to.deep.equal(cannedResponse('c1', 'es', 'Saludo'));
        expectPlainJson(stored);
        expect(await store.cannedResponses.get('nope')).to.equal(null);
      });

      it('lists by lang, then title whatever its case, then id', async () => {
        for (const [id, lang, title] of [
          ['5', 'es', 'beta'],
          ['4', 'en', 'Zeta'],
          ['3', 'es', 'Alfa'],
          ['2', 'es', 'alfa'],
          ['1', 'en', 'apple'],
        ] as const) {
          await store.cannedResponses.create(cannedResponse(id, lang, title));
        }
        expect((await store.cannedResponses.list()).map((c) => c.id)).to.deep.equal(['1', '4', '2', '3', '5']);
      });

      it('updates the given fields and updatedAt, nothing else; null for an unknown id', async () => {
        await store.cannedResponses.create(cannedResponse('c1', 'es', 'Saludo'));
        const full = await store.cannedResponses.update('c1', { lang: 'en', title: 'Greeting', text: 'Hello' }, T + 10);
        expect(full).to.deep.equal(cannedResponse('c1', 'en', 'Greeting', { text: 'Hello', updatedAt: T + 10 }));
        const partial = await store.cannedResponses.update('c1', { text: 'Hi there', title: undefined }, T + 20);
        expect(partial).to.deep.equal(cannedResponse('c1', 'en', 'Greeting', { text: 'Hi there', updatedAt: T + 20 }));
        // Fields outside the three are not the caller's to change, whatever arrives at run time.
        const sneaky = { text: 'x', id: 'c9', createdBy: 'intruder' } as Parameters<Store['cannedResponses']['update']>[1];
        await store.cannedResponses.update('c1', sneaky, T + 30);
        expect(await store.cannedResponses.get('c1')).to.deep.equal(cannedResponse('c1', 'en', 'Greeting', { text: 'x', updatedAt: T + 30 }));
        expect(await store.cannedResponses.update('nope', { text: 'x' }, T)).to.equal(null);
        expect(await store.cannedResponses.get('nope')).to.equal(null);
      });

      it('deletes: true when it existed, false when not', async () => {
        await store.cannedResponses.create(cannedResponse('c1', 'es', 'Saludo'));
        await store.cannedResponses.create(cannedResponse('c2', 'es', 'Despedida'));
        expect(await store.cannedResponses.delete('c1')).to.equal(true);
        expect(await store.cannedResponses.delete('c1')).to.equal(false);
        expect(await store.cannedResponses.get('c1')).to.equal(null);
        expect((await store.cannedResponses.list()).map((c) => c.id)).to.deep.equal(['c2']);
        // The id is free again.
        await store.cannedResponses.create(cannedResponse('c1', 'en', 'Hello'));
      });

      it('shares no object with its callers', async () => {
        await store.cannedResponses.create(cannedResponse('c1', 'es', 'Saludo'));
        const [listed] = await store.cannedResponses.list();
        listed!.title = 'mutated';
        expect(await store.cannedResponses.get('c1')).to.deep.equal(cannedResponse('c1', 'es', 'Saludo'));
      });
    });

    describe('referrals', () => {
      it('creates once per id (a taken id is a DuplicateKeyError) and keeps optional fields absent', async () => {
        const full = referral('R1', 'K7P', 'webchat:p', 1, { service: 'salud mental', note: 'Llamar antes 📞' });
        await store.referrals.create(full);
        expect(await rejection(store.referrals.create(referral('R1', 'OTHER', 'webchat:q', 2)))).to.be.instanceOf(DuplicateKeyError);
        await store.referrals.create(referral('R2', 'K7P', 'webchat:p', 2, { service: undefined }));
        expect(await store.referrals.get('R1')).to.deep.equal(full);
        const bare = await store.referrals.get('R2');
        expect(bare).to.deep.equal(referral('R2', 'K7P', 'webchat:p', 2));
        expectPlainJson(bare);
        expect(await store.referrals.get('nope')).to.equal(null);
      });

      it("lists a ticket's referrals oldest first, id breaking ties", async () => {
        await store.referrals.create(referral('R3', 'K7P', 'webchat:p', 5));
        await store.referrals.create(referral('R2', 'K7P', 'webchat:p', 1));
        await store.referrals.create(referral('R9', 'OTHER', 'webchat:q', 0));
        await store.referrals.create(referral('R1', 'K7P', 'webchat:p', 5));
        expect((await store.referrals.listByTicket('K7P')).map((r) => r.id)).to.deep.equal(['R2', 'R1', 'R3']);
        expect(await store.referrals.listByTicket('NOP')).to.deep.equal([]);
      });

      it('moves a referral on, growing its history; a stale `from` is a conflict; an unknown id not_found', async () => {
        await store.referrals.create(referral('R1', 'K7P', 'webchat:p', 1));
        const accepted = await store.referrals.setStatus('R1', 'sent', 'accepted', 'op2', T + 10);
        const expected = referral('R1', 'K7P', 'webchat:p', 1, {
          status: 'accepted',
          updatedAt: T + 10,
          history: [
            { status: 'sent', by: 'op1', at: T + 1 },
            { status: 'accepted', by: 'op2', at: T + 10 },
          ],
        });
        expect(accepted).to.deep.equal({ ok: true, referral: expected });
        expect(await store.referrals.get('R1')).to.deep.equal(expected);
        expect(await store.referrals.setStatus('R1', 'sent', 'declined', 'op3', T + 20)).to.deep.equal({ ok: false, reason: 'conflict', referral: expected });
        const done = await store.referrals.setStatus('R1', 'accepted', 'done', 'op2', T + 30);
        expect(done.ok && done.referral.history.map((h) => h.status)).to.deep.equal(['sent', 'accepted', 'done']);
        expect(await store.referrals.get('R1')).to.deep.equal(done.ok && done.referral);
        expectPlainJson(done);
        expect(await store.referrals.setStatus('nope', 'sent', 'accepted', 'op1', T)).to.deep.equal({ ok: false, reason: 'not_found' });
        expect(await store.referrals.get('nope')).to.equal(null);
      });

      it('lets exactly one of concurrent changes from the same status win; the other sees the winner', async () => {
        for (let round = 0; round < 5; round++) {
          const id = `R${round}`;
          await store.referrals.create(referral(id, 'K7P', 'webchat:p', round));
          const results = await Promise.all([store.referrals.setStatus(id, 'sent', 'accepted', 'op1', T + 10), store.referrals.setStatus(id, 'sent', 'declined', 'op2', T + 10)]);
          const now = (await store.referrals.get(id))!;
          expect(
            results.filter((r) => r.ok),
            `round ${round}`,
          ).to.deep.equal([{ ok: true, referral: now }]);
          expect(results.filter((r) => !r.ok)).to.deep.equal([{ ok: false, reason: 'conflict', referral: now }]);
          expect(now.history).to.have.length(2);
        }
      });

      it("erases one contact's referrals only", async () => {
        await store.referrals.create(referral('R1', 'K7P', 'webchat:p', 1));
        await store.referrals.create(referral('R2', 'K8Q', 'webchat:q', 2));
        await store.referrals.create(referral('R3', 'K7P', 'webchat:p', 3));
        await store.referrals.eraseByContact('webchat:p');
        await store.referrals.eraseByContact('webchat:nobody');
        expect(await store.referrals.get('R1')).to.equal(null);
        expect(await store.referrals.listByTicket('K7P')).to.deep.equal([]);
        expect(await store.referrals.listByTicket('K8Q')).to.deep.equal([referral('R2', 'K8Q', 'webchat:q', 2)]);
      });

      it('shares no object with its callers', async () => {
        const created = referral('R1', 'K7P', 'webchat:p', 1);
        await store.referrals.create(created);
        created.history.push({ status: 'done', by: 'x', at: 0 });
        const change = await store.referrals.setStatus('R1', 'sent', 'accepted', 'op2', T + 10);
        if (change.ok) change.referral.history.length = 0;
        const [listed] = await store.referrals.listByTicket('K7P');
        listed!.status = 'done';
        expect((await store.referrals.get('R1'))?.history.map((h) => h.status)).to.deep.equal(['sent', 'accepted']);
      });
    });

    it('keeps ratings, transcripts, canned responses and referrals across close and reopen (durable adapters)', async function () {
      const { reopen } = opened;
      if (!reopen) return this.skip();
      await store.tickets.open(ticket('A', 'webchat:p', 1));
      await store.tickets.rate('A', { score: 4, comment: 'Bien', at: T + 5 });
      await store.tickets.rate('A', { score: 3, at: T + 6 });
      await store.transcripts.append([transcriptLine('webchat:p', 1, 0), transcriptLine('webchat:p', 1, 1), transcriptLine('webchat:q', 1, 0)]);
      await store.transcripts.eraseByContact('webchat:q');
      await store.cannedResponses.create(cannedResponse('c1', 'es', 'Saludo'));
      await store.cannedResponses.create(cannedResponse('c2', 'es', 'Despedida'));
      await store.cannedResponses.update('c1', { text: 'Hola' }, T + 7);
      await store.cannedResponses.delete('c2');
      await store.referrals.create(referral('R1', 'A', 'webchat:p', 2));
      await store.referrals.create(referral('R2', 'B', 'webchat:q', 3));
      await store.referrals.setStatus('R1', 'sent', 'accepted', 'op2', T + 8);
      await store.referrals.eraseByContact('webchat:q');
      const before = {
        ticket: await store.tickets.get('A'),
        lines: await store.transcripts.list('webchat:p'),
        canned: await store.cannedResponses.list(),
        referrals: await store.referrals.listByTicket('A'),
      };
      await store.close();
      store = await reopen();

      expect(before.ticket?.rating).to.deep.equal({ score: 3, at: T + 6 });
      expect(await store.tickets.get('A')).to.deep.equal(before.ticket);
      expect(await store.transcripts.list('webchat:p'))
        .to.deep.equal(before.lines)
        .and.to.have.length(2);
      expect(await store.transcripts.list('webchat:q')).to.deep.equal([]);
      expect(await store.cannedResponses.list())
        .to.deep.equal(before.canned)
        .and.to.deep.equal([cannedResponse('c1', 'es', 'Saludo', { text: 'Hola', updatedAt: T + 7 })]);
      expect(await store.referrals.listByTicket('A')).to.deep.equal(before.referrals);
      expect(await store.referrals.get('R2')).to.equal(null);
      // Uniqueness and the compare-and-set carry over.
      await store.transcripts.append([transcriptLine('webchat:p', 1, 1, { text: 'otro' }), transcriptLine('webchat:p', 2, 0)]);
      expect((await store.transcripts.list('webchat:p')).map((l) => l.text)).to.deep.equal([...before.lines.map((l) => l.text), transcriptLine('webchat:p', 2, 0).text]);
      expect(await rejection(store.cannedResponses.create(cannedResponse('c1', 'en', 'Hi')))).to.be.instanceOf(DuplicateKeyError);
      expect(await rejection(store.referrals.create(referral('R1', 'A', 'webchat:p', 9)))).to.be.instanceOf(DuplicateKeyError);
      expect(await store.referrals.setStatus('R1', 'sent', 'declined', 'op3', T + 9)).to.include({ ok: false, reason: 'conflict' });
    });

    describe('answers', () => {
      it('counts every answer, drafts included', async () => {
        expect(await store.answers.count()).to.equal(0);
        await store.answers.upsertMany([answer('a1', 'es'), answer('a1', 'en'), answer('a2', 'es', { status: 'draft' })]);
        expect(await store.answers.count()).to.equal(3);
      });

      it('replaces by (id, lang) and lists published ones by id then lang', async () => {
        await store.answers.upsertMany([answer('b', 'es'), answer('a', 'es'), answer('a', 'en'), answer('c', 'es', { status: 'draft' })]);
        await store.answers.upsertMany([answer('a', 'es', { text: 'Nueva respuesta', keywords: [] }), answer('b', 'es', { status: 'draft' })]);
        await store.answers.upsertMany([]);
        expect(await store.answers.count()).to.equal(4);
        expect(await store.answers.listPublished()).to.deep.equal([answer('a', 'en'), answer('a', 'es', { text: 'Nueva respuesta', keywords: [] })]);
      });
    });

    describe('feedback', () => {
      it('summarises an empty store as no rows', async () => {
        expect(await store.feedback.summary()).to.deep.equal([]);
      });

      it('counts each key once and groups by answer', async () => {
        const at = 1;
        await store.feedback.record({ key: 'k1', answerId: 'b', helpful: true, at });
        await store.feedback.record({ key: 'k1', answerId: 'b', helpful: false, at });
        await store.feedback.record({ key: 'k2', answerId: 'b', helpful: false, at });
        await store.feedback.record({ key: 'k3', answerId: 'a', helpful: true, at });
        await Promise.all([1, 2].map(() => store.feedback.record({ key: 'k4', answerId: 'a', helpful: true, at })));
        expect(await store.feedback.summary()).to.deep.equal([
          { answerId: 'a', helpful: 2, notHelpful: 0 },
          { answerId: 'b', helpful: 1, notHelpful: 1 },
        ]);
      });
    });

    describe('staff', () => {
      it('creates an account and finds it by id and by email, whatever the case', async () => {
        expect(await store.staff.get('s1')).to.equal(null);
        expect(await store.staff.getByEmail('ana@example.org')).to.equal(null);
        await store.staff.create(staffAccount('s1', 'Ana@Example.org', 1, { roles: ['admin', 'analyst'] }));
        const expected = staffAccount('s1', 'Ana@Example.org', 1, { roles: ['admin', 'analyst'] });
        expect(await store.staff.get('s1')).to.deep.equal(expected);
        expect(await store.staff.getByEmail('ana@example.org')).to.deep.equal(expected);
        expect(await store.staff.getByEmail(' ANA@EXAMPLE.ORG ')).to.deep.equal(expected);
        expect(await store.staff.count()).to.equal(1);
      });

      it('refuses a taken email in any case, or a taken id, with DuplicateKeyError', async () => {
        await store.staff.create(staffAccount('s1', 'ana@example.org'));
        expect(await rejection(store.staff.create(staffAccount('s2', 'ANA@example.ORG')))).to.be.instanceOf(DuplicateKeyError);
        expect(await rejection(store.staff.create(staffAccount('s1', 'other@example.org')))).to.be.instanceOf(DuplicateKeyError);
        expect(await store.staff.count()).to.equal(1);
        expect(await store.staff.getByEmail('other@example.org')).to.equal(null);
      });

      it('lets exactly one of concurrent creations with one email win', async () => {
        const { won, errors } = await race(['a', 'b', 'c'].map((id) => store.staff.create(staffAccount(id, 'same@example.org'))));
        expect(won).to.equal(1);
        for (const error of errors) expect(error).to.be.instanceOf(DuplicateKeyError);
        expect(await store.staff.count()).to.equal(1);
      });

      it('lists oldest first', async () => {
        await store.staff.create(staffAccount('c', 'c@example.org', 3));
        await store.staff.create(staffAccount('b', 'b@example.org', 1));
        await store.staff.create(staffAccount('a', 'a@example.org', 3));
        expect((await store.staff.list()).map((s) => s.id)).to.deep.equal(['b', 'a', 'c']);
      });

      it('updates roles, disabled and password hash, and nothing else', async () => {
        await store.staff.create(staffAccount('s1', 'ana@example.org'));
        const updated = await store.staff.update('s1', { roles: ['supervisor', 'operator'], disabled: true }, 1_700_000_000_500);
        const expected = staffAccount('s1', 'ana@example.org', 1, { roles: ['supervisor', 'operator'], disabled: true, updatedAt: 1_700_000_000_500 });
        expect(updated).to.deep.equal(expected);
        expect(await store.staff.get('s1')).to.deep.equal(expected);
        await store.staff.update('s1', { passwordHash: 'scrypt$new' }, 1_700_000_000_600);
        expect((await store.staff.getByEmail('ANA@example.org'))?.passwordHash).to.equal('scrypt$new');
        expect(await store.staff.update('nobody', { disabled: true }, 1)).to.equal(null);
        expect(await store.staff.count()).to.equal(1);
      });

      it('counts failed logins atomically, locks, and resets', async () => {
        await store.staff.create(staffAccount('s1', 'ana@example.org'));
        expect(await store.staff.recordFailedLogin('s1')).to.equal(1);
        await Promise.all([1, 2, 3, 4].map(() => store.staff.recordFailedLogin('s1')));
        expect((await store.staff.get('s1'))?.failedLogins).to.equal(5);
        await store.staff.lockUntil('s1', 1_700_000_900_000);
        expect(await store.staff.get('s1')).to.include({ failedLogins: 0, lockedUntil: 1_700_000_900_000 });
        await store.staff.recordFailedLogin('s1');
        await store.staff.resetFailedLogins('s1');
        expect(await store.staff.get('s1')).to.include({ failedLogins: 0, lockedUntil: 0 });
        expect(await store.staff.recordFailedLogin('nobody')).to.equal(0);
        expect(await store.staff.get('nobody')).to.equal(null);
      });

      it('revokes sessions by moving the session epoch on', async () => {
        await store.staff.create(staffAccount('s1', 'ana@example.org'));
        await store.staff.revokeSessions('s1');
        await store.staff.revokeSessions('s1');
        await store.staff.revokeSessions('nobody');
        expect((await store.staff.get('s1'))?.sessionEpoch).to.equal(2);
      });

      it('shares no object with its callers', async () => {
        const account = staffAccount('s1', 'ana@example.org');
        await store.staff.create(account);
        account.roles.push('admin');
        const read = await store.staff.get('s1');
        read!.roles.push('admin');
        expect((await store.staff.get('s1'))?.roles).to.deep.equal(['operator']);
      });
    });

    describe('audit', () => {
      it('appends entries with sortable ids and lists them newest first', async () => {
        const first = await store.audit.append({ at: 1_700_000_000_000, actor: 'system', action: 'users.create', target: 's1' });
        const second = await store.audit.append({ at: 1_700_000_000_000, actor: 's1', action: 'auth.login', details: { ok: true, n: 2, why: 'x' } });
        const third = await store.audit.append({ at: 1_700_000_000_001, actor: 's1', action: 'audit.read' });
        expect(first).to.deep.equal({ id: first.id, at: 1_700_000_000_000, actor: 'system', action: 'users.create', target: 's1' });
        expect(second.details).to.deep.equal({ ok: true, n: 2, why: 'x' });
        expect(await store.audit.list({ limit: 10 })).to.deep.equal([third, second, first]);
      });

      it('pages with limit and before', async () => {
        const ids: string[] = [];
        for (let i = 0; i < 7; i++) ids.push((await store.audit.append({ at: 1_700_000_000_000 + Math.floor(i / 2), actor: 'system', action: `a${i}` })).id);
        const newestFirst = [...ids].reverse();
        const page1 = await store.audit.list({ limit: 3 });
        expect(page1.map((e) => e.id)).to.deep.equal(newestFirst.slice(0, 3));
        const page2 = await store.audit.list({ limit: 3, before: page1.at(-1)!.id });
        expect(page2.map((e) => e.id)).to.deep.equal(newestFirst.slice(3, 6));
        const page3 = await store.audit.list({ limit: 3, before: page2.at(-1)!.id });
        expect(page3.map((e) => e.action)).to.deep.equal(['a0']);
        expect(await store.audit.list({ limit: 3, before: ids[0]! })).to.deep.equal([]);
      });
    });

    describe('cases', () => {
      it("withdraws a contact's own open case only", async () => {
        await store.cases.open(caseRecord('W-1', 'webchat:p', 1));
        await store.cases.open(caseRecord('W-2', 'webchat:p', 1));
        await store.cases.open(caseRecord('W-3', 'webchat:q', 1));
        await store.cases.setStatus('W-2', 'in_progress', undefined, 2);
        for (const ref of ['W-1', 'W-2', 'W-3', 'W-0']) await store.cases.withdraw(ref, 'webchat:p');
        expect((await store.cases.list()).map((c) => c.ref)).to.deep.equal(['W-2', 'W-3']);
      });

      it('opens a case once per ref', async () => {
        await store.cases.open(caseRecord('C-1', 'webchat:p', 1));
        await store.cases.open(caseRecord('C-1', 'webchat:p', 2, { status: 'closed', text: 'otra cosa' }));
        await Promise.all([1, 2].map(() => store.cases.open(caseRecord('C-2', 'webchat:p', 3, { type: 'suggestion' }))));
        expect(await store.cases.get('C-1')).to.deep.equal(caseRecord('C-1', 'webchat:p', 1));
        expect(await store.cases.list()).to.have.length(2);
        expect(await store.cases.get('C-0')).to.equal(null);
      });

      it("refuses another contact's ref with DuplicateKeyError, also when they race", async () => {
        await store.cases.open(caseRecord('C-1', 'webchat:p', 1));
        expect(await rejection(store.cases.open(caseRecord('C-1', 'telegram:q', 2)))).to.be.instanceOf(DuplicateKeyError);
        expect((await store.cases.get('C-1'))?.contactKey).to.equal('webchat:p');

        const { won, errors } = await race(['webchat:a', 'webchat:b', 'webchat:c'].map((key) => store.cases.open(caseRecord('C-2', key, 2))));
        expect(won).to.equal(1);
        for (const error of errors) expect(error).to.be.instanceOf(DuplicateKeyError);
        expect(await store.cases.list()).to.have.length(2);
      });

      it('lists oldest first, by type, by status, or both', async () => {
        await store.cases.open(caseRecord('D', 'webchat:p', 4, { type: 'compliment' }));
        await store.cases.open(caseRecord('B', 'webchat:q', 2, { type: 'suggestion', status: 'in_progress' }));
        await store.cases.open(caseRecord('A', 'webchat:r', 2));
        await store.cases.open(caseRecord('C', 'webchat:s', 3, { status: 'closed', outcome: 'Se habló con la posta' }));
        const refs = async (filter?: Parameters<Store['cases']['list']>[0]) => (await store.cases.list(filter)).map((c) => c.ref);
        expect(await refs()).to.deep.equal(['A', 'B', 'C', 'D']);
        expect(await refs({})).to.deep.equal(['A', 'B', 'C', 'D']);
        expect(await refs({ type: 'complaint' })).to.deep.equal(['A', 'C']);
        expect(await refs({ status: 'open' })).to.deep.equal(['A', 'D']);
        expect(await refs({ type: 'complaint', status: 'open' })).to.deep.equal(['A']);
        expect(await refs({ type: 'suggestion', status: 'closed' })).to.deep.equal([]);
        expect(await store.cases.list({ status: 'closed' })).to.deep.equal([caseRecord('C', 'webchat:s', 3, { status: 'closed', outcome: 'Se habló con la posta' })]);
      });

      it('moves a case on: status, outcome and updatedAt, nothing else', async () => {
        await store.cases.open(caseRecord('C-1', 'webchat:p', 1));
        const started = await store.cases.setStatus('C-1', 'in_progress', undefined, 1_700_000_000_500);
        const expected = caseRecord('C-1', 'webchat:p', 1, { status: 'in_progress', updatedAt: 1_700_000_000_500 });
        expect(started).to.deep.equal(expected);
        expect(await store.cases.get('C-1')).to.deep.equal(expected);
        expect(started).to.not.have.property('outcome');

        await store.cases.setStatus('C-1', 'closed', 'Derivado a la defensoría', 1_700_000_000_600);
        // Reopening without an outcome keeps the one recorded.
        await store.cases.setStatus('C-1', 'open', undefined, 1_700_000_000_700);
        expect(await store.cases.get('C-1')).to.deep.equal(caseRecord('C-1', 'webchat:p', 1, { status: 'open', outcome: 'Derivado a la defensoría', updatedAt: 1_700_000_000_700 }));
        expect(await store.cases.setStatus('C-0', 'closed', 'x', 1)).to.equal(null);
        expect(await store.cases.get('C-0')).to.equal(null);
        expect(await store.cases.list()).to.have.length(1);
      });

      it("erases one contact's cases only", async () => {
        await store.cases.open(caseRecord('A', 'webchat:p', 1));
        await store.cases.open(caseRecord('B', 'webchat:q', 2));
        await store.cases.open(caseRecord('C', 'webchat:p', 3, { type: 'compliment', status: 'closed' }));
        await store.tickets.open(ticket('T', 'webchat:p', 4));
        await store.cases.eraseByContact('webchat:p');
        await store.cases.eraseByContact('webchat:p'); // effects may be re-applied
        await store.cases.eraseByContact('webchat:nobody');
        expect((await store.cases.list()).map((c) => c.ref)).to.deep.equal(['B']);
        expect(await store.cases.get('A')).to.equal(null);
        expect(await store.tickets.get('T')).to.deep.equal(ticket('T', 'webchat:p', 4));
      });

      it('keeps what the person wrote exactly, empty included', async () => {
        const text = 'No me atendieron 😞\n<script>alert("x")</script> & $where: {"a.b": 1} — ñandú';
        await store.cases.open(caseRecord('A', 'webchat:p', 1, { text }));
        await store.cases.open(caseRecord('B', 'webchat:p', 2, { text: '' }));
        expect((await store.cases.get('A'))?.text).to.equal(text);
        expect(await store.cases.get('B')).to.deep.equal(caseRecord('B', 'webchat:p', 2, { text: '' }));
      });

      it('shares no object with its callers', async () => {
        const record = caseRecord('A', 'webchat:p', 1);
        await store.cases.open(record);
        record.text = 'mutated';
        const read = await store.cases.get('A');
        read!.status = 'closed';
        const [listed] = await store.cases.list();
        listed!.text = 'mutated-after-list';
        expect(await store.cases.get('A')).to.deep.equal(caseRecord('A', 'webchat:p', 1));
      });
    });

    describe('psea reports (sealed)', () => {
      const chatReport = (code: string, createdAt: number) => pseaReport(code, createdAt, { contact: 'this_chat', contactKey: 'webchat:p', channel: 'webchat' });

      it('withdraws a report only while open, without follow-up, and filed at the given time', async () => {
        for (const code of ['P-1', 'P-2', 'P-3', 'P-4']) await store.pseaReports.file(pseaReport(code, 1));
        const at = (await store.pseaReports.get('P-1'))!.createdAt;
        await store.pseaReports.setStatus('P-2', 'in_progress', at + 1);
        await store.pseaReports.addMessage('P-3', { id: 'm1', from: 'focal_point', text: 'hola', at: at + 1 });
        for (const code of ['P-1', 'P-2', 'P-3', 'P-0']) await store.pseaReports.withdraw(code, at);
        await store.pseaReports.withdraw('P-4', at + 5);
        expect((await store.pseaReports.list()).map((r) => r.code)).to.deep.equal(['P-2', 'P-3', 'P-4']);
      });

      it('files a report once per code; the same code with other content is a DuplicateKeyError', async () => {
        await store.pseaReports.file(pseaReport('P-1', 1));
        // The same report again (a re-applied effect), even after staff moved it on: a no-op.
        await store.pseaReports.file(pseaReport('P-1', 1));
        await store.pseaReports.file(pseaReport('P-1', 1, { status: 'in_progress', updatedAt: 1_700_000_000_900 }));
        await Promise.all([1, 2, 3].map(() => store.pseaReports.file(chatReport('P-2', 2))));
        expect(await store.pseaReports.get('P-1')).to.deep.equal(pseaReport('P-1', 1));
        expect(await store.pseaReports.count()).to.equal(2);

        const other = [
          pseaReport('P-1', 1, { text: 'otro relato' }),
          pseaReport('P-1', 1, { lang: 'en' }),
          chatReport('P-1', 1),
          pseaReport('P-2', 2, { contact: 'this_chat', contactKey: 'telegram:q', channel: 'telegram' }),
        ];
        for (const report of other) expect(await rejection(store.pseaReports.file(report)), report.code).to.be.instanceOf(DuplicateKeyError);
        const error = await rejection(store.pseaReports.file(pseaReport('P-1', 1, { text: 'otro relato' })));
        expect(String(error), 'the error names no code').to.not.contain('P-1');
        expect(await store.pseaReports.get('P-1')).to.deep.equal(pseaReport('P-1', 1));
        expect(await store.pseaReports.get('P-2')).to.deep.equal(chatReport('P-2', 2));
        expect(await store.pseaReports.count()).to.equal(2);
      });

      it('adds follow-up messages once each, in order, keeping concurrent ones, and leaves the report as it was', async () => {
        const report = chatReport('P-3', 3);
        await store.pseaReports.file(report);
        const focal = { id: 'm-1', from: 'focal_point' as const, text: 'Hola, soy la punto focal.', at: report.updatedAt, staffId: 'f1' };
        const first = await store.pseaReports.addMessage('P-3', focal);
        expect(first?.messages).to.deep.equal([focal]);
        expect(first!.updatedAt).to.be.greaterThan(report.updatedAt);
        // The same message again (a repeated request, a re-run turn): not added twice.
        expect((await store.pseaReports.addMessage('P-3', focal))?.messages).to.have.length(1);
        // Two at once (the person answers as the focal point writes again): both kept.
        const answers = ['a', 'b', 'c'].map((id) => ({ id, from: 'person' as const, text: `respuesta ${id}`, at: report.updatedAt }));
        await Promise.all(answers.map((m) => store.pseaReports.addMessage('P-3', m)));
        const stored = (await store.pseaReports.get('P-3'))!;
        expect(stored.messages!.map((m) => m.id).sort()).to.deep.equal(['a', 'b', 'c', 'm-1']);
        expect(stored.messages![0]).to.deep.equal(focal);
        const { messages: _messages, updatedAt: _updatedAt, ...rest } = stored;
        const { updatedAt: _u, ...before } = report;
        expect(rest).to.deep.equal(before);
        expect(await store.pseaReports.addMessage('NOT-THERE', focal)).to.equal(null);
      });

      it('keeps nothing that identifies the person in an anonymous report', async () => {
        await store.pseaReports.file(pseaReport('P-1', 1));
        // Even when a caller passes identifying fields by mistake, they are not stored.
        const leaky = pseaReport('P-2', 2, { contactKey: 'webchat:p', channel: 'webchat', phone: '+51 999 888 777' });
        await store.pseaReports.file(leaky);
        expect(leaky.contactKey, 'the caller’s object is left alone').to.equal('webchat:p');
        await store.pseaReports.file(pseaReport('P-2', 2)); // the same report, once sealed: a no-op
        for (const report of [await store.pseaReports.get('P-1'), await store.pseaReports.get('P-2'), ...(await store.pseaReports.list())]) {
          expect(report).to.not.have.any.keys('contactKey', 'channel', 'phone');
        }
        expect(await store.pseaReports.get('P-2')).to.deep.equal(pseaReport('P-2', 2));
        expect(JSON.stringify(await store.pseaReports.list())).to.not.match(/webchat|999/);
      });

      it('keeps the contact details of a person who agreed to be contacted, and a phone only for a call back', async () => {
        await store.pseaReports.file(chatReport('P-1', 1));
        const callBack = pseaReport('P-2', 2, { contact: 'phone', contactKey: 'telegram:q', channel: 'telegram', phone: '+51 999 888 777' });
        await store.pseaReports.file(callBack);
        await store.pseaReports.file({ ...chatReport('P-3', 3), phone: '+51 999 000 000' });
        expect(await store.pseaReports.get('P-1')).to.deep.equal(chatReport('P-1', 1));
        expect(await store.pseaReports.get('P-2')).to.deep.equal(callBack);
        expect(await store.pseaReports.get('P-3')).to.deep.equal(chatReport('P-3', 3));
      });

      it('lists oldest first and counts', async () => {
        expect(await store.pseaReports.count()).to.equal(0);
        expect(await store.pseaReports.list()).to.deep.equal([]);
        await store.pseaReports.file(pseaReport('P-C', 3));
        await store.pseaReports.file(chatReport('P-B', 1));
        await store.pseaReports.file(pseaReport('P-A', 1));
        expect((await store.pseaReports.list()).map((r) => r.code)).to.deep.equal(['P-A', 'P-B', 'P-C']);
        expect(await store.pseaReports.count()).to.equal(3);
        expect(await store.pseaReports.get('P-0')).to.equal(null);
      });

      it('is sealed off from cases and tickets, even under the same key', async () => {
        // One string used as case ref, ticket ref and report code: three separate records.
        await store.pseaReports.file(chatReport('K7P-4QM', 1));
        await store.cases.open(caseRecord('K7P-4QM', 'webchat:p', 2));
        await store.tickets.open(ticket('K7P-4QM', 'webchat:p', 3, { reason: 'psea' }));
        await store.pseaReports.file(pseaReport('P-ONLY', 4));

        expect(await store.cases.list()).to.deep.equal([caseRecord('K7P-4QM', 'webchat:p', 2)]);
        for (const type of ['complaint', 'suggestion', 'compliment'] as const) {
          expect((await store.cases.list({ type })).map((c) => c.ref)).to.not.include('P-ONLY');
        }
        expect(await store.cases.list({ status: 'open' })).to.have.length(1);
        expect(await store.cases.get('P-ONLY')).to.equal(null);
        expect(await store.tickets.get('P-ONLY')).to.equal(null);
        expect(await store.tickets.list()).to.deep.equal([ticket('K7P-4QM', 'webchat:p', 3, { reason: 'psea' })]);
        expect(await store.pseaReports.get('K7P-4QM')).to.deep.equal(chatReport('K7P-4QM', 1));
        expect((await store.pseaReports.list()).map((r) => r.code)).to.deep.equal(['K7P-4QM', 'P-ONLY']);
        expect(await store.pseaReports.count()).to.equal(2);

        // Erasing a contact's cases or tickets never reaches into the sealed reports, and the reverse.
        await store.cases.eraseByContact('webchat:p');
        await store.tickets.eraseByContact('webchat:p');
        expect(await store.pseaReports.get('K7P-4QM')).to.deep.equal(chatReport('K7P-4QM', 1));
        await store.cases.open(caseRecord('C-1', 'webchat:q', 5));
        await store.cases.setStatus('K7P-4QM', 'closed', 'x', 6); // no case under that ref any more
        expect(await store.pseaReports.get('K7P-4QM')).to.deep.equal(chatReport('K7P-4QM', 1));
        expect(await store.pseaReports.count()).to.equal(2);
      });

      it('moves a report on: status and updatedAt, nothing else; null for an unknown code', async () => {
        await store.pseaReports.file(chatReport('P-1', 1));
        await store.cases.open(caseRecord('P-1', 'webchat:p', 2));
        const moved = await store.pseaReports.setStatus('P-1', 'in_progress', 1_700_000_000_500);
        const expected = { ...chatReport('P-1', 1), status: 'in_progress', updatedAt: 1_700_000_000_500 };
        expect(moved).to.deep.equal(expected);
        expect(await store.pseaReports.get('P-1')).to.deep.equal(expected);
        expect(await store.pseaReports.setStatus('P-0', 'closed', 1)).to.equal(null);
        expect(await store.pseaReports.get('P-0')).to.equal(null);
        expect(await store.pseaReports.count()).to.equal(1);
        // A case under the same string is another record and stays as it was.
        expect(await store.cases.get('P-1')).to.deep.equal(caseRecord('P-1', 'webchat:p', 2));
        // Re-filing the same report after it moved on is still a no-op that keeps the status.
        await store.pseaReports.file(chatReport('P-1', 1));
        expect((await store.pseaReports.get('P-1'))?.status).to.equal('in_progress');
      });

      it('keeps a sealed audit trail apart from the staff audit log, in both directions', async () => {
        const staffEntry = await store.audit.append({ at: 1_700_000_000_000, actor: 's1', action: 'users.list' });
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) ids.push((await store.pseaReports.audit.append({ at: 1_700_000_000_000 + i, actor: 'f1', action: `psea.read${i}`, target: `P-${i}` })).id);
        expect(await store.audit.list({ limit: 100 })).to.deep.equal([staffEntry]);
        expect(await store.audit.list({ limit: 100, before: 'zzzzzzzzzz' })).to.deep.equal([staffEntry]);
        const page1 = await store.pseaReports.audit.list({ limit: 3 });
        expect(page1.map((e) => e.id)).to.deep.equal([...ids].reverse().slice(0, 3));
        const page2 = await store.pseaReports.audit.list({ limit: 3, before: page1.at(-1)!.id });
        expect(page2.map((e) => e.action)).to.deep.equal(['psea.read1', 'psea.read0']);
        expect(JSON.stringify(await store.pseaReports.audit.list({ limit: 100 }))).to.not.contain('users.list');
        expect(await store.pseaReports.count(), 'audit entries are not reports').to.equal(0);
        expect(await store.pseaReports.list()).to.deep.equal([]);
      });

      it('shares no object with its callers', async () => {
        const report = chatReport('P-1', 1);
        await store.pseaReports.file(report);
        report.text = 'mutated';
        const read = await store.pseaReports.get('P-1');
        read!.text = 'mutated-after-read';
        const [listed] = await store.pseaReports.list();
        listed!.contact = 'anonymous';
        expect(await store.pseaReports.get('P-1')).to.deep.equal(chatReport('P-1', 1));
      });

      it('keeps cases and reports across close and reopen (durable adapters)', async function () {
        const { reopen } = opened;
        if (!reopen) return this.skip();
        await store.cases.open(caseRecord('C-1', 'webchat:p', 1, { type: 'suggestion' }));
        await store.cases.setStatus('C-1', 'closed', 'Gracias, lo tendremos en cuenta', 1_700_000_000_500);
        await store.pseaReports.file(pseaReport('P-1', 1));
        await store.pseaReports.file(chatReport('P-2', 2));
        await store.pseaReports.setStatus('P-2', 'closed', 1_700_000_000_600);
        const sealed = await store.pseaReports.audit.append({ at: 1_700_000_000_700, actor: 'f1', action: 'psea.status', target: 'P-2' });
        await store.close();
        store = await reopen();

        expect(await store.cases.get('C-1')).to.deep.equal(
          caseRecord('C-1', 'webchat:p', 1, { type: 'suggestion', status: 'closed', outcome: 'Gracias, lo tendremos en cuenta', updatedAt: 1_700_000_000_500 }),
        );
        expect(await store.pseaReports.list()).to.deep.equal([pseaReport('P-1', 1), { ...chatReport('P-2', 2), status: 'closed', updatedAt: 1_700_000_000_600 }]);
        expect(await store.pseaReports.audit.list({ limit: 10 })).to.deep.equal([sealed]);
        expect(await store.audit.list({ limit: 10 })).to.deep.equal([]);
        expect(await store.pseaReports.get('P-1')).to.not.have.any.keys('contactKey', 'channel', 'phone');
        // Uniqueness carries over.
        expect(await rejection(store.cases.open(caseRecord('C-1', 'webchat:other', 3)))).to.be.instanceOf(DuplicateKeyError);
        expect(await rejection(store.pseaReports.file(pseaReport('P-1', 1, { text: 'otro' })))).to.be.instanceOf(DuplicateKeyError);
      });
    });

    describe('inbox', () => {
      const entry = (id: string, order: number, channel = 'whatsapp') => ({ id, channel, order, payload: JSON.stringify({ text: `hola ${id}`, nested: { kept: [1, 2] } }) });

      it('keeps entries once each and lists one channel by order, then id', async () => {
        expect(await store.inbox.list('whatsapp')).to.deep.equal([]);
        await store.inbox.add([entry('w:b', 2), entry('w:a', 2), entry('w:c', 1)]);
        await store.inbox.add([entry('t:a', 0, 'telegram')]);
        // A message delivered again is kept as it was.
        await store.inbox.add([{ ...entry('w:c', 9), payload: 'otro' }]);
        await Promise.all([1, 2].map(() => store.inbox.add([entry('w:d', 3)])));
        expect(await store.inbox.list('whatsapp')).to.deep.equal([entry('w:c', 1), entry('w:a', 2), entry('w:b', 2), entry('w:d', 3)]);
        expect(await store.inbox.list('telegram')).to.deep.equal([entry('t:a', 0, 'telegram')]);
        await store.inbox.add([]);
      });

      it('forgets an entry once removed, and an unknown id is no error', async () => {
        await store.inbox.add([entry('w:a', 1), entry('w:b', 2)]);
        await store.inbox.remove('w:a');
        await store.inbox.remove('w:a');
        await store.inbox.remove('w:none');
        expect(await store.inbox.list('whatsapp')).to.deep.equal([entry('w:b', 2)]);
      });

      it('shares no object with its callers', async () => {
        const given = entry('w:a', 1);
        await store.inbox.add([given]);
        given.payload = 'changed';
        const [read] = await store.inbox.list('whatsapp');
        read!.payload = 'changed too';
        expect(await store.inbox.list('whatsapp')).to.deep.equal([entry('w:a', 1)]);
      });

      it('keeps what was not removed across close and reopen (durable adapters)', async function () {
        const { reopen } = opened;
        if (!reopen) return this.skip();
        await store.inbox.add([entry('w:a', 1), entry('w:b', 2)]);
        await store.inbox.remove('w:a');
        await store.close();
        store = await reopen();
        expect(await store.inbox.list('whatsapp')).to.deep.equal([entry('w:b', 2)]);
      });
    });

    it('answers ping', async () => {
      expect(await store.ping()).to.equal(true);
    });

    it('keeps everything across close and reopen (durable adapters)', async function () {
      const { reopen } = opened;
      if (!reopen) return this.skip();
      await store.conversations.commit(conversation('webchat:a', 1));
      await store.conversations.commit(conversation('webchat:a', 2, { outbox: [outbound('webchat:a', 2)] }));
      await store.contacts.recordConsent(consent('webchat:p', 'm1', 1));
      await store.contacts.upsert(contact('webchat:p', { intake: { region: 'Tumbes' } }));
      await store.tickets.open(ticket('K7P-4QM', 'webchat:p', 1));
      await store.answers.upsertMany([answer('a', 'es')]);
      await store.feedback.record({ key: 'k1', answerId: 'a', helpful: true, at: 1 });
      await store.staff.create(staffAccount('s1', 'Ana@example.org'));
      await store.staff.recordFailedLogin('s1');
      const audited = await store.audit.append({ at: 1, actor: 'system', action: 'users.create', target: 's1' });
      await store.close();
      store = await reopen();

      expect(await store.conversations.get('webchat:a')).to.deep.equal(conversation('webchat:a', 2, { outbox: [outbound('webchat:a', 2)] }));
      expect(await store.conversations.listUnfinished()).to.have.length(1);
      expect(await store.contacts.consentHistory('webchat:p')).to.deep.equal([consent('webchat:p', 'm1', 1)]);
      expect(await store.contacts.get('webchat:p')).to.deep.equal(contact('webchat:p', { intake: { region: 'Tumbes' } }));
      expect(await store.tickets.get('K7P-4QM')).to.deep.equal(ticket('K7P-4QM', 'webchat:p', 1));
      expect(await store.answers.listPublished()).to.deep.equal([answer('a', 'es')]);
      expect(await store.feedback.summary()).to.deep.equal([{ answerId: 'a', helpful: 1, notHelpful: 0 }]);
      expect(await store.staff.getByEmail('ana@EXAMPLE.org')).to.deep.equal(staffAccount('s1', 'Ana@example.org', 1, { failedLogins: 1 }));
      expect(await rejection(store.staff.create(staffAccount('s2', 'ana@example.org')))).to.be.instanceOf(DuplicateKeyError);
      expect(await store.audit.list({ limit: 5 })).to.deep.equal([audited]);
      // Optimistic concurrency carries over: the stored rev is still the one to build on.
      expect(await rejection(store.conversations.commit(conversation('webchat:a', 1)))).to.be.instanceOf(ConcurrentUpdateError);
      await store.conversations.commit(conversation('webchat:a', 3));
    });
  });
}
