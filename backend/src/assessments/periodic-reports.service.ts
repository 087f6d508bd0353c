import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/decorators';
import { CalendarService } from '../calendar/calendar.service';
import { conflict, fieldError, invalidInput } from '../common/errors';
import { Contract } from '../contracts/contract.entity';
import { forUpdate } from '../database/row-lock';
import { isUniqueViolation } from '../database/unique-violation';
import { chinaDay } from '../documents/format';
import { assertReadsContract, contractsReached } from '../contracts/contract-scope';
import {
  expectedReports,
  parsePeriod,
  reportDueDate,
  reportPeriods,
  reportStatus,
  submittedLate,
  type ExpectedReport,
  type ReportKind,
} from '../domain/contracts/periodic-reports';
import { CONTRACT, can } from '../domain/lifecycles';
import type { PeriodicReportView } from '../domain/wire/reports';
import { daysAfter } from './deadlines';
import type { CheckedFile } from '../common/uploads/file-upload';
import { hasFile, PeriodicReport } from './periodic-report.entity';

type FullContract = Contract & Required<Pick<Contract, 'tender' | 'bidder'>>;

const notFound = () => new NotFoundException('报告不存在 / report not found');

/**
 * The insurer's periodic reports (DOMAIN.md §8): what each contract asks for and where it stands, the
 * insurer's submissions (a file each, stored with its SHA-256 like an assessment's files) and the
 * bureau's receipts, each audited. An insurer reaches its own contracts' reports only; another's is
 * "not found", so that its existence does not leak.
 */
@Injectable()
export class PeriodicReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
  ) {}

  /** The reports of the contracts the user reaches (or of one), as they stand on `today`. */
  async list(user: AuthUser, today: string, contractId?: number): Promise<PeriodicReportView[]> {
    const m = this.dataSource.manager;
    const contracts = (await m.find(Contract, {
      where: {
        ...(contractId && { id: contractId }),
        ...contractsReached(user),
        status: Not('draft'),
      },
      relations: { tender: true, bidder: true },
      order: { tenderId: 'ASC', lotNo: 'ASC', year: 'ASC' },
    })) as FullContract[];
    const asked = contracts.filter((c) => c.reportRules?.length);
    if (!asked.length) return [];
    const [stored, calendar] = await Promise.all([
      m.find(PeriodicReport, { where: { contractId: In(asked.map((c) => c.id)) }, order: { id: 'ASC' } }),
      this.calendar.calendar(m),
    ]);
    return asked.flatMap((c) => {
      const inForce = can(CONTRACT, c.status, 'report');
      return expectedReports(c.reportRules, c.year, calendar).flatMap((r) => {
        const report = stored.find((s) => s.contractId === c.id && s.kind === r.kind && s.period === r.period) ?? null;
        // A terminated contract awaits nothing more; what it received stays listed.
        return inForce || report ? [reportView(c, r, report, today)] : [];
      });
    });
  }

  /**
   * The insurer submits the report of a period, late or not (a late one says so). Until the bureau has
   * received it, a new file replaces the one before (both audited); after that it stands.
   */
  async submit(user: AuthUser, contractId: number, kind: ReportKind, period: string, file: CheckedFile, now = new Date()) {
    try {
      return await this.dataSource.transaction((m) => this.store(m, user, contractId, kind, period, file, now));
    } catch (e) {
      // Two first submissions at once: the one that lost the unique key replaces the other's file.
      if (!isUniqueViolation(e)) throw e;
      return this.dataSource.transaction((m) => this.store(m, user, contractId, kind, period, file, now));
    }
  }

  private async store(m: EntityManager, user: AuthUser, contractId: number, kind: ReportKind, period: string, f: CheckedFile, now: Date) {
    const c = await this.visibleContract(m, user, contractId);
    const rule = c.reportRules?.find((r) => r.kind === kind);
    if (!rule) throw invalidInput([fieldError('kind', 'reportNotRequired', { kind })]);
    if (parsePeriod(kind, period)?.year !== c.year)
      throw invalidInput([fieldError('period', 'reportPeriod', { kind, example: reportPeriods(kind, c.year)[0] })]);
    if (!can(CONTRACT, c.status, 'report')) throw conflict('contractNotInForce');
    // Locked: a receipt at the same moment waits, so a file is never replaced under a report just received.
    const before = await m.findOne(PeriodicReport, { where: { contractId, kind, period }, ...forUpdate(m) });
    if (before?.receivedOn) throw conflict('reportReceived');
    const dueDate = reportDueDate(rule, period, await this.calendar.calendar(m));
    const today = chinaDay(now);
    const submission = {
      dueDate,
      submittedOn: today,
      submittedAt: now,
      submittedBy: user.username,
      late: submittedLate(dueDate, today),
      fileName: f.fileName,
      mimeType: f.mimeType,
      size: f.content.length,
      sha256: f.sha256,
      content: f.content,
    };
    const repo = m.getRepository(PeriodicReport);
    if (before) await repo.update(before.id, submission);
    else await repo.insert({ contractId, kind, period, receivedOn: null, receivedAt: null, receivedBy: null, ...submission });
    const saved = await repo.findOneByOrFail({ contractId, kind, period });
    await this.audit.record(
      user,
      { action: 'report.submit', entityType: 'contract', entityId: contractId, before: before && figures(before), after: figures(saved) },
      m,
    );
    return reportView(c, { kind, period, dueDate }, saved, today);
  }

  /** The bureau acknowledges a submitted report (签收): who and when, once. */
  async receive(actor: AuthUser, id: number, now = new Date()) {
    return this.dataSource.transaction(async (m) => {
      // Locked: of two receipts at once, the second finds the first.
      const report = await m.findOne(PeriodicReport, { where: { id }, ...forUpdate(m) });
      if (!report) throw notFound();
      const c = await this.visibleContract(m, actor, report.contractId);
      if (report.receivedOn) throw conflict('reportReceived');
      const receipt = { receivedOn: chinaDay(now), receivedAt: now, receivedBy: actor.username };
      await m.update(PeriodicReport, id, receipt);
      const after = { ...report, ...receipt };
      await this.audit.record(
        actor,
        { action: 'report.receive', entityType: 'contract', entityId: c.id, before: figures(report), after: figures(after) },
        m,
      );
      return reportView(c, report, after, chinaDay(now));
    });
  }

  /** A report's file with its bytes, for those who reach its contract. */
  async file(user: AuthUser, id: number): Promise<PeriodicReport> {
    const report = await this.dataSource
      .getRepository(PeriodicReport)
      .createQueryBuilder('r')
      .addSelect('r.content')
      .where('r.id = :id', { id })
      .getOne();
    if (!report) throw notFound();
    await this.visibleContract(this.dataSource.manager, user, report.contractId);
    if (!hasFile(report)) throw new ConflictException('该报告随档案导入，没有报告文件 / imported with its dossier: the report has no file');
    return report;
  }

  private async visibleContract(m: EntityManager, user: AuthUser, id: number): Promise<FullContract> {
    const c = await m.findOne(Contract, { where: { id }, relations: { tender: true, bidder: true } });
    return assertReadsContract(user, c) as FullContract;
  }
}

