import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { organizationScope, readsOrganization } from '../domain/access-policy';
import type { ReportRule } from '../domain/contracts/periodic-reports';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import type { AuditAction } from '../domain/audit-actions';
import { assertCan, Transitions } from '../audit/transitions';
import type { AuthUser } from '../auth/decorators';
import { Bidder } from '../bids/bidder.entity';
import { reviewDossier } from '../domain/bids/validity';
import { fieldError, invalidInput } from '../common/errors';
import { isUniqueViolation } from '../database/unique-violation';
import { chinaDay } from '../documents/format';
import { DossierSource } from '../tenders/dossier-source';
import type { Component } from '../domain/dossier/dossier.types';
import { ChallengesService } from '../evaluation/challenges.service';
import { EvaluationService } from '../evaluation/evaluation.service';
import { Lot } from '../tenders/lot.entity';
import { Tender } from '../tenders/tender.entity';
import { can, CONTRACT, eventInto, MILESTONE, targets } from '../domain/lifecycles';
import type { ContractChanges, SettlementPreview } from '../domain/wire/contracts';
import { settle } from '../domain/contracts/settlement';
import { Contract } from './contract.entity';
import { PaymentMilestone } from './payment-milestone.entity';
import { contractAmount, contractFees, serviceAmount } from '../domain/contracts/amounts';
import {
  dueDate,
  GatingCondition,
  milestoneAmounts,
  MilestoneSpec,
  scheduleMilestones,
  ScheduleTemplate,
} from '../domain/contracts/payment-schedule';
import { loadScheduleTemplates } from './schedule-templates';

/** The winner of an awarded lot and its bid after price correction: what a contract is drawn from. */
export interface AwardedLot {
  tender: Tender;
  lot: Lot;
  bidder: Bidder;
  bid: { unitPrice: string; serviceTotal: string; total: string; fixedComponents: Component[] };
  score: string;
}

/** Everything a contract is drawn up with, whether from the award or from last year's contract. */
interface Draft {
  tender: Tender;
  lot: Lot;
  year: number;
  bidderId: number;
  unitPrice: string;
  fixedFees: Component[];
  rewardBudget: string | null;
  scheduleTemplate: string;
  milestones: MilestoneSpec[];
  reportRules: ReportRule[] | null;
}

/** Next year's draft is prepared from 1 December of the year before (DOMAIN.md §8). */
const DRAFT_OPENS = '12-01';

const lastContractYear = (t: Tender) => t.firstContractYear + t.contractYears - 1;

