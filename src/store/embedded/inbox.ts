/**
 * The inbox in the embedded store (`inbox.db`, `_id` = entry id). nedb removes by appending a
 * deletion line, so the person's words would stay in the file until its next rewrite: the file
 * is rewritten whenever the inbox has just become empty (the usual case: a webhook's turns are
 * done in well under a second), and at least every `REWRITE_EVERY` removals under steady load.
 * Both rewrites cost little, since the inbox only ever holds the messages in flight.
 */
import type nedb from '@seald-io/nedb';
import { byInboxOrder, plainJson } from '../common.ts';
import type { InboxEntry, InboxRepo } from '../ports.ts';
import { insertIfNew, withoutId, type Doc } from './docs.ts';
import type { GroupCommit } from './group-commit.ts';

type Datastore = nedb.default<Doc<InboxEntry>>;

const REWRITE_EVERY = 200;

export function inboxRepo(db: () => Datastore, log: GroupCommit, onError: (error: unknown) => void): InboxRepo {
  let removals = 0;
  return {
    async add(entries) {
      await Promise.all(entries.map((entry) => insertIfNew(db(), { ...plainJson(entry), _id: entry.id })));
      await log.durable();
    },
    async list(channel) {
      return (await db().findAsync({ channel })).map((doc) => withoutId<InboxEntry>(doc)).sort(byInboxOrder);
    },
    async remove(id) {
      const file = db();
      if ((await file.removeAsync({ _id: id }, {})) === 0) return;
      await log.durable();
      if (++removals >= REWRITE_EVERY || file.getAllData().length === 0) {
        removals = 0;
        file.compactDatafileAsync().catch(onError);
      }
    },
  };
}