/** What the audit keeps of a report (without its bytes). */
const figures = (r: Omit<PeriodicReport, 'id'>) => ({
  kind: r.kind,
  period: r.period,
  dueDate: r.dueDate,
  submittedOn: r.submittedOn,
  late: r.late,
  fileName: r.fileName,
  size: r.size,
  sha256: r.sha256,
  receivedOn: r.receivedOn,
  receivedBy: r.receivedBy,
});

/** A report as the API shows it: a stored one's submission and receipt, or what is awaited. */
function reportView(
  c: FullContract,
  r: Pick<ExpectedReport, 'kind' | 'period' | 'dueDate'>,
  report: PeriodicReport | null,
  today: string,
): PeriodicReportView {
  // A submitted report keeps the due day it was judged by.
  const dueDate = report?.dueDate ?? r.dueDate;
  const status = reportStatus({ dueDate, submittedOn: report?.submittedOn ?? null, receivedOn: report?.receivedOn ?? null }, today);
  return {
    id: report?.id ?? null,
    contractId: c.id,
    kind: r.kind,
    period: r.period,
    dueDate,
    status,
    late: report?.late ?? false,
    daysOverdue: status === 'overdue' ? daysAfter(dueDate, today) : 0,
    submittedOn: report?.submittedOn ?? null,
    submittedBy: report?.submittedBy ?? null,
    // A report imported with its dossier was submitted, without a file.
    fileName: report && hasFile(report) ? report.fileName : null,
    size: report && hasFile(report) ? report.size : null,
    sha256: report && hasFile(report) ? report.sha256 : null,
    receivedOn: report?.receivedOn ?? null,
    receivedBy: report?.receivedBy ?? null,
    receivedAt: report?.receivedAt ? report.receivedAt.toISOString() : null,
    tenderId: c.tenderId,
    tenderCode: c.tender.code,
    lotNo: c.lotNo,
    year: c.year,
    insurer: c.bidder.name,
    contractStatus: c.status,
  };
}
