/**
 * Tickets in the embedded store (`tickets.db`, `_id` = ref). nedb runs one operation at a
 * time, so an update whose query names the expected status is a compare-and-set: of two
 * concurrent claims, the second finds the ticket no longer open and matches nothing.
 */
import type nedb from '@seald-io/nedb';
import type { Ticket } from '../../core/domain.ts';
import { byTicketAge, claimFields, claimRefused, closeFields, closeRefused, isWithdrawable, plainJson } from '../common.ts';
import { DuplicateKeyError, type TicketRepo } from '../ports.ts';
import { eraseFromFile, isUniqueViolation, withoutId, type Doc } from './docs.ts';
import type { GroupCommit } from './group-commit.ts';

type Datastore = nedb.default<Doc<Ticket>>;

export function ticketRepo(db: () => Datastore, log: GroupCommit): TicketRepo {
  async function find(ref: string): Promise<Ticket | null> {
    const doc = await db().findOneAsync({ _id: ref });
    return doc ? withoutId(doc) : null;
  }
  /** Applies `update` where `query` still matches; resolves to whether it did (durably). */
  async function swap(query: Record<string, unknown>, update: Record<string, unknown>): Promise<boolean> {
    const { numAffected } = await db().updateAsync(query, update, {});
    if (numAffected === 0) return false;
    await log.durable();
    return true;
  }
  return {
    async open(ticket) {
      try {
        await db().insertAsync({ ...plainJson(ticket), _id: ticket.ref });
        return log.durable();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const existing = await find(ticket.ref);
      if (existing && existing.contactKey !== ticket.contactKey) throw new DuplicateKeyError(`ticket ref ${ticket.ref}`);
      await log.durable(); // as in cases.open: a racing insert's line may not be in the file yet
    },
    async withdraw(ref, contactKey) {
      const ticket = await find(ref);
      // updatedAt in the query: a claim or a note landing meanwhile keeps the ticket.
      if (isWithdrawable(ticket, contactKey)) await eraseFromFile(db(), { _id: ref, status: 'open', updatedAt: ticket.updatedAt }, log);
    },
    get: find,
    async list(filter) {
      const docs = await db().findAsync(filter?.status ? { status: filter.status } : {});
      return docs.map(withoutId).sort(byTicketAge);
    },
    async eraseByContact(contactKey) {
      await eraseFromFile(db(), { contactKey }, log);
    },
    async claim(ref, staffId, at) {
      if (!(await swap({ _id: ref, status: 'open' }, { $set: claimFields(staffId, at) }))) return claimRefused(await find(ref), staffId);
      return { ok: true, ticket: (await find(ref))! };
    },
    async addNote(ref, note) {
      if (!(await swap({ _id: ref }, { $push: { notes: plainJson(note) }, $set: { updatedAt: note.at } }))) return null;
      return find(ref);
    },
    async close(ref, staffId, outcome, at) {
      if (!(await swap({ _id: ref, status: { $ne: 'closed' } }, { $set: closeFields(staffId, outcome, at) }))) return closeRefused(await find(ref));
      return { ok: true, ticket: (await find(ref))! };
    },
    async rate(ref, rating) {
      // $set of the whole rating: an earlier comment goes with the earlier score.
      if (!(await swap({ _id: ref }, { $set: { rating: plainJson(rating), updatedAt: rating.at } }))) return null;
      return find(ref);
    },
  };
}
