/**
 * MongoDB Store on mongoose. Only files in this folder import mongoose.
 *
 * A private connection (not mongoose's global one), so two stores, or a test and the app,
 * never share state. Collections are not created up front (`autoCreate: false`): MongoDB
 * creates them on first insert, and some wire-compatible test engines lack `create`.
 * Indexes are built once at open (`autoIndex: false` + `createIndexes`), so a missing unique
 * index fails start-up instead of surfacing later as duplicates. `createIndexes` rather
 * than `syncIndexes`: it never drops an index an operator added by hand.
 */
import mongoose from 'mongoose';
import type { Answer, ConsentRecord, Contact } from '../../core/domain.ts';
import { assertCommittableRev, isUnfinished, summariseFeedback, plainJson } from '../common.ts';
import { ConcurrentUpdateError, type ConversationRecord, type InboxEntry, type Store } from '../ports.ts';
import { cannedResponseRepo } from './canned-responses.ts';
import { caseRepo, pseaReportRepo } from './cases.ts';
import { isDuplicateKey } from './docs.ts';
import { registerModels, type ConversationDoc } from './schemas.ts';
import { auditRepo, staffRepo } from './staff.ts';
import { referralRepo } from './referrals.ts';
import { ticketRepo } from './tickets.ts';
import { transcriptRepo } from './transcripts.ts';

export interface MongoStoreOptions {
  /** `mongodb://…` or `mongodb+srv://…`; the database is the one named in the URI unless `dbName` is given. */
  uri: string;
  dbName?: string;
  /** How long `ping` waits before reporting the database unreachable. Default 2 s. */
  pingTimeoutMs?: number;
}

/** What leaves the store is the domain object: storage-only fields are dropped here, in code,
 * rather than by a projection (some wire-compatible engines ignore exclusion projections). */
function domain<T>(doc: object): T {
  const { _id, __v, unfinished, ...rest } = doc as { _id?: unknown; __v?: unknown; unfinished?: unknown };
  return rest as T;
}
function domainOrNull<T>(doc: object | null): T | null {
  return doc ? domain<T>(doc) : null;
}

