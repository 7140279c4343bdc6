/**
 * The default Store: no server, one nedb file per repository under `dir`.
 *
 * Durability: nedb keeps the data in memory and appends one line per write to the file
 * before the write resolves (conversations batch their appends, see group-commit.ts), so a
 * crashed process loses nothing it was told was saved. There is no fsync per write: an OS
 * crash or power cut may lose the last writes, a process crash does not.
 * Every key that must be unique is the document's `_id` (nedb's built-in unique index):
 * conversation key, contact key, ticket ref, `[contactKey, messageId]` for consent,
 * `[id, lang]` for answers, the feedback key, the staff id, the audit entry id, the case ref,
 * the PSEA report code, the transcript line id, the canned response id, the referral id, the inbox entry id. Staff emails have their own unique index on the normalised email
 * (`emailKey`). Sealed PSEA reports have a file of their own (`psea-reports.db`), and so has their audit trail (`psea-audit.db`).
 */
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import nedb from '@seald-io/nedb';
import type { Answer, CannedResponse, Case, ConsentRecord, Contact, PseaReport, Referral, Ticket } from '../../core/domain.ts';
import type { AuditEntry } from '../../core/staff.ts';
import { assertCommittableRev, byConsentTime, compareStrings, isUnfinished, summariseFeedback, type FeedbackEntry, plainJson } from '../common.ts';
import { ConcurrentUpdateError, type ConversationRecord, type InboxEntry, type Store } from '../ports.ts';
import { cannedResponseRepo } from './canned-responses.ts';
import { caseRepo, pseaReportRepo } from './cases.ts';
import { eraseFromFile, insertIfNew, withoutId, type Doc } from './docs.ts';
import { useGroupCommit } from './group-commit.ts';
import { inboxRepo } from './inbox.ts';
import { lockDataDir } from './lock.ts';
import { auditRepo, staffRepo, type StaffDoc } from './staff.ts';
import { referralRepo } from './referrals.ts';
import { ticketRepo } from './tickets.ts';
import { transcriptRepo } from './transcripts.ts';

export interface EmbeddedStoreOptions {
  /** Directory of the data files; created if missing. One process at a time may open it. */
  dir: string;
  /** Rewrite a file once this many writes were appended since the last rewrite (or twice its
   * live documents, whichever is more). Default 2,000: a small file stays small. */
  compactAfterWrites?: number;
  /** Told about background compaction failures (the store keeps working: appends continue). */
  onError?: (error: unknown) => void;
}

/** A conversation is stored as its JSON text plus the two fields queries need. nedb would
 * otherwise deep-copy, validate and re-serialise the whole snapshot field by field on every
 * commit, and reject snapshot keys containing `.` (XState history ids do). */
interface ConversationDoc {
  _id: string;
  rev: number;
  unfinished: boolean;
  body: string;
}

// nedb is CommonJS (`module.exports = Datastore`) but its types declare an ES default export:
// under NodeNext, TypeScript places the class at `.default` while Node hands it over directly.
const Datastore = nedb as unknown as typeof nedb.default;
type Datastore<T> = nedb.default<T>;

/**
 * nedb appends every write and only shrinks its file when it rewrites it (on load, or on
 * request). A fixed timer (setAutocompactionInterval) either rewrites idle files for nothing
 * or lets a busy one grow without bound between ticks, so we count writes instead: after
 * `max(minWrites, 2 × live documents)` appended lines the file is rewritten in the background.
 * That keeps a file within about three times its live size, at an amortised cost of half
 * a document write per write. The rewrite runs in nedb's queue, so writes wait for it: a few
 * milliseconds for thousands of conversations. Only conversations need this (every turn
 * supersedes a line); the other files mostly receive inserts, whose lines stay live, and are
 * rewritten on load and on close, and when a person's transcripts or referrals are erased
 * (eraseFromFile in docs.ts).
 */
function compactor(db: Datastore<Doc<object>>, minWrites: number, onError: (error: unknown) => void) {
  let writes = 0;
  let threshold = Math.max(minWrites, 2 * db.getAllData().length);
  return {
    wrote(): void {
      if (++writes < threshold) return;
      writes = 0;
      db.compactDatafileAsync().then(() => {
        threshold = Math.max(minWrites, 2 * db.getAllData().length);
      }, onError);
    },
  };
}

type Index = string | { fieldName: string; unique: true };

