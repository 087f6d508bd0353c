import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
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
import { tenderOfBuyer } from '../tenders/tender-access';
import { can, CONTRACT, eventInto, MILESTONE } from '../domain/lifecycles';
import type { ContractChanges, ContractFilter, CreateContract, SettlementPreview } from '../domain/wire/contracts';
import { containing, findPage, type SortColumns, withAnyOf } from '../common/paging';
import { settle } from '../domain/contracts/settlement';
import { Contract } from './contract.entity';
import { assertReadsContract, contractsReached } from './contract-scope';
import { PaymentMilestone } from './payment-milestone.entity';
import { TenderSchedule } from './tender-schedule.entity';
import { annual, baseAmounts, contractFigures, ContractInputs, contractKindOf, contractTerm } from '../domain/contracts/amounts';
import {
  AMOUNT_LATER,
  assessedAmount,
  AssessmentOutcome,
  dueDate,
  milestoneAmounts,
  MilestoneSpec,
  Schedule,
  scheduleCovers,
  scheduleFitsKind,
  scheduleMilestones,
  statusFor,
} from '../domain/contracts/payment-schedule';
import { MilestoneEventsService } from './milestone-events.service';
import type { ContractKind } from '../domain/dossier/dossier.types';
import { loadScheduleTemplates, normalised } from './schedule-templates';
import { FieldError } from '../domain/errors';

/** The winner of an awarded lot and its bid after price correction: what a contract is drawn from. */
export interface AwardedLot {
  tender: Tender;
  lot: Lot;
  bidder: Bidder;
  bid: {
    unitPrice: string | null;
    serviceTotal: string | null;
    total: string | null;
    rate: string | null;
    deficitShare: string | null;
    fixedComponents: Component[];
  };
  score: string;
}

/** Everything a contract is drawn up with, whether from the award or from last year's contract. */
interface Draft {
  tender: Tender;
  lot: Lot;
  year: number;
  bidderId: number;
  /** The contract's kind and the figures its amounts are drawn from (population: the bureau's, or null). */
  inputs: ContractInputs;
  effectiveDate: string | null;
  policyDeficitShare: string | null;
  scheduleTemplate: string;
  deficitRule: Schedule['deficitRule'] | null;
  milestones: MilestoneSpec[];
  reportRules: ReportRule[] | null;
}

/** A lot's contract kind (domain/contracts/amounts.ts `contractKindOf`). */
export const kindOf = (tender: Tender, lot: Lot): ContractKind => contractKindOf(tender.contractKind, lot);

/** Next year's draft is prepared from 1 December of the year before (DOMAIN.md §8). */
const DRAFT_OPENS = '12-01';

const lastContractYear = (t: Tender) => t.firstContractYear + t.contractYears - 1;

/** Where the contract list's sort keys are. */
const CONTRACT_SORTS: SortColumns<NonNullable<ContractFilter['sort']>> = {
  id: 'id',
  tenderCode: 'tender.code',
  lotNo: 'lotNo',
  year: 'year',
  insurer: 'bidder.name',
  status: 'status',
  termStart: 'termStart',
};

