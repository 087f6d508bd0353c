import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, MoreThan, Not } from 'typeorm';
import { AssessmentDeadlinesService } from '../assessments/assessment-deadlines.service';
import { AssessmentObjection } from '../assessments/assessment-objection.entity';
import { ContractAssessment } from '../assessments/contract-assessment.entity';
import { PeriodicReportsService } from '../assessments/periodic-reports.service';
import type { AuthUser } from '../auth/decorators';
import { BackupService } from '../backup/backup.service';
import { awaitingAmounts } from '../bids/opening-lines';
import { Bid } from '../bids/bid.entity';
import { BidEnvelope } from '../bids/bid-envelope.entity';
import { Bidder } from '../bids/bidder.entity';
import { OpeningLine } from '../bids/opening-line.entity';
import { Contract } from '../contracts/contract.entity';
import { PaymentMilestone } from '../contracts/payment-milestone.entity';
import { ContractSettlement } from '../contracts/settlement.entity';
import { chinaDay } from '../documents/format';
import { label } from '../domain/labels';
import { adminDesk, bureauDesk, byDue, expertDesk, insurerDesk, procurementDesk, type Clock, type DeskItem } from '../domain/desk/desk';
import { Challenge } from '../evaluation/challenge.entity';
import { PanelMember } from '../panel/panel-member.entity';
import { ScoreSheet } from '../panel/score-sheet.entity';
import { Lot } from '../tenders/lot.entity';
import { TenderOpening } from '../tenders/tender-opening.entity';
import { Tender } from '../tenders/tender.entity';
import { User } from '../users/user.entity';
import { contractName } from './notifications.service';

/**
 * The desk (待办) of the signed-in user: the facts of its role, read within what the user may see
 * (DOMAIN.md §1), handed to the role's pure function in domain/desk.
 */
