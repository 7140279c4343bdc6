/**
 * Transcript lines on MongoDB (collection `transcripts`, unique index on the line id, and
 * `{contactKey, rev, n}` for reading a person's newest lines).
 *
 * An append runs after most turns of consenting people, so the common case is one round trip:
 * one unordered insertMany. Only when it reports taken ids (a re-applied turn) does it fall
 * back to an insert-if-new per line, sent as one bulk write. Unordered, MongoDB has stored the
 * new lines already by then, but not every wire-compatible engine does (jongodb stops at the
 * first duplicate), and the per-line upserts are harmless where it did.
 */
import type { TranscriptLine } from '../../core/domain.ts';
import { plainJson, transcriptLimit } from '../common.ts';
import type { TranscriptRepo } from '../ports.ts';
import { isOnlyDuplicateKeys, plain } from './docs.ts';
import type { Models } from './schemas.ts';

export function transcriptRepo(model: Models['transcripts']): TranscriptRepo {
  async function insertEachIfNew(lines: TranscriptLine[]): Promise<void> {
    const upserts = lines.map((line) => ({ updateOne: { filter: { id: line.id }, update: { $setOnInsert: line }, upsert: true } }));
    try {
      await model.bulkWrite(upserts, { ordered: false });
    } catch (error) {
      // Two racing upserts of one new id may both try to insert: the loser means the same thing.
      if (!isOnlyDuplicateKeys(error)) throw error;
    }
  }
  return {
    async append(lines) {
      if (lines.length === 0) return;
      const docs = plainJson(lines);
      try {
        // lean: the lines are domain objects already; mongoose's casting and validation of each
        // would cost more than the insert.
        await model.insertMany(docs, { ordered: false, lean: true });
      } catch (error) {
        if (!isOnlyDuplicateKeys(error)) throw error;
        await insertEachIfNew(docs);
      }
    },
    async list(contactKey, options) {
      const limit = transcriptLimit(options?.limit);
      const newestFirst = await model.find({ contactKey }).sort({ rev: -1, n: -1 }).limit(limit).lean().exec();
      return newestFirst.map((doc) => plain<TranscriptLine>(doc)).reverse();
    },
    async eraseByContact(contactKey) {
      await model.deleteMany({ contactKey }).exec();
    },
  };
}