async function openFile<T extends object>(dir: string, name: string, indexes: Index[] = []): Promise<Datastore<Doc<T>>> {
  // Loading also rewrites the file without superseded lines (nedb compacts on load).
  const db = new Datastore<Doc<T>>({ filename: join(dir, `${name}.db`) });
  await db.loadDatabaseAsync();
  for (const index of indexes) await db.ensureIndexAsync(typeof index === 'string' ? { fieldName: index } : index);
  return db;
}

async function openFiles(dir: string) {
  return {
    conversations: await openFile<Omit<ConversationDoc, '_id'>>(dir, 'conversations'),
    contacts: await openFile<Contact>(dir, 'contacts'),
    consents: await openFile<ConsentRecord>(dir, 'consents', ['contactKey']),
    tickets: await openFile<Ticket>(dir, 'tickets', ['contactKey']),
    answers: await openFile<Answer>(dir, 'answers'),
    feedback: await openFile<FeedbackEntry>(dir, 'feedback'),
    staff: await openFile<StaffDoc>(dir, 'staff', [{ fieldName: 'emailKey', unique: true }]),
    audit: await openFile<AuditEntry>(dir, 'audit'),
    cases: await openFile<Case>(dir, 'cases', ['contactKey']),
    transcripts: await openFile<{ contactKey: string; lines: string }>(dir, 'transcripts', ['contactKey']),
    cannedResponses: await openFile<CannedResponse>(dir, 'canned-responses'),
    referrals: await openFile<Referral>(dir, 'referrals', ['ticketRef', 'contactKey']),
    pseaReports: await openFile<PseaReport>(dir, 'psea-reports'),
    pseaAudit: await openFile<AuditEntry>(dir, 'psea-audit'),
    inbox: await openFile<InboxEntry>(dir, 'inbox'),
  };
}
type Files = Awaited<ReturnType<typeof openFiles>>;

