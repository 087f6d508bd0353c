import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { assertCan } from '../audit/transitions';
import type { AuthUser } from '../auth/decorators';
import { limitReached } from '../common/errors';
import { ASSESSMENT_LIMITS, fileRefusal } from '../domain/assessments';
import { ASSESSMENT } from '../domain/lifecycles';
import { AssessmentFile } from './assessment-file.entity';
import { AssessmentSteps, LOCKED, SELF_CLOSED } from './assessment-steps';
import { FileInfo, seesResult } from './assessment-views';
import { AssessmentsService } from './assessments.service';
import { ContractAssessment } from './contract-assessment.entity';
import type { CheckedFile } from '../common/uploads/file-upload';
import type { EvidenceKind } from '../domain/assessments/assessment-codes';
import type { AuditAction } from '../domain/audit-actions';

/**
 * Who adds evidence for an item, and under which rule: the bureau until the result is final, the insurer
 * (for its self-assessment) until publication, like the self-assessment itself.
 */
const EVIDENCE = {
  evidence: { rule: 'add-evidence', closed: LOCKED, action: 'assessment.evidence' },
  'self-evidence': { rule: 'submit', closed: SELF_CLOSED, action: 'assessment.self-evidence' },
} as const satisfies Record<EvidenceKind, { rule: 'add-evidence' | 'submit'; closed: string; action: AuditAction }>;

/**
 * The files of an assessment, kept in the database with their SHA-256: the insurer's annual operation
 * report (stored with its self-assessment) and its evidence per item, and the bureau's evidence per item.
 */
@Injectable()
export class AssessmentFilesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assessments: AssessmentsService,
    private readonly steps: AssessmentSteps,
  ) {}

  /** A file with its bytes: the insurer its own report and evidence, and the bureau's evidence once the result is published. */
  async file(user: AuthUser, id: number, fileId: number): Promise<AssessmentFile> {
    const a = await this.assessments.visible(user, id);
    const file = await this.dataSource
      .getRepository(AssessmentFile)
      .createQueryBuilder('f')
      .addSelect('f.content')
      .where('f.id = :fileId AND f.assessmentId = :id', { fileId, id })
      .getOne();
    if (!file || (file.kind === 'evidence' && !seesResult(user, a))) throw new NotFoundException('文件不存在 / file not found');
    return file;
  }

  /** Evidence for an item: the bureau's (`evidence`) or the insurer's for its self-assessment (`self-evidence`), while EVIDENCE allows it. */
  async addEvidence(
    actor: AuthUser,
    id: number,
    kind: EvidenceKind,
    itemNo: string,
    evidence: CheckedFile,
    description: string | undefined,
  ) {
    const { rule, closed, action } = EVIDENCE[kind];
    return this.dataSource.transaction(async (m) => {
      await this.steps.lock(m, id);
      const a = await this.assessments.visible(actor, id, m);
      assertCan(ASSESSMENT, a.status, rule, closed);
      if (!a.scheme.items.some((i) => i.no === itemNo))
        throw new NotFoundException(`考核方案中没有第${itemNo}项 / the scheme has no item ${itemNo}`);
      const file = await this.store(m, actor, a, kind, itemNo, evidence, description?.trim() || null);
      await this.steps.save(m, actor, a, {}, action, null, fileFigures(file));
      return file;
    });
  }

  /**
   * A file of the assessment, in the caller's transaction; what the record keeps of it (without its bytes).
   * Resubmissions are capped (ASSESSMENT_LIMITS): the caller has locked the assessment (AssessmentSteps.lock), so two uploads at once cannot both pass the count.
   */
  async store(
    m: EntityManager,
    user: AuthUser,
    a: ContractAssessment,
    kind: AssessmentFile['kind'],
    itemNo: string | null,
    f: CheckedFile,
    description: string | null,
  ): Promise<FileInfo> {
    const repo = m.getRepository(AssessmentFile);
    const stored = await repo.countBy({ assessmentId: a.id, kind, itemNo: itemNo ?? IsNull() });
    const refused = fileRefusal(stored, kind === 'report' ? ASSESSMENT_LIMITS.reportFiles : ASSESSMENT_LIMITS.evidencePerItem);
    if (refused) throw limitReached(refused);
    const saved = await repo.save(
      repo.create({
        assessmentId: a.id,
        kind,
        itemNo,
        fileName: f.fileName,
        mimeType: f.mimeType,
        size: f.content.length,
        sha256: f.sha256,
        description,
        uploadedBy: user.username,
        uploadedAt: new Date(),
        content: f.content,
      }),
    );
    const { content: _, ...info } = saved;
    return info;
  }
}

/** What the audit keeps of a file. */
export const fileFigures = (f: FileInfo) => ({
  fileId: f.id,
  kind: f.kind,
  itemNo: f.itemNo,
  fileName: f.fileName,
  size: f.size,
  sha256: f.sha256,
});
