/**
 * Cases (complaints, suggestions, compliments) and sealed PSEA reports on MongoDB, each in a
 * collection of its own (see schemas.ts for the unique indexes on ref and code).
 */
import type { Case, CaseStatus, CaseType, PseaReport } from '../../core/domain.ts';
import { isWithdrawable, isWithdrawableReport, plainJson, retryingChange, samePseaContent, sealPseaReport, withPseaMessage } from '../common.ts';
import { DuplicateKeyError, type CaseRepo, type PseaReportRepo } from '../ports.ts';
import { isDuplicateKey, plain } from './docs.ts';
import type { Models } from './schemas.ts';
import { auditRepo } from './staff.ts';

export function caseRepo(model: Models['cases']): CaseRepo {
  async function find(ref: string): Promise<Case | null> {
    const doc = await model.findOne({ ref }).lean().exec();
    return doc ? plain<Case>(doc) : null;
  }
  return {
    async open(record) {
      try {
        await model.create(plainJson(record));
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const existing = await find(record.ref);
        if (existing && existing.contactKey !== record.contactKey) throw new DuplicateKeyError(`case ref ${record.ref}`);
      }
    },
    async withdraw(ref, contactKey) {
      const existing = await find(ref);
      if (isWithdrawable(existing, contactKey)) await model.deleteOne({ ref, status: 'open', updatedAt: existing.updatedAt }).exec();
    },
    get: find,
    async list(filter) {
      const query: { type?: CaseType; status?: CaseStatus } = {};
      if (filter?.type !== undefined) query.type = filter.type;
      if (filter?.status !== undefined) query.status = filter.status;
      const docs = await model.find(query).sort({ createdAt: 1, ref: 1 }).lean().exec();
      return docs.map((doc) => plain<Case>(doc));
    },
    async setStatus(ref, status, outcome, at) {
      const set = { status, ...(outcome !== undefined && { outcome }), updatedAt: at };
      const { matchedCount } = await model.updateOne({ ref }, { $set: set }).exec();
      return matchedCount === 0 ? null : find(ref);
    },
    async eraseByContact(contactKey) {
      await model.deleteMany({ contactKey }).exec();
    },
  };
}

/** Sealed (see PseaReportRepo). */
export function pseaReportRepo(model: Models['pseaReports'], auditModel: Models['pseaAudit']): PseaReportRepo {
  async function find(code: string): Promise<PseaReport | null> {
    const doc = await model.findOne({ code }).lean().exec();
    return doc ? plain<PseaReport>(doc) : null;
  }
  return {
    async file(report) {
      try {
        await model.create(plainJson(sealPseaReport(report)));
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const existing = await model.findOne({ code: report.code }).lean().exec();
        if (existing && !samePseaContent(plain<PseaReport>(existing), report)) throw new DuplicateKeyError('psea report code');
      }
    },
    async withdraw(code, createdAt) {
      const report = await find(code);
      if (isWithdrawableReport(report, createdAt)) await model.deleteOne({ code, status: 'open', updatedAt: report.updatedAt }).exec();
    },
    get: find,
    async list() {
      const docs = await model.find({}).sort({ createdAt: 1, code: 1 }).lean().exec();
      return docs.map((doc) => plain<PseaReport>(doc));
    },
    async count() {
      return model.countDocuments({}).exec();
    },
    async setStatus(code, status, at) {
      const { matchedCount } = await model.updateOne({ code }, { $set: { status, updatedAt: at } }).exec();
      return matchedCount === 0 ? null : find(code);
    },
    addMessage(code, message) {
      return retryingChange(async () => {
        const report = await find(code);
        const change = report && withPseaMessage(report, message);
        if (!change) return report;
        const { matchedCount } = await model.updateOne({ code, updatedAt: report.updatedAt }, { $set: plainJson(change) }).exec();
        return matchedCount === 0 ? 'conflict' : find(code);
      });
    },
    // Its own collection (psea_audit), never the staff audit collection.
    audit: auditRepo(auditModel),
  };
}
