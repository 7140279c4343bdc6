/**
 * The inbox in the embedded store (`inbox.db`, `_id` = entry id). nedb removes by appending a
 * deletion line, so what the person wrote (a PSEA disclosure, perhaps, that belongs only in the
 * sealed store) would stay in the file until its next rewrite: every removal asks for a rewrite,
 * and removals during one rewrite are covered by the next, so a removed message stays on disk for
 * at most about two rewrites. They cost little: the inbox only ever holds the messages in flight.
 */
import type nedb from '@seald-io/nedb';
import { byInboxOrder, plainJson } from '../common.ts';
import type { InboxEntry, InboxRepo } from '../ports.ts';
import { insertIfNew, withoutId, type Doc } from './docs.ts';
import type { GroupCommit } from './group-commit.ts';

type Datastore = nedb.default<Doc<InboxEntry>>;

export function inboxRepo(db: () => Datastore, log: GroupCommit, onError: (error: unknown) => void): InboxRepo {
  let rewriting = false;
  let again = false;
  const rewrite = (file: Datastore): void => {
    if (rewriting) {
      again = true;
      return;
    }
    rewriting = true;
    file
      .compactDatafileAsync()
      .catch(onError)
      .finally(() => {
        rewriting = false;
        if (again) {
          again = false;
          rewrite(file);
        }
      });
  };
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
      rewrite(file);
    },
  };
}