async function ignoreDuplicate(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

export async function createMongoStore(options: MongoStoreOptions): Promise<Store> {
  const connection = mongoose.createConnection(options.uri, {
    dbName: options.dbName,
    autoCreate: false,
    autoIndex: false,
    serverSelectionTimeoutMS: 10_000,
  });
  try {
    await connection.asPromise();
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw new Error(`MongoDB store: cannot connect (check MONGODB_URI): ${String(error)}`, { cause: error });
  }
  const m = registerModels(connection);
  try {
    for (const model of Object.values(m)) await model.createIndexes();
  } catch (error) {
    await connection.close();
    // Usually duplicates already stored where a unique index is now required.
    throw new Error(`MongoDB store: cannot build indexes: ${String(error)}`, { cause: error });
  }
  const pingTimeoutMs = options.pingTimeoutMs ?? 2000;

  return {
    conversations: {
      async get(key) {
        return domainOrNull<ConversationRecord>(await m.conversations.findOne({ key }).lean().exec());
      },
      async commit(record) {
        assertCommittableRev(record);
        const doc: ConversationDoc = { ...plainJson(record), unfinished: isUnfinished(record) };
        if (record.rev === 1) {
          try {
            await m.conversations.create(doc);
          } catch (error) {
            if (isDuplicateKey(error)) throw new ConcurrentUpdateError(record.key);
            throw error;
          }
          return;
        }
        // Compare-and-set on rev: a single-document write, so atomic without a transaction.
        const result = await m.conversations.replaceOne({ key: record.key, rev: record.rev - 1 }, doc).exec();
        if (result.matchedCount === 0) throw new ConcurrentUpdateError(record.key);
      },
      async forgetSuperseded() {}, // a replace overwrites the document
      async listUnfinished() {
        const docs = await m.conversations.find({ unfinished: true }).lean().exec();
        return docs.map((doc) => domain<ConversationRecord>(doc));
      },
      async delete(key) {
        await m.conversations.deleteOne({ key }).exec();
      },
    },

    contacts: {
      async recordConsent(entry) {
        // Upsert with $setOnInsert: a repeat is a no-op; two racing repeats may still collide
        // on the unique index, which means the same thing.
        const { contactKey, messageId } = entry;
        await ignoreDuplicate(m.consents.updateOne({ contactKey, messageId }, { $setOnInsert: plainJson(entry) }, { upsert: true }).exec());
      },
      async consentHistory(contactKey) {
        // _id (an ObjectId) breaks ties in insertion order.
        const docs = await m.consents.find({ contactKey }).sort({ at: 1, _id: 1 }).lean().exec();
        return docs.map((doc) => domain<ConsentRecord>(doc));
      },
      async get(contactKey) {
        return domainOrNull<Contact>(await m.contacts.findOne({ contactKey }).lean().exec());
      },
      async upsert(contact) {
        // $set rather than replace: a consent or language change keeps the stored intake.
        await ignoreDuplicate(m.contacts.updateOne({ contactKey: contact.contactKey }, { $set: plainJson(contact) }, { upsert: true }).exec());
      },
      async saveIntake(contactKey, intake, at) {
        // No upsert: intake is never stored for someone without a contact (no consent, or erased).
        await m.contacts.updateOne({ contactKey }, { $set: { intake: plainJson(intake), updatedAt: at } }).exec();
      },
      async erase(contactKey) {
        await m.contacts.deleteOne({ contactKey }).exec();
      },
    },

    tickets: ticketRepo(m.tickets),

    answers: {
      async listPublished() {
        const docs = await m.answers.find({ status: 'published' }).sort({ id: 1, lang: 1 }).lean().exec();
        return docs.map((doc) => domain<Answer>(doc));
      },
      async count() {
        return m.answers.countDocuments({}).exec();
      },
      async upsertMany(list) {
        if (list.length === 0) return;
        await m.answers.bulkWrite(
          list.map((answer) => ({
            replaceOne: { filter: { id: answer.id, lang: answer.lang }, replacement: plainJson(answer), upsert: true },
          })),
        );
      },
    },

    feedback: {
      async record(entry) {
        await ignoreDuplicate(m.feedback.create(plainJson(entry)));
      },
      async summary() {
        // One plain count per vote value rather than one pipeline with $cond: the same work
        // for the server, and wire-compatible test engines run it too (jongodb lacks $cond
        // and computed group keys).
        const count = (helpful: boolean) => m.feedback.aggregate<{ _id: string; votes: number }>([{ $match: { helpful } }, { $group: { _id: '$answerId', votes: { $sum: 1 } } }]);
        const [yes, no] = await Promise.all([count(true), count(false)]);
        return summariseFeedback([...yes.map(({ _id, votes }) => ({ answerId: _id, helpful: true, votes })), ...no.map(({ _id, votes }) => ({ answerId: _id, helpful: false, votes }))]);
      },
    },

    staff: staffRepo(m.staff),
    audit: auditRepo(m.audit),
    cases: caseRepo(m.cases),
    transcripts: transcriptRepo(m.transcripts),
    cannedResponses: cannedResponseRepo(m.cannedResponses),
    referrals: referralRepo(m.referrals),
    pseaReports: pseaReportRepo(m.pseaReports, m.pseaAudit),

    inbox: {
      async add(entries) {
        await Promise.all(entries.map((entry) => ignoreDuplicate(m.inbox.create(plainJson(entry)))));
      },
      async list(channel) {
        const docs = await m.inbox.find({ channel }).sort({ order: 1, id: 1 }).lean().exec();
        return docs.map((doc) => domain<InboxEntry>(doc));
      },
      async remove(id) {
        await m.inbox.deleteOne({ id }).exec();
      },
    },

    async ping() {
      const db = connection.db;
      if (!db) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), pingTimeoutMs);
      });
      try {
        return await Promise.race([
          db.command({ ping: 1 }).then(
            () => true,
            () => false,
          ),
          timeout,
        ]);
      } finally {
        clearTimeout(timer);
      }
    },

    async close() {
      await connection.close();
    },
  };
}
