import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/decorators';
import { D, fen } from '../domain/decimal';
import { fieldError, invalidInput } from '../common/errors';
import { APP_CONFIG } from '../config/config';
import type { AppConfig } from '../config/config';
import { Contract } from '../contracts/contract.entity';
import { ContractsService } from '../contracts/contracts.service';
import { PaymentMilestone } from '../contracts/payment-milestone.entity';
import { isUniqueViolation } from '../database/unique-violation';
import { chinaDay } from '../documents/format';
import { Lot } from '../tenders/lot.entity';
import { Tender } from '../tenders/tender.entity';
import { Assessment } from './assessment.entity';
import { AssessmentFile } from './assessment-file.entity';
import { AssessmentObjection } from './assessment-objection.entity';
import { AssessmentSchemesService } from './assessment-schemes.service';
import { detailView, FileInfo, FULL_RELATIONS, FullAssessment, seesResult, summaryView } from './assessment-views';
import type { AnswerBody, AssessmentFilter, RewardSplitBody, SelfAssessmentFields } from '../domain/wire/assessments';
import { ContractAssessment, type AssessmentStatus } from './contract-assessment.entity';
import { addDays } from './deadlines';
import type { CheckedFile } from './file-upload';
import { ItemInput, ItemScore, mergeScores, scoreItems } from './item-scores';
import { dossierItems, outcome, OutcomeInput } from './outcome';
import { RewardBudget } from './reward-budget.entity';
import { splitRewardBudget } from '../domain/assessments';

/** Before publication the bureau scores and the insurer submits; after it only objections and answers change anything. */
const EDITABLE: ReadonlySet<AssessmentStatus> = new Set(['open', 'submitted']);
/** DOMAIN.md §7: the yearly reward budget is at most 1,000,000 元. */
const MAX_YEARLY_REWARD = new D(1_000_000);

const notFound = () => new NotFoundException('考核不存在 / assessment not found');
const stale = () => new ConflictException('考核已被他人修改，请刷新后重试 / the assessment changed meanwhile; reload and retry');
const itemPath = (field: string) => (i: number) => `${field}[${i}]`;

/**
 * Item scores are kept as JSON in TEXT columns (the assessment, its audit entry): 65,535 bytes on
 * MySQL/MariaDB. Notes of 1,000 characters each fit unless they are of characters JSON escapes to six
 * bytes (control characters, lone surrogates); such a sheet is refused with a 400 rather than a 500.
 */
const STORED_ITEMS_BYTES = 60_000;
function storable(items: ItemScore[], path: string): ItemScore[] {
  if (Buffer.byteLength(JSON.stringify(items), 'utf8') <= STORED_ITEMS_BYTES) return items;
  throw invalidInput([fieldError(path, 'itemsTooLong', { max: STORED_ITEMS_BYTES })]);
}

/** What the result is computed from, as it stands on an assessment. */
const outcomeInput = (a: FullAssessment, changes: Partial<OutcomeInput> = {}): OutcomeInput => ({
  lotNo: a.contract.lotNo,
  year: a.contract.year,
  operatingCost: a.operatingCost,
  maxReward: a.maxReward,
  items: a.items,
  ...changes,
});

/** What the audit keeps of a result. */
const resultFigures = ({ result }: ContractAssessment) => ({
  score: result.score,
  grade: result.grade,
  passed: result.passed,
  rewardAmount: result.rewardAmount,
  deductionAmount: result.deductionAmount,
  terminate: result.terminate,
});

/** The recorded scores of the items named in `scores`, as they were before. */
const previousScores = (a: ContractAssessment, scores: ItemScore[]) => a.items.filter((i) => scores.some((s) => s.no === i.no));

