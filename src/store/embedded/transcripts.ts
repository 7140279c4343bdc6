/**
 * Transcript lines in the embedded store (`transcripts.db`, `_id` = line id, indexed by
 * contact key).
 *
 * An append goes through the file's group commit like every other write here (index.ts), and
 * for a good reason: it runs after most turns of consenting people, at the same moments as
 * their conversation commits. Stock nedb would append each call with its own file write and
 * hold the next operation behind it; with group commit the lines of all turns that finish
 * together reach the file in one append, and each turn still waits until its own lines are
 * there: 200 conversations appending 3 lines a turn made ~7,400 appends/s with stock nedb,
 * ~22,000 grouped. Lines are never superseded (only erased), so the file needs no rewrites
 * as it grows, unlike conversations.db (see `compactor` in index.ts).
 */
import type nedb from '@seald-io/nedb';
import type { TranscriptLine } from '../../core/domain.ts';
import { plainJson, transcriptLimit } from '../common.ts';
import type { TranscriptRepo } from '../ports.ts';
import { eraseFromFile, insertIfNew, isUniqueViolation, withoutId, type Doc } from './docs.ts';
import type { GroupCommit } from './group-commit.ts';

type Datastore = nedb.default<Doc<TranscriptLine>>;

export function transcriptRepo(db: () => Datastore, log: GroupCommit): TranscriptRepo {
  return {
    async append(lines) {
      if (lines.length === 0) return;
      const docs = plainJson(lines).map((line) => ({ ...line, _id: line.id }));
      try {
        // The common case: one insert, all or nothing (nedb rolls the batch back on a taken _id).
        await db().insertAsync(docs);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // A re-applied turn: some lines are stored already, so line by line, skipping those.
        for (const doc of docs) await insertIfNew(db(), doc);
      }
      await log.durable();
    },
    async list(contactKey, options) {
      // Newest first so the limit keeps the newest, then back to conversation order.
      const docs = await db().findAsync({ contactKey }).sort({ rev: -1, n: -1 }).limit(transcriptLimit(options?.limit));
      return docs.map((doc) => withoutId<TranscriptLine>(doc)).reverse();
    },
    async eraseByContact(contactKey) {
      await eraseFromFile(db(), { contactKey }, log);
    },
  };
}
