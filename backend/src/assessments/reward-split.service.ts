import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/decorators';
import { fieldError, invalidInput } from '../common/errors';
import { Contract } from '../contracts/contract.entity';
import { isUniqueViolation } from '../database/unique-violation';
import { splitRewardBudget } from '../domain/assessments';
import { D, fen } from '../domain/decimal';
import { ASSESSMENT, can, CONTRACT } from '../domain/lifecycles';
import { tenderOfBuyer } from '../tenders/tender-access';
import { AssessmentSteps, outcomeInput, resultFigures } from './assessment-steps';
import { FULL_RELATIONS, FullAssessment } from './assessment-views';
import type { RewardSplitBody } from '../domain/wire/assessments';
import { ContractAssessment } from './contract-assessment.entity';
import { outcome } from './outcome';
import { RewardBudget } from './reward-budget.entity';

/** DOMAIN.md §7: the yearly reward budget is at most 1,000,000 元. */
const MAX_YEARLY_REWARD = new D(1_000_000);

/** The maximum reward of each contract of a year: the lot's fixed reward budget, or its share of a yearly budget. */
@Injectable()
export class RewardSplitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly steps: AssessmentSteps,
  ) {}

  /**
   * Splits a yearly reward budget over the tender's signed contracts of the year in proportion to their
   * contract amounts, to the 分 (the parts add up exactly); each share becomes that contract's maximum
   * reward, now and for assessments opened later. Refused once any of those results is final.
   */
  async splitReward(actor: AuthUser, dto: RewardSplitBody) {
    const budget = new D(dto.budget);
    if (budget.lte(0) || budget.gt(MAX_YEARLY_REWARD)) {
      throw invalidInput([fieldError('budget', 'rewardBudget')]);
    }
    const { tenderId, year } = dto;
    try {
      return await this.dataSource.transaction(async (m) => {
        await tenderOfBuyer(m, actor, tenderId);
        const contracts = await m.find(Contract, { where: { tenderId, year }, order: { lotNo: 'ASC' } });
        const draft = contracts.find((c) => can(CONTRACT, c.status, 'amend'));
        if (draft)
          throw new ConflictException(
            `第${draft.lotNo}包${year}年度合同尚未签订，金额未定 / the contract of lot ${draft.lotNo} is not signed; its amount is provisional`,
          );
        const inForce = contracts.filter((c) => can(CONTRACT, c.status, 'assess'));
        if (!inForce.length)
          throw new ConflictException(`该项目${year}年度没有已签订的合同 / the tender has no signed contract for ${year}`);
        const assessments = (await m.find(ContractAssessment, {
          where: { contractId: In(inForce.map((c) => c.id)) },
          relations: FULL_RELATIONS,
        })) as FullAssessment[];
        if (assessments.some((a) => !can(ASSESSMENT, a.status, 'set-max-reward')))
          throw new ConflictException(
            '已有考核定稿，不能再分配奖励预算 / an assessment of the year is final; the budget can no longer change',
          );
        const split = splitRewardBudget(
          fen(budget),
          inForce.map((c) => ({ lot: c.lotNo, amount: c.contractAmount })),
        );
        if (!split.ok) throw invalidInput(split.errors);
        const shares = inForce.map((c, i) => ({
          lotNo: c.lotNo,
          contractId: c.id,
          contractAmount: c.contractAmount,
          share: split.value[i].share,
        }));
        const previous = await m.findOneBy(RewardBudget, { tenderId, year });
        await m.save(
          m.create(RewardBudget, { ...previous, tenderId, year, budget: fen(budget), shares, setBy: actor.username, setAt: new Date() }),
        );
        await this.audit.record(
          actor,
          {
            action: 'reward-budget.split',
            entityType: 'tender',
            entityId: tenderId,
            before: previous && { year, budget: previous.budget, shares: previous.shares },
            after: { year, budget: fen(budget), shares },
          },
          m,
        );
        for (const a of assessments) {
          const maxReward = shares.find((s) => s.contractId === a.contractId)!.share;
          const result = outcome(a.scheme, outcomeInput(a, { maxReward }));
          await this.steps.save(
            m,
            actor,
            a,
            { maxReward, result },
            'assessment.max-reward',
            { maxReward: a.maxReward, ...resultFigures(a) },
            { maxReward, ...resultFigures({ ...a, result }) },
          );
        }
        return { tenderId, year, budget: fen(budget), shares };
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw new ConflictException('奖励预算刚被他人分配，请刷新后重试 / the budget was just split by someone else; reload and retry');
      throw e;
    }
  }

  /** A contract's maximum reward: its share of the year's split budget if there is one, else the lot's fixed budget. */
  async maxReward(m: EntityManager, contract: Contract): Promise<string | null> {
    const split = await m.findOneBy(RewardBudget, { tenderId: contract.tenderId, year: contract.year });
    return split?.shares.find((s) => s.contractId === contract.id)?.share ?? contract.rewardBudget;
  }
}