/**
 * The annual assessment of a contract (DOMAIN.md §7) through its workflow: opened by the bureau, the
 * insurer's report and self-assessment, the bureau's scores with notes and evidence, publication, the
 * insurer's objections within the period and the bureau's answers, and the final result with its
 * consequences. Every step is one transaction with its audit entry, and applies only to the revision
 * it read, so two officials working at once cannot overwrite each other unnoticed.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly contracts: ContractsService,
    private readonly schemes: AssessmentSchemesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ---- reading ----

  async find(m: EntityManager, id: number): Promise<FullAssessment> {
    const a = await m.findOne(ContractAssessment, { where: { id }, relations: FULL_RELATIONS });
    if (!a) throw notFound();
    return a as FullAssessment;
  }

  /** An assessment the user may see: an insurer only its own; another's is "not found", so its existence does not leak. */
  async visible(user: AuthUser, id: number, m: EntityManager = this.dataSource.manager): Promise<FullAssessment> {
    const a = await this.find(m, id);
    if (user.role === 'insurer' && a.contract.bidder.organizationId !== user.organizationId) throw notFound();
    return a;
  }

  async list(user: AuthUser, q: AssessmentFilter) {
    const found = (await this.dataSource.getRepository(ContractAssessment).find({
      where: {
        ...(q.status && { status: q.status }),
        ...(q.contractId && { contractId: q.contractId }),
        contract: {
          ...(q.year && { year: q.year }),
          ...(user.role === 'insurer' && { bidder: { organizationId: user.organizationId ?? -1 } }),
        },
      },
      relations: FULL_RELATIONS,
      order: { id: 'ASC' },
    })) as FullAssessment[];
    const names = await this.lotNames(found.map((a) => a.contract));
    return found.map((a) => summaryView(user, a, names(a.contract)));
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

  /** A file with its bytes: the insurer its own report, and the evidence once the result is published. */
  async file(user: AuthUser, id: number, fileId: number): Promise<AssessmentFile> {
    const a = await this.visible(user, id);
    const file = await this.dataSource
      .getRepository(AssessmentFile)
      .createQueryBuilder('f')
      .addSelect('f.content')
      .where('f.id = :fileId AND f.assessmentId = :id', { fileId, id })
      .getOne();
    if (!file || (file.kind === 'evidence' && !seesResult(user, a))) throw new NotFoundException('文件不存在 / file not found');
    return file;
  }

  /** The names of the contracts' lots, looked up once. */
  async lotNames(contracts: Contract[]): Promise<(c: Contract) => string> {
    const tenderIds = [...new Set(contracts.map((c) => c.tenderId))];
    const lots = tenderIds.length ? await this.dataSource.getRepository(Lot).findBy({ tenderId: In(tenderIds) }) : [];
    return (c) => lots.find((l) => l.tenderId === c.tenderId && l.no === c.lotNo)?.name ?? '';
  }

  // ---- the workflow ----

  /** The bureau opens the assessment of a signed contract's year with a scheme. */
  async create(actor: AuthUser, contractId: number, schemeCode: string) {
    try {
      const id = await this.dataSource.transaction(async (m) => {
        const contract = await m.findOneBy(Contract, { id: contractId });
        if (!contract) throw new NotFoundException('合同不存在 / contract not found');
        if (contract.status !== 'signed')
          throw new ConflictException('只考核已签订、未终止的合同 / only a signed contract in force is assessed');
        const { tenderId, lotNo, year } = contract;
        if (await m.existsBy(ContractAssessment, { contractId })) throw this.exists();
        // A dossier may carry the year's assessment already (an archived tender): that is the record.
        if (await m.existsBy(Assessment, { tenderId, lotNo, year })) {
          throw new ConflictException(
            `第${lotNo}包${year}年度的考核已随招标档案导入 / the ${year} assessment of lot ${lotNo} came with the tender's dossier`,
          );
        }
        const scheme = await this.schemes.forTender(m, tenderId, schemeCode);
        const maxReward = await this.maxReward(m, contract);
        const a = await m.save(
          m.create(ContractAssessment, {
            contractId,
            schemeId: scheme.id,
            status: 'open',
            items: [],
            selfItems: null,
            selfSummary: null,
            submittedAt: null,
            operatingCost: null,
            maxReward,
            result: outcome(scheme, { lotNo, year, operatingCost: null, maxReward, items: [] }),
            publishedAt: null,
            objectionDeadline: null,
            finalisedAt: null,
            rewardMilestoneId: null,
            revision: 1,
            reportRevision: null,
          }),
        );
        await this.audit.record(
          actor,
          {
            action: 'assessment.create',
            entityType: 'assessment',
            entityId: a.id,
            after: { contractId, lotNo, year, scheme: scheme.code, maxReward },
          },
          m,
        );
        return a.id;
      });
      return await this.detail(actor, id);
    } catch (e) {
      if (isUniqueViolation(e)) throw this.exists();
      throw e;
    }
  }

  /** The insurer submits its annual operation report and self-assessment; it may submit again until publication. */
  async submitSelfAssessment(user: AuthUser, id: number, dto: SelfAssessmentFields, report: CheckedFile) {
    await this.dataSource.transaction(async (m) => {
      const a = await this.visible(user, id, m);
      if (!EDITABLE.has(a.status))
        throw new ConflictException('考核结果已公布，不能再提交自评 / the result is published; self-assessment is closed');
      const selfItems = storable(this.scored(a, dto.items, itemPath('items')), 'items');
      const file = await this.storeFile(m, user, a, 'report', null, report, null);
      const changes = { status: 'submitted' as const, selfItems, selfSummary: dto.summary?.trim() || null, submittedAt: new Date() };
      await this.save(
        m,
        user,
        a,
        changes,
        'assessment.self-assessment',
        { status: a.status, selfItems: a.selfItems },
        { status: changes.status, selfItems, report: fileFigures(file) },
      );
    });
    return this.detail(user, id);
  }

  /**
   * The bureau records item scores (items not listed keep theirs) and the operating cost. `at` names an
   * input's place in the request for error paths (`items[3]`, or a row of an imported workbook).
   */
  async score(actor: AuthUser, id: number, inputs: ItemInput[], operatingCost: string | undefined, at = itemPath('items')) {
    await this.dataSource.transaction(async (m) => {
      const a = await this.find(m, id);
      this.assertEditable(a);
      const scores = this.scored(a, inputs, at);
      const items = storable(mergeScores(a.scheme, a.items, scores), 'items');
      // Optional in the DTO, so null passes validation: like an absent field, it keeps the cost.
      const cost = operatingCost == null ? a.operatingCost : fen(operatingCost);
      const result = outcome(a.scheme, outcomeInput(a, { items, operatingCost: cost }));
      await this.save(
        m,
        actor,
        a,
        { items, operatingCost: cost, result },
        'assessment.score',
        { items: previousScores(a, scores), operatingCost: a.operatingCost, ...resultFigures(a) },
        { items: scores, operatingCost: cost, ...resultFigures({ ...a, result }) },
      );
    });
    return this.detail(actor, id);
  }

  /** Evidence for an item, until the result is final. */
  async addEvidence(actor: AuthUser, id: number, itemNo: string, evidence: CheckedFile, description: string | undefined) {
    return this.dataSource.transaction(async (m) => {
      const a = await this.find(m, id);
      if (a.status === 'final') throw this.locked();
      if (!a.scheme.items.some((i) => i.no === itemNo))
        throw new NotFoundException(`考核方案中没有第${itemNo}项 / the scheme has no item ${itemNo}`);
      const file = await this.storeFile(m, actor, a, 'evidence', itemNo, evidence, description?.trim() || null);
      await this.save(m, actor, a, {}, 'assessment.evidence', null, fileFigures(file));
      return file;
    });
  }

  /** The bureau publishes the complete result to the insurer; the objection period starts today. */
  async publish(actor: AuthUser, id: number) {
    await this.dataSource.transaction(async (m) => {
      const a = await this.find(m, id);
      this.assertEditable(a);
      const missing = [
        ...(a.result.unscored.length ? [`未评分的考核项 / items not scored: ${a.result.unscored.join(', ')}`] : []),
        // A points result states the operating cost it is settled on, and an objection may still turn a pass into a fail.
        ...(a.scheme.kind === 'points' && a.operatingCost === null ? ['须录入运营成本 / the operating cost is missing'] : []),
        ...a.result.errors,
      ];
      if (missing.length) throw new ConflictException(`考核尚不完整，不能公布 / the assessment is not complete: ${missing.join('; ')}`);
      const now = new Date();
      const objectionDeadline = addDays(chinaDay(now), this.config.objectionDays);
      await this.save(
        m,
        actor,
        a,
        { status: 'published', publishedAt: now, objectionDeadline },
        'assessment.publish',
        { status: a.status },
        { status: 'published', objectionDeadline, ...resultFigures(a) },
      );
    });
    return this.detail(actor, id);
  }

  /** The insurer objects to the published result, up to and including the last day of the period. */
  async object(user: AuthUser, id: number, text: string) {
    return this.dataSource.transaction(async (m) => {
      const a = await this.visible(user, id, m);
      if (a.status !== 'published')
        throw new ConflictException(
          '只能对已公布、未定稿的考核结果提出异议 / objections are open only while the result is published and not final',
        );
      if (chinaDay(new Date()) > a.objectionDeadline!) {
        throw new ConflictException(`异议期已于${a.objectionDeadline}届满 / the objection period ended on ${a.objectionDeadline}`);
      }
      const objection = await m.save(
        m.create(AssessmentObjection, {
          assessmentId: id,
          text: text.trim(),
          raisedBy: user.username,
          raisedAt: new Date(),
          answer: null,
          answeredBy: null,
          answeredAt: null,
          revisedItems: null,
        }),
      );
      await this.save(m, user, a, {}, 'assessment.objection', null, { objectionId: objection.id, text: objection.text });
      return objection;
    });
  }

  /** The bureau answers an objection, revising item scores if it upholds it. */
  async answer(actor: AuthUser, id: number, objectionId: number, dto: AnswerBody) {
    await this.dataSource.transaction(async (m) => {
      const a = await this.find(m, id);
      if (a.status !== 'published') throw this.notPublished(a);
      const objection = await m.findOneBy(AssessmentObjection, { id: objectionId, assessmentId: id });
      if (!objection) throw new NotFoundException('异议不存在 / objection not found');
      if (objection.answeredAt) throw new ConflictException('该异议已答复 / the objection has been answered');
      const revised = dto.revisedItems?.length ? this.scored(a, dto.revisedItems, itemPath('revisedItems')) : null;
      const items = revised ? storable(mergeScores(a.scheme, a.items, revised), 'revisedItems') : a.items;
      const result = revised ? outcome(a.scheme, outcomeInput(a, { items })) : a.result;
      Object.assign(objection, { answer: dto.text.trim(), answeredBy: actor.username, answeredAt: new Date(), revisedItems: revised });
      await m.save(objection);
      await this.save(
        m,
        actor,
        a,
        revised ? { items, result } : {},
        'assessment.objection-answer',
        { objectionId, items: revised && previousScores(a, revised), ...resultFigures(a) },
        { objectionId, answer: objection.answer, items: revised, ...resultFigures({ ...a, result }) },
      );
    });
    return this.detail(actor, id);
  }

  /**
   * After the objection period, with every objection answered, the result becomes final and locked,
   * and its consequences are drawn in the same transaction: the result becomes the tender's dossier
   * assessment, a passing result releases the contract's payment waiting for it (due within a month),
   * and a terminating grade marks the contract for early termination and the lot for re-tender.
   */
  async finalise(actor: AuthUser, id: number) {
    await this.dataSource.transaction(async (m) => {
      const a = await this.find(m, id);
      if (a.status !== 'published') throw this.notPublished(a);
      if (chinaDay(new Date()) <= a.objectionDeadline!) {
        throw new ConflictException(
          `异议期至${a.objectionDeadline}，期满后方可定稿 / objections are open until ${a.objectionDeadline}; finalise after that`,
        );
      }
      if (await m.existsBy(AssessmentObjection, { assessmentId: id, answeredAt: IsNull() })) {
        throw new ConflictException('尚有未答复的异议 / an objection is not answered yet');
      }
      const { tenderId, lotNo, year, status: contractStatus } = a.contract;
      await m.insert(Assessment, {
        tenderId,
        lotNo,
        year,
        schemeCode: a.scheme.code,
        operatingCost: a.operatingCost,
        maxReward: a.maxReward,
        items: dossierItems(a.items),
      });
      const released =
        a.result.passed && contractStatus === 'signed'
          ? await this.contracts.unblock(
              a.contractId,
              'after-passed-assessment',
              actor,
              m,
              a.result.rewardRate === null ? undefined : a.result.rewardAmount,
            )
          : null;
      await this.save(
        m,
        actor,
        a,
        { status: 'final', finalisedAt: new Date(), rewardMilestoneId: released?.id ?? null },
        'assessment.finalise',
        { status: a.status },
        {
          status: 'final',
          ...resultFigures(a),
          releasedMilestone: released && { seq: released.seq, name: released.name, amount: released.amount },
        },
      );
      if (a.result.terminate) {
        const mark = { assessmentId: id, year, score: a.result.score, grade: a.result.grade, earlyTermination: true, retenderLot: lotNo };
        await this.audit.record(
          actor,
          { action: 'contract.termination-mark', entityType: 'contract', entityId: a.contractId, after: mark },
          m,
        );
      }
    });
    return this.detail(actor, id);
  }

  /** Contracts whose final result terminates them (不合格): to be ended early, their lots re-tendered. */
  async terminations() {
    const marked = (
      (await this.dataSource
        .getRepository(ContractAssessment)
        .find({ where: { status: 'final' }, relations: FULL_RELATIONS, order: { id: 'ASC' } })) as FullAssessment[]
    ).filter((a) => a.result.terminate);
    const names = await this.lotNames(marked.map((a) => a.contract));
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

  // ---- the reward budget ----

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
        if (!(await m.existsBy(Tender, { id: tenderId }))) throw new NotFoundException('招标项目不存在 / tender not found');
        const contracts = await m.find(Contract, { where: { tenderId, year }, order: { lotNo: 'ASC' } });
        const draft = contracts.find((c) => c.status === 'draft');
        if (draft)
          throw new ConflictException(
            `第${draft.lotNo}包${year}年度合同尚未签订，金额未定 / the contract of lot ${draft.lotNo} is not signed; its amount is provisional`,
          );
        const inForce = contracts.filter((c) => c.status === 'signed');
        if (!inForce.length)
          throw new ConflictException(`该项目${year}年度没有已签订的合同 / the tender has no signed contract for ${year}`);
        const assessments = (await m.find(ContractAssessment, {
          where: { contractId: In(inForce.map((c) => c.id)) },
          relations: FULL_RELATIONS,
        })) as FullAssessment[];
        if (assessments.some((a) => a.status === 'final'))
          throw new ConflictException(
            '已有考核定稿，不能再分配奖励预算 / an assessment of the year is final; the budget can no longer change',
          );
        const split = splitRewardBudget(
          fen(budget),
          inForce.map((c) => ({ lot: c.lotNo, amount: c.contractAmount })),
        );
        const shares = inForce.map((c, i) => ({
          lotNo: c.lotNo,
          contractId: c.id,
          contractAmount: c.contractAmount,
          share: split[i].share,
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
          await this.save(
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
  private async maxReward(m: EntityManager, contract: Contract): Promise<string | null> {
    const split = await m.findOneBy(RewardBudget, { tenderId: contract.tenderId, year: contract.year });
    return split?.shares.find((s) => s.contractId === contract.id)?.share ?? contract.rewardBudget;
  }

  // ---- helpers ----

  /** Scores checked against the scheme; a 400 naming every bad field otherwise. */
  private scored(a: FullAssessment, inputs: ItemInput[], at: (index: number) => string): ItemScore[] {
    const { scores, errors } = scoreItems(a.scheme, inputs, at);
    if (errors.length) throw invalidInput(errors);
    return scores;
  }

  /**
   * Writes a step's changes and its audit entry. The update names the revision the step read and
   * raises it, so a step that raced with another fails (409) instead of overwriting it.
   */
  private async save(
    m: EntityManager,
    actor: Actor,
    a: ContractAssessment,
    changes: Partial<ContractAssessment>,
    action: string,
    before: unknown,
    after: unknown,
  ) {
    const res = await m.update(ContractAssessment, { id: a.id, revision: a.revision }, { ...changes, revision: a.revision + 1 });
    if (!res.affected) throw stale();
    await this.audit.record(actor, { action, entityType: 'assessment', entityId: a.id, before, after }, m);
  }

  private async storeFile(
    m: EntityManager,
    user: AuthUser,
    a: ContractAssessment,
    kind: AssessmentFile['kind'],
    itemNo: string | null,
    f: CheckedFile,
    description: string | null,
  ): Promise<FileInfo> {
    const repo = m.getRepository(AssessmentFile);
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

  private assertEditable(a: ContractAssessment) {
    if (!EDITABLE.has(a.status))
      throw a.status === 'final'
        ? this.locked()
        : new ConflictException(
            '考核结果已公布，评分只能在答复异议时修改 / the result is published; scores change only with an answer to an objection',
          );
  }

  private notPublished(a: ContractAssessment) {
    return a.status === 'final' ? this.locked() : new ConflictException('考核结果尚未公布 / the result is not published yet');
  }

  private locked() {
    return new ConflictException('考核已定稿，不能再修改 / the assessment is final and locked');
  }

  private exists() {
    return new ConflictException('该合同的年度考核已存在 / the contract already has its assessment');
  }
}

const fileFigures = (f: FileInfo) => ({
  fileId: f.id,
  kind: f.kind,
  itemNo: f.itemNo,
  fileName: f.fileName,
  size: f.size,
  sha256: f.sha256,
});
