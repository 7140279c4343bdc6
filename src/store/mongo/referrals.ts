/**
 * Referrals on MongoDB (collection `referrals`, unique index on id). A status change is a
 * compare-and-set: one findOneAndUpdate whose filter names the status and history length read
 * just before. A single-document update is atomic on the server, so of concurrent changes,
 * from any number of Faro instances, exactly one matches, and it gets back what it wrote.
 * The whole history is written rather than `$push`ed (the wire-compatible test engine lacks
 * `$push`, and the suite must run the code production runs); the history length in the
 * filter makes sure no step written meanwhile is cut off, even one that came back to `from`.
 */
import type { Referral } from '../../core/domain.ts';
import { plainJson, referralMove, referralRefused } from '../common.ts';
import { DuplicateKeyError, type ReferralRepo } from '../ports.ts';
import { isDuplicateKey, plain } from './docs.ts';
import type { Models } from './schemas.ts';

export function referralRepo(model: Models['referrals']): ReferralRepo {
  async function find(id: string): Promise<Referral | null> {
    const doc = await model.findOne({ id }).lean().exec();
    return doc ? plain<Referral>(doc) : null;
  }
  return {
    async create(referral) {
      try {
        await model.create(plainJson(referral));
      } catch (error) {
        if (isDuplicateKey(error)) throw new DuplicateKeyError(`referral ${referral.id}`);
        throw error;
      }
    },
    get: find,
    async listByTicket(ticketRef) {
      const docs = await model.find({ ticketRef }).sort({ createdAt: 1, id: 1 }).lean().exec();
      return docs.map((doc) => plain<Referral>(doc));
    },
    async setStatus(id, from, to, by, at) {
      const current = await find(id);
      if (current?.status !== from) return referralRefused(current);
      const { status, updatedAt, history } = plainJson(referralMove(current, to, by, at));
      const unchanged = { id, status: from, history: { $size: current.history.length } };
      const doc = await model.findOneAndUpdate(unchanged, { $set: { status, updatedAt, history } }, { returnDocument: 'after' }).lean().exec();
      return doc ? { ok: true, referral: plain<Referral>(doc) } : referralRefused(await find(id));
    },
    async eraseByContact(contactKey) {
      await model.deleteMany({ contactKey }).exec();
    },
  };
}
