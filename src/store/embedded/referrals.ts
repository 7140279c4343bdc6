/**
 * Referrals in the embedded store (`referrals.db`, `_id` = id, indexed by ticket ref and
 * contact key). A status change is a compare-and-set: the update's query names the status
 * and history length read just before, and nedb runs one operation at a time, so of
 * concurrent changes exactly one matches. The history length also catches a referral that
 * left `from` and came back to it meanwhile, whose history the write would otherwise cut.
 */
import type nedb from '@seald-io/nedb';
import type { Referral } from '../../core/domain.ts';
import { byReferralAge, plainJson, referralMove, referralRefused } from '../common.ts';
import { DuplicateKeyError, type ReferralRepo } from '../ports.ts';
import { eraseFromFile, insertIfNew, withoutId, type Doc } from './docs.ts';
import type { GroupCommit } from './group-commit.ts';

type Datastore = nedb.default<Doc<Referral>>;

export function referralRepo(db: () => Datastore, log: GroupCommit): ReferralRepo {
  async function find(id: string): Promise<Referral | null> {
    const doc = await db().findOneAsync({ _id: id });
    return doc ? withoutId<Referral>(doc) : null;
  }
  return {
    async create(referral) {
      if (!(await insertIfNew(db(), { ...plainJson(referral), _id: referral.id }))) throw new DuplicateKeyError(`referral ${referral.id}`);
      await log.durable();
    },
    get: find,
    async listByTicket(ticketRef) {
      return (await db().findAsync({ ticketRef })).map((doc) => withoutId<Referral>(doc)).sort(byReferralAge);
    },
    async setStatus(id, from, to, by, at) {
      const current = await find(id);
      if (current?.status !== from) return referralRefused(current);
      const moved = referralMove(current, to, by, at);
      const query = { _id: id, status: from, history: { $size: current.history.length } };
      // A copy for nedb, which keeps $set values by reference: `moved` goes back to the caller.
      const { status, updatedAt, history } = plainJson(moved);
      const { numAffected } = await db().updateAsync(query, { $set: { status, updatedAt, history } }, {});
      if (numAffected === 0) return referralRefused(await find(id));
      await log.durable();
      return { ok: true, referral: moved };
    },
    async eraseByContact(contactKey) {
      await eraseFromFile(db(), { contactKey }, log);
    },
  };
}
