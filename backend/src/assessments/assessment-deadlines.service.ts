import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Contract } from '../contracts/contract.entity';
import { PaymentMilestone } from '../contracts/payment-milestone.entity';
import { MilestoneEventsService } from '../contracts/milestone-events.service';
import { isUniqueViolation } from '../database/unique-violation';
import { chinaDay } from '../documents/format';
import { CalendarService } from '../calendar/calendar.service';
import { assessingScheme } from '../contracts/contract-document';
import { expectedReports } from '../domain/contracts/periodic-reports';
import { AssessmentScheme } from './assessment-scheme.entity';
import { ContractAssessment } from './contract-assessment.entity';
import { PeriodicReport } from './periodic-report.entity';
import { DeadlineNotice } from './deadline-notice.entity';
import { DeadlineFacts, overdueItems } from './deadlines';
import { runOnce } from '../database/job-runs';
import type { AuthUser } from '../auth/decorators';
import { contractsReached } from '../contracts/contract-scope';
import { Notifier } from '../common/notifier';
import type { DeadlineKind } from '../domain/assessments/assessment-codes';

export const DEADLINES_JOB = 'assessment-deadlines';

/** The deadlines of DOMAIN.md §8 that have been missed (assessments and periodic reports), and the daily job that records them. */
/** The deadlines that are the insurer's to meet: its annual report and periodic reports. */
const REPORT_DEADLINES = new Set<DeadlineKind>(['report', 'monthly-report', 'half-year-report', 'annual-report']);

@Injectable()
export class AssessmentDeadlinesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly milestones: MilestoneEventsService,
    private readonly notifications: Notifier,
  ) {}

  /**
   * Every deadline missed on `today` (a China day), with the contract it concerns and when the job first
   * noticed it: of the contracts `user` reaches (null: all, for the job).
   */
  async overdue(today: string, user: AuthUser | null = null) {
    const m = this.dataSource.manager;
    const [contracts, assessments, notices, schemes, reports, calendar] = await Promise.all([
      m.find(Contract, {
        where: user ? contractsReached(user) : {},
        relations: { tender: true, bidder: true },
        order: { tenderId: 'ASC', lotNo: 'ASC', year: 'ASC' },
      }),
      m.find(ContractAssessment),
      m.find(DeadlineNotice),
      m.find(AssessmentScheme),
      m.find(PeriodicReport, { select: { contractId: true, kind: true, period: true } }),
      this.calendar.calendar(m),
    ]);
    const milestoneIds = assessments.flatMap((a) => (a.rewardMilestoneId === null ? [] : [a.rewardMilestoneId]));
    const milestones = milestoneIds.length ? await m.findBy(PaymentMilestone, { id: In(milestoneIds) }) : [];
    const facts = contracts.map((c): DeadlineFacts => {
      const a = assessments.find((x) => x.contractId === c.id);
      // Before the assessment is opened, the scheme it will be opened with.
      const scheme = a
        ? schemes.find((s) => s.id === a.schemeId)
        : assessingScheme(
            c.rewardBudget !== null,
            schemes.filter((s) => s.tenderId === c.tenderId),
          );
      const submitted = reports.filter((r) => r.contractId === c.id);
      return {
        contractId: c.id,
        year: c.year,
        contractStatus: c.status,
        schemeDue: scheme?.due ?? null,
        reports: expectedReports(c.reportRules, c.year, calendar).map((r) => ({
          ...r,
          submitted: submitted.some((x) => x.kind === r.kind && x.period === r.period),
        })),
        assessment: a
          ? {
              id: a.id,
              status: a.status,
              finalDay: a.finalisedAt && chinaDay(a.finalisedAt),
              rewardMilestoneStatus: milestones.find((x) => x.id === a.rewardMilestoneId)?.status ?? null,
            }
          : null,
      };
    });
    return overdueItems(facts, today).map((item) => {
      const c = contracts.find((x) => x.id === item.contractId)!;
      const notice = notices.find((n) => n.kind === item.kind && n.contractId === item.contractId && n.period === item.period);
      return {
        ...item,
        tenderId: c.tenderId,
        tenderCode: c.tender!.code,
        lotNo: c.lotNo,
        year: c.year,
        insurer: c.bidder!.name,
        organizationId: c.bidder!.organizationId,
        noticedAt: notice?.noticedAt ?? null,
      };
    });
  }

  /**
   * The daily run: the `on-date` payments whose day has come become payable (DOMAIN.md §6.1), and each
   * deadline newly found missed is recorded once, as a notice and an audit entry. Once per day however
   * many servers run it (job_runs), and catching up on missed days by itself, since it releases and
   * records whatever is due and not yet done.
   */
  run(now: Date) {
    const today = chinaDay(now);
    return runOnce(this.dataSource, DEADLINES_JOB, today, async () => ({
      released: await this.milestones.releaseDue(now),
      ...(await this.notice(today)),
    }));
  }

  private async notice(today: string): Promise<{ noticed: number }> {
    let noticed = 0;
    for (const item of await this.overdue(today)) {
      if (item.noticedAt) continue;
      try {
        await this.dataSource.transaction(async (m) => {
          const { kind, contractId, period, dueDate } = item;
          await m.insert(DeadlineNotice, { kind, contractId, period, dueDate, noticedAt: new Date() });
          const after = { kind, ...(period && { period }), dueDate, assessmentId: item.assessmentId, daysOverdue: item.daysOverdue };
          await this.audit.record(null, { action: 'deadline.overdue', entityType: 'contract', entityId: item.contractId, after }, m);
          // The insurer's own deadlines (its reports) are told to it; the bureau's show on its desk.
          if (REPORT_DEADLINES.has(kind))
            await this.notifications.toInsurer(m, contractId, 'report-overdue', {
              type: 'contract',
              id: contractId,
              link: '/insurer/reports',
            });
        });
        noticed++;
      } catch (e) {
        // Noticed by a run that overlapped this one (the day before, still running): nothing to add.
        if (!isUniqueViolation(e)) throw e;
      }
    }
    return { noticed };
  }
}