export async function createEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  const { dir } = options;
  const onError = options.onError ?? ((error: unknown) => process.emitWarning(`embedded store: compaction failed: ${String(error)}`));
  // The data folder holds people's data: its owner alone may enter it (issue 10, finding 8),
  // whatever the umask made of it, so the files inside are out of other users' reach too.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const unlock = await lockDataDir(dir);
  let files: Files;
  try {
    files = await openFiles(dir);
  } catch (error) {
    await unlock();
    throw new Error(`embedded store: cannot load ${dir}: ${String(error)}`, { cause: error });
  }
  // Every file batches its appends (see group-commit.ts); a write resolves once it is on disk.
  const logs = {
    conversations: useGroupCommit(files.conversations),
    contacts: useGroupCommit(files.contacts),
    consents: useGroupCommit(files.consents),
    tickets: useGroupCommit(files.tickets),
    answers: useGroupCommit(files.answers),
    feedback: useGroupCommit(files.feedback),
    staff: useGroupCommit(files.staff),
    audit: useGroupCommit(files.audit),
    cases: useGroupCommit(files.cases),
    transcripts: useGroupCommit(files.transcripts),
    cannedResponses: useGroupCommit(files.cannedResponses),
    referrals: useGroupCommit(files.referrals),
    pseaReports: useGroupCommit(files.pseaReports),
    pseaAudit: useGroupCommit(files.pseaAudit),
    inbox: useGroupCommit(files.inbox),
  };
  const compaction = compactor(files.conversations, options.compactAfterWrites ?? 2_000, onError);

  let closed = false;
  /** Every operation goes through here: after close, writes would append behind the lock's back. */
  function db(): Files {
    if (closed) throw new Error('embedded store is closed');
    return files;
  }

  return {
    conversations: {
      async get(key) {
        const doc = await db().conversations.findOneAsync({ _id: key });
        return doc ? (JSON.parse(doc.body) as ConversationRecord) : null;
      },
      async commit(record) {
        assertCommittableRev(record);
        const doc: ConversationDoc = { _id: record.key, rev: record.rev, unfinished: isUnfinished(record), body: JSON.stringify(record) };
        const conversations = db().conversations;
        if (record.rev === 1) {
          if (!(await insertIfNew(conversations, doc))) throw new ConcurrentUpdateError(record.key);
        } else {
          // nedb runs one operation at a time, so this match-and-replace is a compare-and-set.
          const { numAffected } = await conversations.updateAsync({ _id: record.key, rev: record.rev - 1 }, doc);
          if (numAffected === 0) throw new ConcurrentUpdateError(record.key);
        }
        compaction.wrote();
        await logs.conversations.durable();
      },
      // Every commit appends a version of the record; the rewrite keeps only the current ones.
      async forgetSuperseded() {
        await db().conversations.compactDatafileAsync();
      },
      async listUnfinished() {
        const docs = await db().conversations.findAsync({ unfinished: true });
        return docs.map((doc) => JSON.parse(doc.body) as ConversationRecord);
      },
      async delete(key) {
        await db().conversations.removeAsync({ _id: key }, {});
        await logs.conversations.durable();
      },
    },

    contacts: {
      async recordConsent(entry) {
        await insertIfNew(db().consents, { ...plainJson(entry), _id: JSON.stringify([entry.contactKey, entry.messageId]) });
        await logs.consents.durable();
      },
      async consentHistory(contactKey) {
        const docs = await db().consents.findAsync({ contactKey });
        return docs.map((doc) => withoutId<ConsentRecord>(doc)).sort(byConsentTime);
      },
      async get(contactKey) {
        const doc = await db().contacts.findOneAsync({ _id: contactKey });
        return doc ? withoutId<Contact>(doc) : null;
      },
      async upsert(contact) {
        // $set rather than replace: a consent or language change keeps the stored intake.
        await db().contacts.updateAsync({ _id: contact.contactKey }, { $set: plainJson(contact) }, { upsert: true });
        await logs.contacts.durable();
      },
      async saveIntake(contactKey, intake, at) {
        // No upsert: intake is never stored for someone without a contact (no consent, or erased).
        await db().contacts.updateAsync({ _id: contactKey }, { $set: { intake: plainJson(intake), updatedAt: at } });
        await logs.contacts.durable();
      },
      // Consent withdrawn: the file is rewritten so the person's data is gone from disk now, and
      // so is the conversations file, whose older versions of the record held their intake and
      // the bot's replies to them (a rare event; the rewrite costs about a load of the file).
      async erase(contactKey) {
        await eraseFromFile(db().contacts, { _id: contactKey }, logs.contacts);
        await db().conversations.compactDatafileAsync();
      },
    },

    tickets: ticketRepo(() => db().tickets, logs.tickets),

    answers: {
      async listPublished() {
        const docs = await db().answers.findAsync({ status: 'published' });
        return docs.map((doc) => withoutId<Answer>(doc)).sort((a, b) => compareStrings(a.id, b.id) || compareStrings(a.lang, b.lang));
      },
      async count() {
        return db().answers.countAsync({});
      },
      async upsertMany(list) {
        const answers = db().answers;
        await Promise.all(
          list.map((answer) => {
            const _id = JSON.stringify([answer.id, answer.lang]);
            return answers.updateAsync({ _id }, { ...plainJson(answer), _id }, { upsert: true });
          }),
        );
        await logs.answers.durable();
      },
    },

    feedback: {
      async record(entry) {
        await insertIfNew(db().feedback, { ...plainJson(entry), _id: entry.key });
        await logs.feedback.durable();
      },
      async summary() {
        return summariseFeedback(await db().feedback.findAsync({}));
      },
    },

    staff: staffRepo(() => db().staff, logs.staff),
    audit: auditRepo(() => db().audit, logs.audit),
    cases: caseRepo(() => db().cases, logs.cases),
    transcripts: transcriptRepo(() => db().transcripts, logs.transcripts),
    cannedResponses: cannedResponseRepo(() => db().cannedResponses, logs.cannedResponses),
    referrals: referralRepo(() => db().referrals, logs.referrals),
    pseaReports: pseaReportRepo(
      () => db().pseaReports,
      logs.pseaReports,
      () => db().pseaAudit,
      logs.pseaAudit,
    ),
    inbox: inboxRepo(() => db().inbox, logs.inbox, onError),

    async ping() {
      return !closed && Object.values(logs).every((log) => !log.failure);
    },

    async close() {
      if (closed) return;
      closed = true;
      try {
        // Each rewrite waits for the writes queued before it, and leaves tidy files behind.
        await Promise.all(Object.values(files).map((file) => file.compactDatafileAsync()));
        await Promise.all(Object.values(logs).map((log) => log.close()));
      } finally {
        await unlock();
      }
    },
  };
}
