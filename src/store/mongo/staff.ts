/** Staff accounts and the audit log on MongoDB (see schemas.ts for the unique indexes). */
import { normaliseEmail, type AuditEntry, type StaffAccount } from '../../core/staff.ts';
import { newAuditId, plainJson } from '../common.ts';
import { DuplicateKeyError, type AuditRepo, type StaffRepo } from '../ports.ts';
import type { Models } from './schemas.ts';

/** Storage-only fields are dropped in code (some wire-compatible engines ignore exclusion projections). */
function account(doc: object): StaffAccount {
  const { _id, __v, emailKey, ...rest } = doc as StaffAccount & { _id?: unknown; __v?: unknown; emailKey?: unknown };
  return rest;
}
function entry(doc: object): AuditEntry {
  const { _id, __v, ...rest } = doc as AuditEntry & { _id?: unknown; __v?: unknown };
  return rest;
}

export function staffRepo(model: Models['staff']): StaffRepo {
  async function find(id: string): Promise<StaffAccount | null> {
    const doc = await model.findOne({ id }).lean().exec();
    return doc ? account(doc) : null;
  }
  return {
    async create(staff) {
      try {
        await model.create({ ...plainJson(staff), emailKey: normaliseEmail(staff.email) });
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code === 11000) throw new DuplicateKeyError('staff id or email');
        throw error;
      }
    },
    get: find,
    async getByEmail(email) {
      const doc = await model
        .findOne({ emailKey: normaliseEmail(email) })
        .lean()
        .exec();
      return doc ? account(doc) : null;
    },
    async list() {
      const docs = await model.find({}).sort({ createdAt: 1, id: 1 }).lean().exec();
      return docs.map(account);
    },
    async count() {
      return model.countDocuments({}).exec();
    },
    async update(id, changes, at) {
      await model.updateOne({ id }, { $set: { ...plainJson(changes), updatedAt: at } }).exec();
      return find(id);
    },
    async recordFailedLogin(id) {
      // $inc is atomic; reading back separately may see a racing failure too, which only
      // makes the lock come one attempt sooner.
      await model.updateOne({ id }, { $inc: { failedLogins: 1 } }).exec();
      return (await find(id))?.failedLogins ?? 0;
    },
    async lockUntil(id, until) {
      await model.updateOne({ id }, { $set: { failedLogins: 0, lockedUntil: until } }).exec();
    },
    async resetFailedLogins(id) {
      await model.updateOne({ id }, { $set: { failedLogins: 0, lockedUntil: 0 } }).exec();
    },
    async revokeSessions(id) {
      await model.updateOne({ id }, { $inc: { sessionEpoch: 1 } }).exec();
    },
  };
}

export function auditRepo(model: Models['audit']): AuditRepo {
  return {
    async append(newEntry) {
      const stored: AuditEntry = plainJson({ ...newEntry, id: newAuditId(newEntry.at) });
      await model.create(stored);
      return stored;
    },
    async list({ limit, before }) {
      const query = before === undefined ? {} : { id: { $lt: before } };
      const docs = await model.find(query).sort({ id: -1 }).limit(limit).lean().exec();
      return docs.map(entry);
    },
  };
}