@Injectable()
export class DeskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deadlines: AssessmentDeadlinesService,
    private readonly reports: PeriodicReportsService,
    private readonly backups: BackupService,
  ) {}

  async desk(user: AuthUser, now = new Date()): Promise<DeskItem[]> {
    const clock: Clock = { today: chinaDay(now), now };
    switch (user.role) {
      case 'expert':
        return byDue(expertDesk(await this.expertFacts(user)));
      case 'procurement':
        return byDue(procurementDesk(await this.procurementFacts(), clock));
      case 'bureau':
        return byDue(bureauDesk(await this.bureauFacts(clock), clock));
      case 'insurer':
        return byDue(insurerDesk(await this.insurerFacts(user, clock), clock));
      default:
        return adminDesk(user.role, await this.adminFacts(user, now));
    }
  }

  private async expertFacts(user: AuthUser) {
    const m = this.dataSource.manager;
    const seats = await m.find(PanelMember, {
      where: { userId: user.id, declaration: Not('conflict'), tender: { status: In(['opened', 'qualification', 'evaluation']) } },
      relations: { tender: true },
      order: { tenderId: 'ASC' },
    });
    // A seat with no declaration yet reads as declaration null: Not('conflict') drops NULL in SQL, so those come apart.
    const undeclared = await m.find(PanelMember, {
      where: { userId: user.id, declaration: IsNull(), tender: { status: In(['opened', 'qualification', 'evaluation']) } },
      relations: { tender: true },
    });
    const all = [...undeclared, ...seats];
    const tenderIds = all.map((s) => s.tenderId);
    const [lots, sheets] = tenderIds.length
      ? await Promise.all([
          m.find(Lot, { where: { tenderId: In(tenderIds), status: 'opened' }, order: { evaluationOrder: 'ASC', id: 'ASC' } }),
          m.find(ScoreSheet, { where: { panelMemberId: In(all.map((s) => s.id)) } }),
        ])
      : [[], []];
    return {
      seats: all.map((s) => ({
        tender: { id: s.tenderId, name: s.tender!.name },
        declared: s.declaration !== null,
        lots: lots
          .filter((l) => l.tenderId === s.tenderId)
          .map((l) => ({
            no: l.no,
            name: l.name,
            sheet: sheets.find((x) => x.panelMemberId === s.id && x.lotId === l.id)?.status ?? null,
          })),
      })),
    };
  }

  private async procurementFacts() {
    const m = this.dataSource.manager;
    const tenders = await m.find(Tender, {
      where: { status: In(['published', 'closed', 'opened', 'qualification', 'evaluation', 'awarded']) },
      order: { id: 'ASC' },
    });
    const ids = tenders.map((t) => t.id);
    const [disputes, challenges] = ids.length
      ? await Promise.all([
          m.find(OpeningLine, { where: { tenderId: In(ids), status: 'disputed' }, select: { tenderId: true } }),
          m.find(Challenge, { where: { tenderId: In(ids), status: 'filed' }, select: { tenderId: true } }),
        ])
      : [[], []];
    const count = (rows: { tenderId: number }[], id: number) => rows.filter((r) => r.tenderId === id).length;
    return {
      tenders: await Promise.all(
        tenders.map(async (t) => ({
          id: t.id,
          name: t.name,
          status: t.status,
          openingTime: t.openingTime,
          awaitingAmounts: t.status === 'opened' ? await awaitingAmounts(m, t.id) : 0,
          disputes: count(disputes, t.id),
          challenges: count(challenges, t.id),
        })),
      ),
    };
  }

  private async bureauFacts(clock: Clock) {
    const m = this.dataSource.manager;
    const contracts = await m.find(Contract, { where: { status: Not('terminated') }, relations: { tender: true }, order: { id: 'ASC' } });
    const ids = contracts.map((c) => c.id);
    const named = (c: Contract) => ({ id: c.id, name: contractName(c) });
    const byId = new Map(contracts.map((c) => [c.id, c]));
    const [milestones, assessments, settlements] = ids.length
      ? await Promise.all([
          m.find(PaymentMilestone, {
            where: { contractId: In(ids), status: In(['pending', 'payable']) },
            order: { contractId: 'ASC', seq: 'ASC' },
          }),
          m.find(ContractAssessment, {
            where: { contractId: In(ids) },
            select: { id: true, contractId: true, status: true, objectionDeadline: true },
          }),
          m.find(ContractSettlement, { where: { contractId: In(ids) }, select: { contractId: true } }),
        ])
      : [[], [], []];
    const open = assessments.filter((a) => a.status === 'published');
    const objections = open.length
      ? await m.find(AssessmentObjection, {
          where: { assessmentId: In(open.map((a) => a.id)), answeredAt: IsNull() },
          select: { assessmentId: true },
        })
      : [];
    const reports = await this.reports.list({ id: 0, username: '', role: 'bureau', organizationId: null }, clock.today);
    const overdue = await this.deadlines.overdue(clock.today);
    return {
      contracts: contracts.map((c) => ({
        ...named(c),
        status: c.status,
        premium: c.kind === 'premium',
        assessmentFinal: assessments.some((a) => a.contractId === c.id && a.status === 'final'),
        settled: settlements.some((s) => s.contractId === c.id),
      })),
      // Payments fall under a contract in force only.
      milestones: milestones
        .filter((ms) => byId.get(ms.contractId)!.status === 'signed')
        .map((ms) => ({
          contract: named(byId.get(ms.contractId)!),
          name: ms.name,
          status: ms.status,
          trigger: ms.trigger,
          dueDate: ms.dueDate,
          appliedOn: ms.appliedOn,
        })),
      assessments: assessments
        .filter((a) => a.status !== 'final')
        .map((a) => ({
          id: a.id,
          contract: named(byId.get(a.contractId)!),
          status: a.status,
          objectionDeadline: a.objectionDeadline,
          unanswered: objections.filter((o) => o.assessmentId === a.id).length,
        })),
      reportsToReceive: reports
        .filter((r) => r.status === 'submitted' && byId.has(r.contractId))
        .map((r) => ({
          contract: named(byId.get(r.contractId)!),
          period: `${label('reportKind', r.kind)} ${r.period}`,
          dueDate: r.dueDate,
        })),
      overdue: overdue
        .filter((o) => byId.has(o.contractId))
        .map((o) => ({
          contract: named(byId.get(o.contractId)!),
          kind: o.kind,
          period: `${label('deadlineKind', o.kind)}${o.period ? ` ${o.period}` : ''}`,
          dueDate: o.dueDate,
        })),
    };
  }

  private async insurerFacts(user: AuthUser, clock: Clock) {
    const m = this.dataSource.manager;
    const org = user.organizationId ?? -1;
    const bidders = await m.find(Bidder, { where: { organizationId: org }, relations: { tender: true } });
    const bidderIds = bidders.map((b) => b.id);
    const tenderIds = [...new Set(bidders.map((b) => b.tenderId))];
    const [envelopes, lines, openings] = bidderIds.length
      ? await Promise.all([
          // Before the opening a bid is its sealed envelope.
          m.find(BidEnvelope, { where: { bidderId: In(bidderIds), status: 'sealed' }, select: { id: true, tenderId: true } }),
          m
            .createQueryBuilder(OpeningLine, 'l')
            .innerJoin(Bid, 'b', 'b.id = l.bidId')
            .where('b.bidderId IN (:...bidderIds)', { bidderIds })
            .andWhere('l.status = :pending', { pending: 'pending' })
            .select(['l.id', 'l.tenderId'])
            .getMany(),
          m.find(TenderOpening, { where: { tenderId: In(tenderIds), status: 'confirming' } }),
        ])
      : [[], [], []];
    const contracts = await m.find(Contract, {
      where: { bidder: { organizationId: org } },
      relations: { tender: true },
      order: { id: 'ASC' },
    });
    const byId = new Map(contracts.map((c) => [c.id, c]));
    const named = (c: Contract) => ({ id: c.id, name: contractName(c) });
    const assessments = contracts.length
      ? await m.find(ContractAssessment, {
          where: { contractId: In(contracts.map((c) => c.id)) },
          select: { id: true, contractId: true, status: true, objectionDeadline: true },
        })
      : [];
    const reports = await this.reports.list(user, clock.today);
    const tenders = new Map(bidders.map((b) => [b.tenderId, b.tender!]));
    return {
      biddable: [...tenders.values()].map((t) => ({
        id: t.id,
        name: t.name,
        bidDeadline: t.bidDeadline,
        status: t.status,
        electronic: t.bidSubmission === 'electronic',
        bids: envelopes.filter((b) => b.tenderId === t.id).length,
      })),
      openingLines: openings.map((o) => ({
        tender: { id: o.tenderId, name: tenders.get(o.tenderId)!.name },
        pending: lines.filter((l) => l.tenderId === o.tenderId).length,
        windowEndsAt: o.windowEndsAt.toISOString(),
      })),
      contracts: contracts.map((c) => ({ ...named(c), status: c.status })),
      assessments: assessments.map((a) => ({
        id: a.id,
        contract: named(byId.get(a.contractId)!),
        status: a.status,
        objectionDeadline: a.objectionDeadline,
      })),
      reports: reports
        .filter((r) => byId.has(r.contractId))
        .map((r) => ({
          contract: named(byId.get(r.contractId)!),
          kind: r.kind,
          period: `${label('reportKind', r.kind)} ${r.period}`,
          dueDate: r.dueDate,
          status: r.status,
        })),
    };
  }

  private async adminFacts(user: AuthUser, now: Date) {
    const locked = await this.dataSource.getRepository(User).find({ where: { lockedUntil: MoreThan(now) }, order: { id: 'ASC' } });
    let backup = null;
    if (user.role === 'admin') {
      const status = await this.backups.status(1);
      const last = status.runs[0];
      backup = { scheduled: status.schedule !== null, lastFailed: last?.outcome?.ok === false, lastRunId: last?.id ?? null };
    }
    return {
      locked: locked.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        lockedUntil: u.lockedUntil!.toISOString(),
      })),
      backup,
    };
  }
}
