/**
 * Transcript lines in the embedded store (`transcripts.db`, indexed by contact key).
 *
 * One document per append (a turn's 1–4 lines), holding the lines as JSON text, like
 * conversations.db does: nedb then copies, validates and indexes one short string per turn
 * instead of every field of every line, which made a transcript cost about a fifth of a
 * durable turn. The document's `_id` is the ids of its lines, so a re-applied turn stores
 * nothing new; should two batches ever share a line (an effect re-applied with more lines),
 * `list` keeps the first copy of each id.
 *
 * An append goes through the file's group commit like every other write here (index.ts): it
 * runs after most turns of consenting people, at the same moments as their conversation
 * commits, and with group commit the lines of all turns that finish together reach the file
 * in one append. Lines are never superseded (only erased), so the file needs no rewrites as it
 * grows, unlike conversations.db (see `compactor` in index.ts).
 */
import type nedb from '@seald-io/nedb';
import type { TranscriptLine } from '../../core/domain.ts';
import { byTranscriptOrder, newestLines, transcriptLimit } from '../common.ts';
import type { TranscriptRepo } from '../ports.ts';
import { eraseFromFile, insertIfNew, type Doc } from './docs.ts';
import type { GroupCommit } from './group-commit.ts';

interface Batch {
  contactKey: string;
  /** JSON of the batch's TranscriptLine[]. */
  lines: string;
}

type Datastore = nedb.default<Doc<Batch>>;

export function transcriptRepo(db: () => Datastore, log: GroupCommit): TranscriptRepo {
  return {
    async append(lines) {
      if (lines.length === 0) return;
      // A batch belongs to one person (a turn's lines); a mixed call is split per person.
      const byPerson = new Map<string, TranscriptLine[]>();
      for (const line of lines) byPerson.set(line.contactKey, [...(byPerson.get(line.contactKey) ?? []), line]);
      for (const [contactKey, theirs] of byPerson) {
        await insertIfNew(db(), { _id: theirs.map((line) => line.id).join(' '), contactKey, lines: JSON.stringify(theirs) });
      }
      await log.durable();
    },
    async list(contactKey, options) {
      const limit = transcriptLimit(options?.limit);
      const seen = new Set<string>();
      const lines: TranscriptLine[] = [];
      for (const batch of await db().findAsync({ contactKey })) {
        for (const line of JSON.parse(batch.lines) as TranscriptLine[]) {
          if (seen.has(line.id)) continue;
          seen.add(line.id);
          lines.push(line);
        }
      }
      return newestLines(lines.sort(byTranscriptOrder), limit);
    },
    async eraseByContact(contactKey) {
      await eraseFromFile(db(), { contactKey }, log);
    },
  };
}
