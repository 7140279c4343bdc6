/**
 * Staff accounts and the audit log in the embedded store, kept apart from index.ts so that
 * file stays readable. Same durability as the rest: a write resolves once it is in the file.
 */
import type nedb from '@seald-io/nedb';
import { normaliseEmail, type AuditEntry, type StaffAccount } from '../../core/staff.ts';
import { byStaffAge, newAuditId, plainJson } from '../common.ts';
import { DuplicateKeyError, type AuditRepo, type StaffRepo } from '../ports.ts';
import type { GroupCommit } from './group-commit.ts';

/** The account plus its normalised email, which carries the unique index. */
export type StaffDoc = StaffAccount & { emailKey: string };
type Datastore<T> = nedb.default<T & { _id: string }>;

function account(doc: StaffDoc & { _id: string }): StaffAccount {
  const { _id, emailKey, ...rest } = doc;
  return rest;
}

function entry(doc: AuditEntry & { _id: string }): AuditEntry {
  const { _id, ...rest } = doc;
  return rest;
}

export function staffRepo(db: () => Datastore<StaffDoc>, log: GroupCommit): StaffRepo {
  async function find(id: string): Promise<StaffAccount | null> {
    const doc = await db().findOneAsync({ _id: id });
    return doc ? account(doc) : null;
  }
  async function write(id: string, update: object): Promise<void> {
    await db().updateAsync({ _id: id }, update, {});
    await log.durable();
  }
  return {
    async create(staff) {
      try {
        await db().insertAsync({ ...plainJson(staff), emailKey: normaliseEmail(staff.email), _id: staff.id });
      } catch (error) {
        // Both the `_id` and the email index report the same way; the email is the usual cause.
        if ((error as { errorType?: unknown } | null)?.errorType === 'uniqueViolated') throw new DuplicateKeyError('staff id or email');
        throw error;
      }
      await log.durable();
    },
    get: find,
    async getByEmail(email) {
      const doc = await db().findOneAsync({ emailKey: normaliseEmail(email) });
      return doc ? account(doc) : null;
    },
    async list() {
      return (await db().findAsync({})).map(account).sort(byStaffAge);
    },
    async count() {
      return db().countAsync({});
    },
    async update(id, changes, at) {
      await write(id, { $set: { ...plainJson(changes), updatedAt: at } });
      return find(id);
    },
    async recordFailedLogin(id) {
      await write(id, { $inc: { failedLogins: 1 } });
      return (await find(id))?.failedLogins ?? 0;
    },
    async lockUntil(id, until) {
      await write(id, { $set: { failedLogins: 0, lockedUntil: until } });
    },
    async resetFailedLogins(id) {
      await write(id, { $set: { failedLogins: 0, lockedUntil: 0 } });
    },
    async revokeSessions(id) {
      await write(id, { $inc: { sessionEpoch: 1 } });
    },
  };
}

export function auditRepo(db: () => Datastore<AuditEntry>, log: GroupCommit): AuditRepo {
  return {
    async append(newEntry) {
      const stored: AuditEntry = plainJson({ ...newEntry, id: newAuditId(newEntry.at) });
      await db().insertAsync({ ...stored, _id: stored.id });
      await log.durable();
      return stored;
    },
    async list({ limit, before }) {
      const query = before === undefined ? {} : { _id: { $lt: before } };
      const docs = await db().findAsync(query).sort({ _id: -1 }).limit(limit);
      return docs.map(entry);
    },
  };
}