@Injectable()
export class ContractsService {
  readonly schedules: ReadonlyMap<string, Schedule> = loadScheduleTemplates();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly transitions: Transitions,
    private readonly evaluation: EvaluationService,
    private readonly dossiers: DossierSource,
    private readonly challenges: ChallengesService,
    private readonly events: MilestoneEventsService,
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
    const { unitPrice, serviceTotal, total, rate, deficitShare, fixedComponents } = review.corrected;
    return {
      tender,
      lot,
      bidder,
      bid: { unitPrice, serviceTotal, total, rate, deficitShare, fixedComponents },
      score: lotResult.bids.find((b) => b.bidder === winner)!.finalScore!,
    };
  }

  /** A bureau official sees its buyer's contracts; an insurer only those of its own organisation. */
  /** The contracts the user reaches, filtered, sorted and paged as `q` asks (by tender, lot and year unsorted). */
  async list(user: AuthUser, q: ContractFilter = {}) {
    const where = {
      ...(q.tenderId && { tenderId: q.tenderId }),
      ...(q.status && { status: q.status }),
      ...(q.year && { year: q.year }),
      ...contractsReached(user),
    };
    const { rows, total } = await findPage(
      this.dataSource.getRepository(Contract),
      {
        where: q.q ? withAnyOf<Contract>(where, [{ tender: { code: containing(q.q) } }, { bidder: { name: containing(q.q) } }]) : where,
        relations: { tender: true, bidder: true },
      },
      q,
      CONTRACT_SORTS,
      { tenderId: 'ASC', lotNo: 'ASC', year: 'ASC' },
    );
    const tenderIds = [...new Set(rows.map((c) => c.tenderId))];
    const lots = tenderIds.length ? await this.dataSource.getRepository(Lot).findBy({ tenderId: In(tenderIds) }) : [];
    return {
      rows: rows.map((c) =>
        summary(
          c,
          lots.find((l) => l.tenderId === c.tenderId && l.no === c.lotNo)!,
        ),
      ),
      total,
    };
  }

  /** A contract the user may see; another organisation's is "not found", so its existence does not leak. */
  async visible(user: AuthUser, id: number): Promise<Contract> {
    const contract = await this.dataSource.getRepository(Contract).findOne({ where: { id }, relations: { tender: true, bidder: true } });
    return assertReadsContract(user, contract);
  }

  /** A tender whose contracts `user` may draw up and whose notices it may issue: a bureau official only its buyer's. */
  buyersTender(user: AuthUser, tenderId: number): Promise<Tender> {
    return tenderOfBuyer(this.dataSource.manager, user, tenderId);
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

  /**
   * The schedules a tender's contracts may be drawn up with: the tender's own (from its dossier) first,
   * then the shipped ones under a code the tender does not use.
   */
  async schedulesFor(tenderId: number, m: EntityManager = this.dataSource.manager): Promise<Map<string, Schedule>> {
    const own = await m.find(TenderSchedule, { where: { tenderId }, order: { id: 'ASC' } });
    const all = new Map(own.map((s) => [s.code, normalised(s.schedule)]));
    for (const [code, s] of this.schedules) if (!all.has(code)) all.set(code, s);
    return all;
  }

  /**
   * The draft contract of an awarded lot: for one year of the tender's term, or for a fixed-price
   * contract the whole term from its effective date. Its kind is the tender's; a premium contract takes
   * its allowance rate and deficit share from the winning bid unless the request states them.
   */
  async create(actor: Actor | null, tenderId: number, lotNo: string, body: CreateContract) {
    const schedules = await this.schedulesFor(tenderId);
    const schedule = schedules.get(body.scheduleTemplate);
    if (!schedule) {
      throw invalidInput([fieldError('scheduleTemplate', 'notOneOfKnown', { what: 'scheduleTemplate', known: [...schedules.keys()] })]);
    }
    const award = await this.awardedLot(tenderId, lotNo);
    await this.challenges.assertContractsAllowed(tenderId);
    const { tender, lot, bid } = award;
    const kind = kindOf(tender, lot);
    const year = body.year;
    const last = annual(kind) ? lastContractYear(tender) : tender.firstContractYear;
    const errors: FieldError[] = [];
    if (year < tender.firstContractYear || year > last)
      errors.push(fieldError('year', 'contractTerm', { first: tender.firstContractYear, last }));
    if (body.effectiveDate && Number(body.effectiveDate.slice(0, 4)) !== year)
      errors.push(fieldError('effectiveDate', 'effectiveDateYear', { year }));
    errors.push(...scheduleErrors(schedule, kind, lotNo));
    const premium = kind === 'premium';
    const allowanceRate = premium ? (body.allowanceRate == null ? bid.rate : String(body.allowanceRate)) : null;
    const shared = premium && schedule.deficitRule === 'shared';
    const policyDeficitShare = shared ? (body.policyDeficitShare == null ? bid.deficitShare : String(body.policyDeficitShare)) : null;
    if (premium && body.fundStandard == null) errors.push(fieldError('fundStandard', 'required'));
    if (premium && allowanceRate === null) errors.push(fieldError('allowanceRate', 'required'));
    if (shared && policyDeficitShare === null) errors.push(fieldError('policyDeficitShare', 'required'));
    if (kind !== 'fixed-price' && lot.basePopulation === null)
      errors.push(fieldError('scheduleTemplate', 'noBasePopulation', { lot: lotNo }));
    if (errors.length) throw invalidInput(errors);
    const draft: Draft = {
      tender,
      lot,
      year,
      bidderId: award.bidder.id,
      inputs: {
        kind,
        unitPrice: kind === 'per-capita' ? bid.unitPrice : null,
        population: null,
        components: lot.fixedComponents,
        bidTotal: kind === 'fixed-price' ? bid.total : null,
        fundStandard: premium ? body.fundStandard! : null,
        allowanceRate,
        retentions: schedule.retentions ?? [],
        reward: lot.rewardBudget,
      },
      effectiveDate: body.effectiveDate ?? null,
      policyDeficitShare,
      scheduleTemplate: schedule.code,
      deficitRule: schedule.deficitRule ?? null,
      milestones: schedule.milestones,
      reportRules: schedule.reports?.length ? schedule.reports : null,
    };
    try {
      const { id } = await this.dataSource.transaction((m) => this.insertDraft(m, actor, draft, 'contract.create'));
      // Read back, so that the answer shows the figures as stored (decimals at their scale).
      return this.withMilestones(
        await this.dataSource.manager.findOneOrFail(Contract, { where: { id }, relations: { tender: true, bidder: true } }),
      );
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
        if (contract.kind === 'fixed-price') throw invalidInput([fieldError('population', 'notForKind', { kind: contract.kind })]);
        if (!can(CONTRACT, from, 'amend')) {
          throw invalidInput([fieldError('population', 'populationFixed')]);
        }
        contract.population = dto.population;
        Object.assign(contract, amountsOf(contract, dto.population));
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
      const { population, serviceAmount, contractAmount, fund, allowance, signedAt } = contract;
      const columns = { population, serviceAmount, contractAmount, fund, allowance, signedAt };
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
   * The year's assessment is final (DOMAIN.md §6.1 `after-assessment`): each milestone waiting for it
   * takes the amount its rule gives — a reward milestone on the assessment's maximum reward when it
   * names one — and becomes payable, or withheld when the rule gives nothing or the assessment failed.
   * Returns the milestones released.
   */
  async applyAssessment(
    contractId: number,
    outcome: AssessmentOutcome & { maxReward: string | null },
    actor: Actor | null = null,
    m: EntityManager = this.dataSource.manager,
  ): Promise<PaymentMilestone[]> {
    const contract = await m.findOneBy(Contract, { id: contractId });
    if (!contract) throw new NotFoundException('合同不存在 / contract not found');
    assertCan(CONTRACT, contract.status, 'pay', '合同未签订或已终止 / the contract is not in force');
    const milestones = await this.milestones(contractId, m);
    const rebased = milestoneAmounts(milestones, { ...bases(contract), reward: outcome.maxReward ?? contract.rewardBudget });
    const released: PaymentMilestone[] = [];
    for (const [i, milestone] of milestones.entries()) {
      if (milestone.trigger !== 'after-assessment' || !can(MILESTONE, milestone.status, 'withhold')) continue;
      const result = assessedAmount(milestone.amountRule, rebased[i] ?? '0.00', outcome);
      const event = result.withheld ? 'withhold' : 'release';
      await this.events.move(m, actor, milestone, event, {
        amount: result.amount,
        withheldReason: result.withheld ? `${contract.year}年度考核${outcome.passed ? '结果不予支付' : '未通过'}` : null,
      });
      if (event === 'release') released.push(milestone);
    }
    return released;
  }

  /**
   * Signing makes the milestones that waited only for it payable, and those due by a date already
   * past (a contract signed late), each move recorded against the contract.
   */
  private async releaseOnSigning(m: EntityManager, actor: Actor | null, contract: Contract, milestones: PaymentMilestone[]) {
    const signedOn = chinaDay(contract.signedAt!);
    for (const milestone of milestones.filter((x) => x.status === 'pending')) {
      if (statusFor(milestone.trigger, true) === 'payable') await this.events.move(m, actor, milestone, 'sign', {});
      else if (milestone.trigger === 'on-date' && milestone.dueDate !== null && milestone.dueDate <= signedOn)
        await this.events.move(m, actor, milestone, 'release', {});
    }
  }

  /**
   * Next year's draft of every lot whose contract year is ending: from 1 December, within the tender's
   * term, unless the contract was terminated; a fixed-price contract covers its term and has no next
   * year. The draft copies last year's winner, kind, prices, terms and schedule; the population waits
   * for the bureau. Safe to run any number of times and on several servers at once: the unique (tender,
   * lot, year) index lets exactly one insert through.
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
        !annual(previous.kind) ||
        !can(CONTRACT, previous.status, 'renew') ||
        previous.year >= lastContractYear(tender) ||
        today < `${previous.year}-${DRAFT_OPENS}`
      )
        continue;
      const lot = await this.dataSource.getRepository(Lot).findOneByOrFail({ tenderId: tender.id, no: previous.lotNo });
      const milestones = (await this.milestones(previous.id)).map(specOf);
      const draft: Draft = {
        tender,
        lot,
        year: previous.year + 1,
        bidderId: previous.bidderId,
        inputs: { ...inputsOf(previous), population: null, reward: lot.rewardBudget },
        effectiveDate: null,
        policyDeficitShare: previous.policyDeficitShare,
        scheduleTemplate: previous.scheduleTemplate,
        deficitRule: previous.deficitRule,
        milestones,
        reportRules: previous.reportRules,
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
    // Until the bureau enters the population on the reference date, the amounts are provisional on the lot's.
    const provisional = { ...d.inputs, population: d.inputs.population ?? d.lot.basePopulation };
    const f = contractFigures(provisional);
    const term = contractTerm(d.inputs.kind, d.year, d.effectiveDate, d.tender.contractYears);
    const contract = await m.save(
      m.create(Contract, {
        tenderId: d.tender.id,
        lotNo: d.lot.no,
        year: d.year,
        bidderId: d.bidderId,
        kind: d.inputs.kind,
        termStart: term.start,
        termEnd: term.end,
        unitPrice: d.inputs.unitPrice,
        population: d.inputs.population,
        serviceAmount: f.serviceAmount,
        fundStandard: d.inputs.fundStandard,
        fund: f.fund,
        allowanceRate: d.inputs.allowanceRate,
        allowance: f.allowance,
        policyDeficitShare: d.policyDeficitShare,
        deficitRule: d.deficitRule,
        retentions: [...d.inputs.retentions],
        fixedFees: f.fixedFees,
        contractAmount: f.contractAmount,
        rewardBudget: d.inputs.reward,
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
        after: {
          tender: d.tender.code,
          lot: d.lot.no,
          year: d.year,
          kind: contract.kind,
          term,
          ...figures(contract),
          reportRules: d.reportRules,
        },
      },
      m,
    );
    return contract;
  }

  /** Signing fixes the day payments are counted from, and so the milestones' due dates. */
  private sign(contract: Contract, milestones: PaymentMilestone[]) {
    if (contract.population === null && contract.kind !== 'fixed-price') {
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

/** What makes a schedule unusable for a contract of this kind on this lot: a lot it does not cover, or a kind it does not fit. */
export function scheduleErrors(schedule: Schedule, kind: ContractKind, lotNo: string): FieldError[] {
  const at = 'scheduleTemplate';
  const errors: FieldError[] = [];
  if (!scheduleCovers(schedule, lotNo)) errors.push(fieldError(at, 'scheduleNotForLot', { lot: lotNo, lots: schedule.lots ?? [] }));
  if (!scheduleFitsKind(schedule, kind)) errors.push(fieldError(at, 'scheduleForKind', { kind }));
  return errors;
}

/** The figures a stored contract's amounts are drawn from. */
function inputsOf(c: Contract): ContractInputs {
  return {
    kind: c.kind,
    unitPrice: c.unitPrice,
    population: c.population,
    components: c.fixedFees,
    bidTotal: c.kind === 'fixed-price' ? c.contractAmount : null,
    fundStandard: c.fundStandard,
    allowanceRate: c.allowanceRate,
    retentions: c.retentions,
    reward: c.rewardBudget,
  };
}

/** A contract's amounts at a population. */
function amountsOf(c: Contract, population: number) {
  const { serviceAmount, contractAmount, fund, allowance } = contractFigures({ ...inputsOf(c), population });
  return { serviceAmount, contractAmount, fund, allowance };
}

const bases = (c: Contract) => baseAmounts(c, c.retentions, c.rewardBudget);

/** A stored milestone as a schedule's milestone, for next year's draft. */
function specOf(x: PaymentMilestone): MilestoneSpec {
  const amountLater = AMOUNT_LATER.has(x.trigger);
  return {
    name: x.name,
    base: x.base,
    trigger: x.trigger,
    ...(amountLater ? {} : x.remainder ? { remainder: true } : x.share !== null ? { share: x.share } : { amount: x.fixedAmount! }),
    ...(x.amountRule && { amountRule: x.amountRule }),
    ...(x.period && { period: x.period }),
    ...(x.source && { source: x.source }),
    ...(x.dueRule && { due: x.dueRule }),
  };
}

/** What the audit keeps of a contract change. */
const figures = (c: Contract) => ({
  status: c.status,
  population: c.population,
  unitPrice: c.unitPrice,
  serviceAmount: c.serviceAmount,
  fund: c.fund,
  allowance: c.allowance,
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
