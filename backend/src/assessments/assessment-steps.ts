import { ConflictException, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { Transitions } from '../audit/transitions';
import { ASSESSMENT, AssessmentEvent } from '../domain/lifecycles';
import { forUpdate } from '../database/row-lock';
import type { AuditAction } from '../domain/audit-actions';
import type { FullAssessment } from './assessment-views';
import { ContractAssessment } from './contract-assessment.entity';
import type { OutcomeInput } from './outcome';

export const LOCKED = '考核已定稿，不能再修改 / the assessment is final and locked';
/** The insurer's self-assessment, its report and its evidence are taken until publication (the `submit` rule). */
export const SELF_CLOSED = '考核结果已公布，不能再提交自评 / the result is published; self-assessment is closed';
const stale = () => new ConflictException('考核已被他人修改，请刷新后重试 / the assessment changed meanwhile; reload and retry');

/** What the result is computed from, as it stands on an assessment. */
export const outcomeInput = (a: FullAssessment, changes: Partial<OutcomeInput> = {}): OutcomeInput => ({
  lotNo: a.contract.lotNo,
  year: a.contract.year,
  operatingCost: a.operatingCost,
  maxReward: a.maxReward,
  items: a.items,
  ...changes,
});

/** What the audit keeps of a result. */
export const resultFigures = ({ result }: ContractAssessment) => ({
  score: result.score,
  grade: result.grade,
  passed: result.passed,
  rewardAmount: result.rewardAmount,
  deductionAmount: result.deductionAmount,
  terminate: result.terminate,
});

/**
 * How every step of an assessment is written, in the caller's transaction: one UPDATE that names the
 * revision the step read and raises it, so that of two officials working at once the later one gets a
 * 409 instead of overwriting the other unnoticed, and the step's audit entry. A step that moves the
 * status goes through the ASSESSMENT lifecycle.
 */
@Injectable()
export class AssessmentSteps {
  constructor(
    private readonly audit: AuditService,
    private readonly transitions: Transitions,
  ) {}

  /**
   * Locks the assessment's row first in a step that adds a row of its own (a file, an objection) and
   * counts those already there: on MariaDB/MySQL two such steps at once would each hold the shared lock
   * the new row's foreign key takes on the assessment and then deadlock raising its revision; locked, the
   * second waits, then reads — and counts — what the first committed. (SQLite runs one at a time.)
   */
  async lock(m: EntityManager, id: number): Promise<void> {
    await m.findOne(ContractAssessment, { where: { id }, select: { id: true }, ...forUpdate(m) });
  }

  /** A step that leaves the status as it is. */
  async save(
    m: EntityManager,
    actor: Actor,
    a: ContractAssessment,
    changes: Partial<ContractAssessment>,
    action: AuditAction,
    before: unknown,
    after: unknown,
  ) {
    const res = await m.update(ContractAssessment, { id: a.id, revision: a.revision }, { ...changes, revision: a.revision + 1 });
    if (!res.affected) throw stale();
    await this.audit.record(actor, { action, entityType: 'assessment', entityId: a.id, before, after }, m);
  }

  /** A step that moves the status: the same revision check, through the ASSESSMENT lifecycle. */
  async move(
    m: EntityManager,
    actor: Actor,
    a: ContractAssessment,
    event: AssessmentEvent,
    changes: Partial<ContractAssessment>,
    action: AuditAction,
    before: object | null,
    after: object,
  ) {
    await this.transitions.move(m, ASSESSMENT, ContractAssessment, {
      id: a.id,
      from: a.status,
      event,
      actor,
      set: { ...changes, revision: a.revision + 1 },
      where: { revision: a.revision },
      action,
      before,
      after,
    });
  }
}
