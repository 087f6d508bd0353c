import { Injectable, NotFoundException } from '@nestjs/common';
import { contractsReached, readsContract } from '../contracts/contract-scope';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthUser } from '../auth/decorators';
import { Contract } from '../contracts/contract.entity';
import { PaymentMilestone } from '../contracts/payment-milestone.entity';
import { Lot } from '../tenders/lot.entity';
import { AssessmentFile } from './assessment-file.entity';
import { AssessmentObjection } from './assessment-objection.entity';
import { detailView, FileInfo, FULL_RELATIONS, FullAssessment, summaryView } from './assessment-views';
import type { AssessmentFilter } from '../domain/wire/assessments';
import { containing, findPage, type SortColumns, withAnyOf } from '../common/paging';
import { ContractAssessment } from './contract-assessment.entity';

const notFound = () => new NotFoundException('考核不存在 / assessment not found');

/** Where the assessment list's sort keys are. */
const ASSESSMENT_SORTS: SortColumns<NonNullable<AssessmentFilter['sort']>> = {
  id: 'id',
  tenderCode: 'contract.tender.code',
  lotNo: 'contract.lotNo',
  year: 'contract.year',
  insurer: 'contract.bidder.name',
  status: 'status',
  publishedAt: 'publishedAt',
};

/**
 * The annual assessments (DOMAIN.md §7) as each user may read them. The steps that change them are
 * the workflow's (assessment-workflow.service.ts), the evidence and report files' (assessment-files),
 * the reward budget's (reward-split) and the early terminations' (assessment-terminations).
 */
@Injectable()
export class AssessmentsService {
  constructor(private readonly dataSource: DataSource) {}

  async find(m: EntityManager, id: number): Promise<FullAssessment> {
    const a = await m.findOne(ContractAssessment, { where: { id }, relations: FULL_RELATIONS });
    if (!a) throw notFound();
    return a as FullAssessment;
  }

  /** An assessment the user may see: an insurer only its own; another's is "not found", so its existence does not leak. */
  async visible(user: AuthUser, id: number, m: EntityManager = this.dataSource.manager): Promise<FullAssessment> {
    const a = await this.find(m, id);
    if (!readsContract(user, a.contract)) throw notFound();
    return a;
  }

  /** The assessments the user reaches, filtered, sorted and paged as `q` asks (oldest first unsorted). */
  async list(user: AuthUser, q: AssessmentFilter) {
    const where = {
      ...(q.status && { status: q.status }),
      ...(q.contractId && { contractId: q.contractId }),
      contract: { ...(q.year && { year: q.year }), ...contractsReached(user) },
    };
    const found = await findPage(
      this.dataSource.getRepository(ContractAssessment),
      {
        where: q.q
          ? withAnyOf<ContractAssessment>(where, [
              { contract: { tender: { code: containing(q.q) } } },
              { contract: { bidder: { name: containing(q.q) } } },
            ])
          : where,
        relations: FULL_RELATIONS,
      },
      q,
      ASSESSMENT_SORTS,
      { id: 'ASC' },
    );
    const rows = found.rows as FullAssessment[];
    const names = await this.lotNames(rows.map((a) => a.contract));
    return { rows: rows.map((a) => summaryView(user, a, names(a.contract))), total: found.total };
  }

  async detail(user: AuthUser, id: number) {
    const m = this.dataSource.manager;
    const a = await this.visible(user, id, m);
    const [names, files, objections, milestone] = await Promise.all([
      this.lotNames([a.contract]),
      this.files(a.id),
      m.find(AssessmentObjection, { where: { assessmentId: a.id }, order: { id: 'ASC' } }),
      a.rewardMilestoneId === null ? null : m.findOneBy(PaymentMilestone, { id: a.rewardMilestoneId }),
    ]);
    return detailView(user, a, { lotName: names(a.contract), files, objections, milestone });
  }

  private files(assessmentId: number): Promise<FileInfo[]> {
    return this.dataSource.getRepository(AssessmentFile).find({ where: { assessmentId }, order: { id: 'ASC' } });
  }

  /** The names of the contracts' lots, looked up once. */
  async lotNames(contracts: Contract[]): Promise<(c: Contract) => string> {
    const tenderIds = [...new Set(contracts.map((c) => c.tenderId))];
    const lots = tenderIds.length ? await this.dataSource.getRepository(Lot).findBy({ tenderId: In(tenderIds) }) : [];
    return (c) => lots.find((l) => l.tenderId === c.tenderId && l.no === c.lotNo)?.name ?? '';
  }
}