@Injectable()
export class ContractsService {
  readonly schedules: ReadonlyMap<string, ScheduleTemplate> = loadScheduleTemplates();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly transitions: Transitions,
    private readonly evaluation: EvaluationService,
    private readonly dossiers: DossierSource,
    private readonly challenges: ChallengesService,
  ) {}

  /**
   * The winner of an awarded lot with its corrected bid. The one place that decides whether a lot is
   * awarded: it reads the tender's results (confirmed award once there is one), then the winner's bid
   * as price correction left it.
   */
  async awardedLot(tenderId: number, lotNo: string): Promise<AwardedLot> {
    const results = await this.evaluation.results(tenderId);
    const lotResult = results.lots.find((l) => l.no === lotNo);
    if (!lotResult) throw new NotFoundException('标包不存在 / lot not found');
    if (lotResult.status !== 'awarded' || !lotResult.winner) {
      throw new ConflictException(`第${lotNo}包未授标 / lot ${lotNo} is not awarded`);
    }
    const winner = lotResult.winner;
    const m = this.dataSource.manager;
    const review = reviewDossier(await this.dossiers.load(m, tenderId)).find((r) => r.lot === lotNo && r.bidder === winner)!;
    const [tender, lot, bidder] = await Promise.all([
      m.findOneByOrFail(Tender, { id: tenderId }),
      m.findOneByOrFail(Lot, { tenderId, no: lotNo }),
      m.findOneByOrFail(Bidder, { tenderId, code: winner }),
    ]);
    const { unitPrice, serviceTotal, total, fixedComponents } = review.corrected;
    // Contracts here are per-capita (DOMAIN.md §6): a lump-sum or rate-priced lot's contract is of another kind.
    if (unitPrice === null || serviceTotal === null || total === null || lot.basePopulation === null) {
      throw new ConflictException(`第${lotNo}包不是按单价报价，暂不能起草按人头付费合同 / lot ${lotNo} is not priced per capita`);
    }
    return {
      tender,
      lot,
      bidder,
      bid: { unitPrice, serviceTotal, total, fixedComponents },
      score: lotResult.bids.find((b) => b.bidder === winner)!.finalScore!,
    };
  }

  /** The bureau sees every contract; an insurer only those of its own organisation. */
  async list(user: AuthUser) {
    const org = organizationScope(user);
    const contracts = await this.dataSource.getRepository(Contract).find({
      where: org === null ? {} : { bidder: { organizationId: org } },
      relations: { tender: true, bidder: true },
      order: { tenderId: 'ASC', lotNo: 'ASC', year: 'ASC' },
    });
    const tenderIds = [...new Set(contracts.map((c) => c.tenderId))];
    const lots = tenderIds.length ? await this.dataSource.getRepository(Lot).findBy({ tenderId: In(tenderIds) }) : [];
    return contracts.map((c) =>
      summary(
        c,
        lots.find((l) => l.tenderId === c.tenderId && l.no === c.lotNo)!,
      ),
    );
  }

  /** A contract the user may see; another organisation's is "not found", so its existence does not leak. */
  async visible(user: AuthUser, id: number): Promise<Contract> {
    const contract = await this.dataSource.getRepository(Contract).findOne({ where: { id }, relations: { tender: true, bidder: true } });
    if (!contract || !readsOrganization(user, contract.bidder!.organizationId)) {
      throw new NotFoundException('合同不存在 / contract not found');
    }
    return contract;
  }

  async detail(user: AuthUser, id: number) {
    return this.withMilestones(await this.visible(user, id));
  }

  /** The year's settlement of a premium fund from the figures given (DOMAIN.md §6.2); nothing is stored. */
  async previewSettlement(user: AuthUser, id: number, f: SettlementPreview) {
    await this.visible(user, id);
    return settle({
      fund: f.fund,
      claims: f.claims,
      policyDeficit: f.policyDeficit,
      allowanceRate: String(f.allowanceRate),
      deficitRule: f.deficitRule === 'shared' ? { rule: 'shared', share: String(f.policyDeficitShare) } : { rule: f.deficitRule },
      retentions: f.retentions.map((r) => ({ kind: r.kind, share: String(r.share) })),
      assessment: { passed: f.assessmentPassed, failDeductionRate: f.failDeductionRate == null ? null : String(f.failDeductionRate) },
      paidOrPayable: f.paidOrPayable,
    });
  }

  private async withMilestones(contract: Contract) {
    const lot = await this.dataSource.getRepository(Lot).findOneByOrFail({ tenderId: contract.tenderId, no: contract.lotNo });
    return { ...summary(contract, lot), milestones: await this.milestones(contract.id) };
  }

  milestones(contractId: number, m: EntityManager = this.dataSource.manager): Promise<PaymentMilestone[]> {
    return m.find(PaymentMilestone, { where: { contractId }, order: { seq: 'ASC' } });
  }

  /** The draft contract of an awarded lot for one year of the tender's term. */
  async create(actor: Actor | null, tenderId: number, lotNo: string, year: number, scheduleCode: string) {
    const schedule = this.schedules.get(scheduleCode);
    if (!schedule) {
      throw invalidInput([
        fieldError('scheduleTemplate', 'notOneOfKnown', { what: 'scheduleTemplate', known: [...this.schedules.keys()] }),
      ]);
    }
    const award = await this.awardedLot(tenderId, lotNo);
    await this.challenges.assertContractsAllowed(tenderId);
    const { tender, lot } = award;
    if (year < tender.firstContractYear || year > lastContractYear(tender)) {
      throw invalidInput([fieldError('year', 'contractTerm', { first: tender.firstContractYear, last: lastContractYear(tender) })]);
    }
    const draft: Draft = {
      tender,
      lot,
      year,
      bidderId: award.bidder.id,
      unitPrice: award.bid.unitPrice,
      fixedFees: contractFees(lot.fixedComponents),
      rewardBudget: lot.rewardBudget,
      scheduleTemplate: schedule.code,
      milestones: schedule.milestones,
      reportRules: schedule.reports?.length ? schedule.reports : null,
    };
    try {
      const contract = await this.dataSource.transaction((m) => this.insertDraft(m, actor, draft, 'contract.create'));
      return this.withMilestones({ ...contract, tender, bidder: award.bidder });
    } catch (e) {
      if (isUniqueViolation(e))
        throw new ConflictException(`第${lotNo}包${year}年度合同已存在 / the contract of lot ${lotNo} for ${year} exists`);
      throw e;
    }
  }

  /**
   * Enter the population (a draft's amounts and milestones follow) and move the status on (the
   * CONTRACT lifecycle: the requested status names the event that leads there). The change applies only
   * to the version the caller saw; the audit entry keeps the figures before and after.
   */
  async update(actor: Actor | null, id: number, dto: ContractChanges) {
    const updated = await this.dataSource.transaction(async (m) => {
      const contract = await m.findOne(Contract, { where: { id }, relations: { tender: true, bidder: true } });
      if (!contract) throw new NotFoundException('合同不存在 / contract not found');
      if (contract.version !== dto.version) throw this.stale(contract.version);
      const before = figures(contract);
      const from = contract.status;
      const milestones = await this.milestones(id, m);
      if (dto.population != null && dto.population !== contract.population) {
        if (!can(CONTRACT, from, 'amend')) {
          throw invalidInput([fieldError('population', 'populationFixed')]);
        }
        Object.assign(contract, amounts(contract.unitPrice, dto.population, contract.fixedFees), { population: dto.population });
        milestoneAmounts(milestones, bases(contract)).forEach((amount, i) => (milestones[i].amount = amount));
      }
      const to = dto.status != null && dto.status !== from ? dto.status : undefined;
      const event = to && eventInto(CONTRACT, to);
      if (to) {
        // No move leads back to a draft: a request that could never succeed, unlike a move the state forbids (409).
        if (!event) throw invalidInput([fieldError('status', 'noMoveTo', { to })]);
        assertCan(CONTRACT, from, event, `合同状态不能从${from}改为${to} / cannot go from ${from} to ${to}`);
        if (event === 'sign') {
          await this.challenges.assertContractsAllowed(contract.tenderId, m);
          this.sign(contract, milestones);
        }
        contract.status = to;
      }
      const { population, serviceAmount, contractAmount, signedAt } = contract;
      const columns = { population, serviceAmount, contractAmount, signedAt };
      const audit = { action: 'contract.update' as const, before, after: figures(contract) };
      // The version in the WHERE clause makes a concurrent save of the same version lose, not overwrite;
      // the update raises the version by one.
      if (event) {
        await this.transitions.move(m, CONTRACT, Contract, {
          id,
          from,
          event,
          actor,
          set: columns,
          where: { version: dto.version },
          ...audit,
        });
      } else {
        const result = await m.update(Contract, { id, version: dto.version }, columns);
        if (!result.affected) throw this.stale(dto.version + 1);
        await this.audit.record(actor, { ...audit, entityType: 'contract', entityId: id }, m);
      }
      await m.save(milestones);
      if (event === 'sign') await this.releaseOnSigning(m, actor, contract, milestones);
      return m.findOneOrFail(Contract, { where: { id }, relations: { tender: true, bidder: true } });
    });
    return this.withMilestones(updated);
  }

  /**
   * A gating condition has been met (a passed assessment, an acceptance): the earliest milestone
   * waiting for it becomes payable. One event releases one payment, as with semi-annual payments each
   * after its own evaluation. Returns the released milestone, or null when none was waiting.
   */
  /**
   * Release the earliest payment waiting for `condition`. A milestone paid out of the reward budget
   * becomes the reward actually earned (DOMAIN.md §6–7: 80% for 良好, …) when the assessment says so.
   */
  async unblock(
    contractId: number,
    condition: GatingCondition,
    actor: Actor | null = null,
    m: EntityManager = this.dataSource.manager,
    earnedReward?: string,
  ) {
    const contract = await m.findOneBy(Contract, { id: contractId });
    if (!contract) throw new NotFoundException('合同不存在 / contract not found');
    assertCan(CONTRACT, contract.status, 'pay', '合同未签订或已终止 / the contract is not in force');
    const milestone = await m.findOne(PaymentMilestone, {
      where: { contractId, trigger: condition, status: In(MILESTONE.events.unblock.from) },
      order: { seq: 'ASC' },
    });
    if (!milestone) return null;
    const before = { amount: milestone.amount };
    if (milestone.base === 'reward' && earnedReward !== undefined) milestone.amount = earnedReward;
    await this.moveMilestone(m, actor, milestone, 'unblock', before, { seq: milestone.seq, condition, amount: milestone.amount });
    return milestone;
  }

  /** Signing makes the milestones that waited only for it payable, each move recorded against the contract. */
  private async releaseOnSigning(m: EntityManager, actor: Actor | null, contract: Contract, milestones: PaymentMilestone[]) {
    for (const milestone of milestones.filter((x) => can(MILESTONE, x.status, 'sign'))) {
      const { seq, amount, dueDate } = milestone;
      await this.moveMilestone(m, actor, milestone, 'sign', null, { seq, amount, dueDate, signedAt: contract.signedAt });
    }
  }

  private async moveMilestone(
    m: EntityManager,
    actor: Actor | null,
    milestone: PaymentMilestone,
    event: 'sign' | 'unblock',
    before: object | null,
    after: object,
  ) {
    await this.transitions.move(m, MILESTONE, PaymentMilestone, {
      id: milestone.id,
      from: milestone.status,
      event,
      actor,
      set: { amount: milestone.amount },
      subject: { entityType: 'contract', entityId: milestone.contractId },
      action: `milestone.${event}`,
      before,
      after,
    });
    [milestone.status] = targets(MILESTONE, event);
  }

  /**
   * Next year's draft of every lot whose contract year is ending: from 1 December, within the tender's
   * term, unless the contract was terminated. The draft copies last year's winner, price, fees and
   * schedule; the population waits for the bureau. Safe to run any number of times and on several
   * servers at once: the unique (tender, lot, year) index lets exactly one insert through.
   */
  async draftNextYears(now: Date): Promise<Contract[]> {
    const today = chinaDay(now);
    const all = await this.dataSource.getRepository(Contract).find({ relations: { tender: true }, order: { year: 'DESC' } });
    const latest = new Map<string, Contract>();
    for (const c of all) if (!latest.has(`${c.tenderId}|${c.lotNo}`)) latest.set(`${c.tenderId}|${c.lotNo}`, c);
    const created: Contract[] = [];
    for (const previous of latest.values()) {
      const tender = previous.tender!;
      if (
        !can(CONTRACT, previous.status, 'renew') ||
        previous.year >= lastContractYear(tender) ||
        today < `${previous.year}-${DRAFT_OPENS}`
      )
        continue;
      const lot = await this.dataSource.getRepository(Lot).findOneByOrFail({ tenderId: tender.id, no: previous.lotNo });
      const milestones = (await this.milestones(previous.id)).map((x): MilestoneSpec => ({
        name: x.name,
        base: x.base,
        trigger: x.trigger,
        ...(x.share !== null ? { share: x.share } : { amount: x.fixedAmount! }),
        ...(x.dueRule && { due: x.dueRule }),
      }));
      const { bidderId, unitPrice, fixedFees, rewardBudget, scheduleTemplate, reportRules } = previous;
      const draft: Draft = {
        tender,
        lot,
        year: previous.year + 1,
        bidderId,
        unitPrice,
        fixedFees,
        rewardBudget,
        scheduleTemplate,
        milestones,
        reportRules,
      };
      try {
        created.push(await this.dataSource.transaction((m) => this.insertDraft(m, null, draft, 'contract.draft-next-year')));
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
    }
    return created;
  }

  private async insertDraft(m: EntityManager, actor: Actor | null, d: Draft, action: AuditAction): Promise<Contract> {
    const population = d.lot.basePopulation;
    if (population === null) throw new ConflictException(`第${d.lot.no}包不是按单价报价 / lot ${d.lot.no} is not priced per capita`);
    const contract = await m.save(
      m.create(Contract, {
        tenderId: d.tender.id,
        lotNo: d.lot.no,
        year: d.year,
        bidderId: d.bidderId,
        unitPrice: d.unitPrice,
        population: null,
        ...amounts(d.unitPrice, population, d.fixedFees),
        fixedFees: d.fixedFees,
        rewardBudget: d.rewardBudget,
        scheduleTemplate: d.scheduleTemplate,
        reportRules: d.reportRules,
        status: 'draft',
        signedAt: null,
      }),
    );
    const scheduled = scheduleMilestones(d.milestones, { year: d.year, bases: bases(contract), signedOn: null });
    await m.save(scheduled.map((s) => m.create(PaymentMilestone, { ...s, contractId: contract.id })));
    await this.audit.record(
      actor,
      {
        action,
        entityType: 'contract',
        entityId: contract.id,
        after: { tender: d.tender.code, lot: d.lot.no, year: d.year, ...figures(contract), reportRules: d.reportRules },
      },
      m,
    );
    return contract;
  }

  /** Signing fixes the day payments are counted from, and so the milestones' due dates. */
  private sign(contract: Contract, milestones: PaymentMilestone[]) {
    if (contract.population === null) {
      throw invalidInput([fieldError('population', 'populationBeforeSigning')]);
    }
    contract.signedAt = new Date();
    const signedOn = chinaDay(contract.signedAt);
    for (const milestone of milestones) {
      milestone.dueDate = dueDate(milestone.dueRule, contract.year, signedOn);
    }
  }

  private stale(current: number) {
    return new ConflictException(
      `合同已被他人修改（当前版本${current}），请刷新后重试 / the contract changed (now version ${current}); reload and retry`,
    );
  }
}

/** The amounts of a year at a population (the lot's base population while the real one is unknown). */
function amounts(unitPrice: string, population: number, fees: Component[]) {
  const service = serviceAmount(unitPrice, population);
  return { serviceAmount: service, contractAmount: contractAmount(service, fees) };
}

const bases = (c: Contract) => ({ contract: c.contractAmount, reward: c.rewardBudget });

/** What the audit keeps of a contract change. */
const figures = (c: Contract) => ({
  status: c.status,
  population: c.population,
  unitPrice: c.unitPrice,
  serviceAmount: c.serviceAmount,
  contractAmount: c.contractAmount,
});

/** A contract as the API shows it: its own fields with the names of its tender, lot and insurer. */
function summary(c: Contract, lot: Lot) {
  const { tender, bidder, ...own } = c;
  return {
    ...own,
    tenderCode: tender!.code,
    tenderName: tender!.name,
    purchaser: tender!.purchaser,
    lotName: lot.name,
    regions: lot.regions,
    basePopulation: lot.basePopulation,
    insurer: bidder!.name,
  };
}
