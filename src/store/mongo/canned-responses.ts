/** Canned responses on MongoDB (collection `canned_responses`, unique index on id). */
import type { CannedResponse } from '../../core/domain.ts';
import { byCannedOrder, cannedChanges, plainJson } from '../common.ts';
import { DuplicateKeyError, type CannedResponseRepo } from '../ports.ts';
import { isDuplicateKey, plain } from './docs.ts';
import type { Models } from './schemas.ts';

export function cannedResponseRepo(model: Models['cannedResponses']): CannedResponseRepo {
  return {
    async create(response) {
      try {
        await model.create(plainJson(response));
      } catch (error) {
        if (isDuplicateKey(error)) throw new DuplicateKeyError(`canned response ${response.id}`);
        throw error;
      }
    },
    async get(id) {
      const doc = await model.findOne({ id }).lean().exec();
      return doc ? plain<CannedResponse>(doc) : null;
    },
    async list() {
      // A few dozen at most, and the title order is case-insensitive: sorted here, as in every adapter.
      const docs = await model.find({}).lean().exec();
      return docs.map((doc) => plain<CannedResponse>(doc)).sort(byCannedOrder);
    },
    async update(id, changes, at) {
      const doc = await model
        .findOneAndUpdate({ id }, { $set: { ...cannedChanges(changes), updatedAt: at } }, { returnDocument: 'after' })
        .lean()
        .exec();
      return doc ? plain<CannedResponse>(doc) : null;
    },
    async delete(id) {
      const { deletedCount } = await model.deleteOne({ id }).exec();
      return deletedCount > 0;
    },
  };
}
