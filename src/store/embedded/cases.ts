/**
 * Cases (complaints, suggestions, compliments) and sealed PSEA reports in the embedded store,
 * kept apart from index.ts so that file stays readable. Each has its own nedb file (the
 * reports' file is read by nothing else: see PseaReportRepo). Same durability as the rest:
 * a write resolves once it is in the file.
 */
import type nedb from '@seald-io/nedb';
import type { Case, PseaReport } from '../../core/domain.ts';
import type { AuditEntry } from '../../core/staff.ts';
import { byCaseAge, byPseaReportAge, isWithdrawable, isWithdrawableReport, plainJson, retryingChange, samePseaContent, sealPseaReport, withPseaMessage } from '../common.ts';
import { DuplicateKeyError, type CaseRepo, type PseaReportRepo } from '../ports.ts';
import { eraseFromFile, insertIfNew, withoutId, type Doc } from './docs.ts';
import type { GroupCommit } from './group-commit.ts';
import { auditRepo } from './staff.ts';

type Datastore<T> = nedb.default<Doc<T>>;

/** `_id` is the ref. */
export function caseRepo(db: () => Datastore<Case>, log: GroupCommit): CaseRepo {
  async function find(ref: string): Promise<Case | null> {
    const doc = await db().findOneAsync({ _id: ref });
    return doc ? withoutId<Case>(doc) : null;
  }
  return {
    async open(record) {
      if (await insertIfNew(db(), { ...plainJson(record), _id: record.ref })) return log.durable();
      const existing = await find(record.ref);
      if (existing && existing.contactKey !== record.contactKey) throw new DuplicateKeyError(`case ref ${record.ref}`);
      // Already there, maybe from a racing call whose line is not in the file yet.
      await log.durable();
    },
    async withdraw(ref, contactKey) {
      const record = await find(ref);
      if (isWithdrawable(record, contactKey)) await eraseFromFile(db(), { _id: ref, status: 'open', updatedAt: record.updatedAt }, log);
    },
    get: find,
    async list(filter) {
      const query: Partial<Pick<Case, 'type' | 'status'>> = {};
      if (filter?.type !== undefined) query.type = filter.type;
      if (filter?.status !== undefined) query.status = filter.status;
      return (await db().findAsync(query)).map((doc) => withoutId<Case>(doc)).sort(byCaseAge);
    },
    async setStatus(ref, status, outcome, at) {
      const { numAffected } = await db().updateAsync({ _id: ref }, { $set: { status, ...(outcome !== undefined && { outcome }), updatedAt: at } }, {});
      if (numAffected === 0) return null;
      await log.durable();
      return find(ref);
    },
    async eraseByContact(contactKey) {
      await eraseFromFile(db(), { contactKey }, log);
    },
  };
}

/** Sealed (see PseaReportRepo). `_id` is the follow-up code. The sealed audit trail is a file
 * of its own (`psea-audit.db`), never a line in `audit.db`. */
export function pseaReportRepo(db: () => Datastore<PseaReport>, log: GroupCommit, auditDb: () => Datastore<AuditEntry>, auditLog: GroupCommit): PseaReportRepo {
  async function find(code: string): Promise<PseaReport | null> {
    const doc = await db().findOneAsync({ _id: code });
    return doc ? withoutId<PseaReport>(doc) : null;
  }
  return {
    async file(report) {
      if (await insertIfNew(db(), { ...plainJson(sealPseaReport(report)), _id: report.code })) return log.durable();
      const existing = await db().findOneAsync({ _id: report.code });
      if (existing && !samePseaContent(withoutId<PseaReport>(existing), report)) throw new DuplicateKeyError('psea report code');
      await log.durable(); // as in cases.open: the stored one may not be in the file yet
    },
    async withdraw(code, createdAt) {
      const report = await find(code);
      // Rewritten out of the file, like an erasure: the person's words must not linger in it.
      if (isWithdrawableReport(report, createdAt)) await eraseFromFile(db(), { _id: code, status: 'open', updatedAt: report.updatedAt }, log);
    },
    get: find,
    async list() {
      return (await db().findAsync({})).map((doc) => withoutId<PseaReport>(doc)).sort(byPseaReportAge);
    },
    async count() {
      return db().countAsync({});
    },
    async setStatus(code, status, at) {
      const { numAffected } = await db().updateAsync({ _id: code }, { $set: { status, updatedAt: at } }, {});
      if (numAffected === 0) return null;
      await log.durable();
      return find(code);
    },
    addMessage(code, message) {
      return retryingChange(async () => {
        const report = await find(code);
        const change = report && withPseaMessage(report, message);
        if (!change) return report;
        const { numAffected } = await db().updateAsync({ _id: code, updatedAt: report.updatedAt }, { $set: plainJson(change) }, {});
        if (numAffected === 0) return 'conflict';
        await log.durable();
        return find(code);
      });
    },
    audit: auditRepo(auditDb, auditLog),
  };
}
