/**
 * Tickets on MongoDB (collection `tickets`, unique index on ref). Claim and close are
 * compare-and-set writes: one `updateOne` whose filter names the expected status. A single-
 * document update is atomic on the server, so of concurrent claims, from any number of Faro
 * instances, exactly one matches; the others see the ticket as it is after the winner.
 */
import type { Ticket } from '../../core/domain.ts';
import { claimFields, claimRefused, closeFields, closeRefused, isWithdrawable, plainJson } from '../common.ts';
import { DuplicateKeyError, type TicketRepo } from '../ports.ts';
import { isDuplicateKey, plain } from './docs.ts';
import type { Models } from './schemas.ts';

/** Each failed attempt means another note was written meanwhile: contention, not a loop. */
const MAX_NOTE_ATTEMPTS = 20;

export function ticketRepo(model: Models['tickets']): TicketRepo {
  async function find(ref: string): Promise<Ticket | null> {
    const doc = await model.findOne({ ref }).lean().exec();
    return doc ? plain<Ticket>(doc) : null;
  }
  return {
    async open(ticket) {
      try {
        await model.create(plainJson(ticket));
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const existing = await find(ticket.ref);
        if (existing && existing.contactKey !== ticket.contactKey) throw new DuplicateKeyError(`ticket ref ${ticket.ref}`);
      }
    },
    async withdraw(ref, contactKey) {
      const ticket = await find(ref);
      // status and updatedAt in the filter: a claim or a note landing meanwhile keeps the ticket.
      if (isWithdrawable(ticket, contactKey)) await model.deleteOne({ ref, status: 'open', updatedAt: ticket.updatedAt }).exec();
    },
    get: find,
    async list(filter) {
      const query = filter?.status ? { status: filter.status } : {};
      const docs = await model.find(query).sort({ createdAt: 1, ref: 1 }).lean().exec();
      return docs.map((doc) => plain<Ticket>(doc));
    },
    async eraseByContact(contactKey) {
      await model.deleteMany({ contactKey }).exec();
    },
    // updateOne then a read, rather than findOneAndUpdate, which wire-compatible test engines
    // implement unevenly. A close landing between the two shows up in the returned ticket.
    async claim(ref, staffId, at) {
      const { matchedCount } = await model.updateOne({ ref, status: 'open' }, { $set: claimFields(staffId, at) }).exec();
      if (matchedCount === 0) return claimRefused(await find(ref), staffId);
      return { ok: true, ticket: (await find(ref))! };
    },
    /**
     * Not `$push`: the wire-compatible test engine lacks it, and the suite must run the code
     * production runs. Instead a compare-and-set on the array's size: the whole list is
     * written only if no other note landed since it was read, else read again and retry.
     */
    async addNote(ref, note) {
      for (let attempt = 0; attempt < MAX_NOTE_ATTEMPTS; attempt++) {
        const current = await find(ref);
        if (!current) return null;
        const notes = current.notes ?? [];
        const unchanged = notes.length === 0 ? { $exists: false } : { $size: notes.length };
        const { matchedCount } = await model.updateOne({ ref, notes: unchanged }, { $set: { notes: [...notes, plainJson(note)], updatedAt: note.at } }).exec();
        if (matchedCount === 1) return find(ref);
      }
      throw new Error(`ticket ${ref}: too many concurrent notes`);
    },
    async close(ref, staffId, outcome, at) {
      const { matchedCount } = await model.updateOne({ ref, status: { $ne: 'closed' } }, { $set: closeFields(staffId, outcome, at) }).exec();
      if (matchedCount === 0) return closeRefused(await find(ref));
      return { ok: true, ticket: (await find(ref))! };
    },
    async rate(ref, rating) {
      // $set of the whole rating: an earlier comment goes with the earlier score.
      const { matchedCount } = await model.updateOne({ ref }, { $set: { rating: plainJson(rating), updatedAt: rating.at } }).exec();
      return matchedCount === 0 ? null : find(ref);
    },
  };
}
