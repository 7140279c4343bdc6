/** Canned responses in the embedded store (`canned-responses.db`, `_id` = id). */
import type nedb from '@seald-io/nedb';
import type { CannedResponse } from '../../core/domain.ts';
import { byCannedOrder, cannedChanges, plainJson } from '../common.ts';
import { DuplicateKeyError, type CannedResponseRepo } from '../ports.ts';
import { insertIfNew, withoutId, type Doc } from './docs.ts';
import type { GroupCommit } from './group-commit.ts';

type Datastore = nedb.default<Doc<CannedResponse>>;

export function cannedResponseRepo(db: () => Datastore, log: GroupCommit): CannedResponseRepo {
  async function find(id: string): Promise<CannedResponse | null> {
    const doc = await db().findOneAsync({ _id: id });
    return doc ? withoutId<CannedResponse>(doc) : null;
  }
  return {
    async create(response) {
      if (!(await insertIfNew(db(), { ...plainJson(response), _id: response.id }))) throw new DuplicateKeyError(`canned response ${response.id}`);
      await log.durable();
    },
    get: find,
    async list() {
      // A few dozen at most, and the order is case-insensitive: sorted here, as in every adapter.
      return (await db().findAsync({})).map((doc) => withoutId<CannedResponse>(doc)).sort(byCannedOrder);
    },
    async update(id, changes, at) {
      const { numAffected } = await db().updateAsync({ _id: id }, { $set: { ...cannedChanges(changes), updatedAt: at } }, {});
      if (numAffected === 0) return null;
      await log.durable();
      return find(id);
    },
    async delete(id) {
      const removed = await db().removeAsync({ _id: id }, {});
      await log.durable();
      return removed > 0;
    },
  };
}
