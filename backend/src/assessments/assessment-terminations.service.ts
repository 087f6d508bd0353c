import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { ASSESSMENT } from '../domain/lifecycles';
import { FULL_RELATIONS, FullAssessment } from './assessment-views';
import { AssessmentsService } from './assessments.service';
import { ContractAssessment } from './contract-assessment.entity';
import type { AuthUser } from '../auth/decorators';
import { contractsReached } from '../contracts/contract-scope';

/**
 * Early termination (DOMAIN.md §7): a final result graded 不合格 marks its contract to be ended early
 * and its lot to be re-tendered; the bureau lists the contracts so marked.
 */
@Injectable()
export class AssessmentTerminationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly assessments: AssessmentsService,
  ) {}

  /** Records the mark of a final result that terminates its contract, in the finalising transaction. */
  async mark(m: EntityManager, actor: Actor, a: FullAssessment) {
    if (!a.result.terminate) return;
    const { year, lotNo } = a.contract;
    const mark = { assessmentId: a.id, year, score: a.result.score, grade: a.result.grade, earlyTermination: true, retenderLot: lotNo };
    await this.audit.record(actor, { action: 'contract.termination-mark', entityType: 'contract', entityId: a.contractId, after: mark }, m);
  }

  /** Contracts whose final result terminates them (不合格): to be ended early, their lots re-tendered. */
  async list(user: AuthUser) {
    const marked = (
      (await this.dataSource.getRepository(ContractAssessment).find({
        where: { status: In(ASSESSMENT.final), contract: contractsReached(user) },
        relations: FULL_RELATIONS,
        order: { id: 'ASC' },
      })) as FullAssessment[]
    ).filter((a) => a.result.terminate);
    const names = await this.assessments.lotNames(marked.map((a) => a.contract));
    return marked.map((a) => ({
      assessmentId: a.id,
      contractId: a.contractId,
      contractStatus: a.contract.status,
      tenderId: a.contract.tenderId,
      tenderCode: a.contract.tender.code,
      lotNo: a.contract.lotNo,
      lotName: names(a.contract),
      year: a.contract.year,
      insurer: a.contract.bidder.name,
      organizationId: a.contract.bidder.organizationId,
      score: a.result.score,
      grade: a.result.grade,
      finalisedAt: a.finalisedAt,
      retender: true,
    }));
  }
}
