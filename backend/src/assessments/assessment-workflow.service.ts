import { renderError } from '../domain/errors';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertCan } from '../audit/transitions';
import type { AuthUser } from '../auth/decorators';
import { fieldError, invalidInput, limitReached } from '../common/errors';
import { APP_CONFIG } from '../config/config';
import type { AppConfig } from '../config/config';
import { Contract } from '../contracts/contract.entity';
import { assertReadsContract } from '../contracts/contract-scope';
import { ContractsService } from '../contracts/contracts.service';
import { CalendarService } from '../calendar/calendar.service';
import { isUniqueViolation } from '../database/unique-violation';
import { addWorkingDays } from '../domain/calendar/working-days';
import { chinaDay } from '../documents/format';
import { objectionRefusal } from '../domain/assessments';
import { fen } from '../domain/decimal';
import { ASSESSMENT, can, CONTRACT, isFinal } from '../domain/lifecycles';
import { Assessment } from './assessment.entity';
import { fileFigures, AssessmentFilesService } from './assessment-files.service';
import { AssessmentObjection } from './assessment-objection.entity';
import { AssessmentSchemesService } from './assessment-schemes.service';
import { AssessmentSteps, LOCKED, outcomeInput, resultFigures, SELF_CLOSED } from './assessment-steps';
import { AssessmentTerminationsService } from './assessment-terminations.service';
import type { FullAssessment } from './assessment-views';
import type { AnswerBody, SelfAssessmentFields } from '../domain/wire/assessments';
import { AssessmentsService } from './assessments.service';
import { ContractAssessment } from './contract-assessment.entity';
import type { CheckedFile } from '../common/uploads/file-upload';
import { ItemInput, ItemScore, mergeScores, scoreItems } from './item-scores';
import { dossierItems, outcome } from './outcome';
import { RewardSplitService } from './reward-split.service';
import { Notifier } from '../common/notifier';

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

/** The recorded scores of the items named in `scores`, as they were before. */
const previousScores = (a: ContractAssessment, scores: ItemScore[]) => a.items.filter((i) => scores.some((s) => s.no === i.no));

/**
 * The annual assessment of a contract (DOMAIN.md §7) through its workflow: opened by the bureau, the
 * insurer's report and self-assessment, the bureau's scores with notes, publication, the insurer's
 * objections within the period and the bureau's answers, and the final result with its consequences.
 * Every step is one transaction, written by AssessmentSteps (revision check and audit entry); the
 * moves follow the ASSESSMENT lifecycle.
 */
@Injectable()
export class AssessmentWorkflowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly steps: AssessmentSteps,
    private readonly assessments: AssessmentsService,
    private readonly files: AssessmentFilesService,
    private readonly rewards: RewardSplitService,
    private readonly terminations: AssessmentTerminationsService,
    private readonly contracts: ContractsService,
    private readonly schemes: AssessmentSchemesService,
    private readonly calendar: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: Notifier,
  ) {}

  /** The bureau opens the assessment of a signed contract's year with a scheme. */
  async create(actor: AuthUser, contractId: number, schemeCode: string) {
    try {
      const id = await this.dataSource.transaction(async (m) => {
        const contract = assertReadsContract(
          actor,
          await m.findOne(Contract, { where: { id: contractId }, relations: { tender: true, bidder: true } }),
        );
        assertCan(CONTRACT, contract.status, 'assess', '只考核已签订、未终止的合同 / only a signed contract in force is assessed');
        const { tenderId, lotNo, year } = contract;
        if (await m.existsBy(ContractAssessment, { contractId })) throw this.exists();
        // A dossier may carry the year's assessment already (an archived tender): that is the record, final.
        const imported = await m.findOneBy(Assessment, { tenderId, lotNo, year });
        if (imported) return this.fromDossier(actor, m, contractId, imported);
        const scheme = await this.schemes.forTender(m, tenderId, schemeCode);
        const maxReward = await this.rewards.maxReward(m, contract);
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
      return await this.assessments.detail(actor, id);
    } catch (e) {
      if (isUniqueViolation(e)) throw this.exists();
      throw e;
    }
  }

  /** The insurer submits its annual operation report and self-assessment; it may submit again until publication. */
  async submitSelfAssessment(user: AuthUser, id: number, dto: SelfAssessmentFields, report: CheckedFile) {
    await this.dataSource.transaction(async (m) => {
      await this.steps.lock(m, id);
      const a = await this.assessments.visible(user, id, m);
      assertCan(ASSESSMENT, a.status, 'submit', SELF_CLOSED);
      const selfItems = storable(this.scored(a, dto.items, itemPath('items')), 'items');
      const file = await this.files.store(m, user, a, 'report', null, report, null);
      const changes = { selfItems, selfSummary: dto.summary?.trim() || null, submittedAt: new Date() };
      await this.steps.move(
        m,
        user,
        a,
        'submit',
        changes,
        'assessment.self-assessment',
        { selfItems: a.selfItems },
        { selfItems, report: fileFigures(file) },
      );
    });
    return this.assessments.detail(user, id);
  }

  /**
   * The bureau records item scores (items not listed keep theirs) and the operating cost. `at` names an
   * input's place in the request for error paths (`items[3]`, or a row of an imported workbook).
   */
  async score(actor: AuthUser, id: number, inputs: ItemInput[], operatingCost: string | undefined, at = itemPath('items')) {
    await this.dataSource.transaction(async (m) => {
      const a = await this.assessments.visible(actor, id, m);
      assertCan(ASSESSMENT, a.status, 'score', notEditable(a));
      const scores = this.scored(a, inputs, at);
      const items = storable(mergeScores(a.scheme, a.items, scores), 'items');
      // Optional in the DTO, so null passes validation: like an absent field, it keeps the cost.
      const cost = operatingCost == null ? a.operatingCost : fen(operatingCost);
      const result = outcome(a.scheme, outcomeInput(a, { items, operatingCost: cost }));
      await this.steps.save(
        m,
        actor,
        a,
        { items, operatingCost: cost, result },
        'assessment.score',
        { items: previousScores(a, scores), operatingCost: a.operatingCost, ...resultFigures(a) },
        { items: scores, operatingCost: cost, ...resultFigures({ ...a, result }) },
      );
    });
    return this.assessments.detail(actor, id);
  }

  /** The bureau publishes the complete result to the insurer; the objection period runs the working days after today. */
  async publish(actor: AuthUser, id: number) {
    await this.dataSource.transaction(async (m) => {
      const a = await this.assessments.visible(actor, id, m);
      assertCan(ASSESSMENT, a.status, 'publish', notEditable(a));
      const missing: { zh: string; en: string }[] = [
        ...(a.result.unscored.length
          ? [{ zh: `未评分的考核项：${a.result.unscored.join('、')}`, en: `items not scored: ${a.result.unscored.join(', ')}` }]
          : []),
        // A points result states the operating cost it is settled on, and an objection may still turn a pass into a fail.
        ...(a.scheme.kind === 'points' && a.operatingCost === null && !a.result.errors.some((e) => e.code === 'operatingCostMissing')
          ? [{ zh: renderError('operatingCostMissing', {}, 'zh'), en: renderError('operatingCostMissing', {}, 'en') }]
          : []),
        ...a.result.errors.map((e) => ({ zh: renderError(e.code, e.params, 'zh'), en: renderError(e.code, e.params, 'en') })),
      ];
      if (missing.length)
        throw new ConflictException(
          `考核尚不完整，不能公布：${missing.map((x) => x.zh).join('；')} / the assessment is not complete: ${missing.map((x) => x.en).join('; ')}`,
        );
      const now = new Date();
      const objectionDeadline = addWorkingDays(chinaDay(now), this.config.objectionDays, await this.calendar.calendar(m));
      await this.steps.move(m, actor, a, 'publish', { publishedAt: now, objectionDeadline }, 'assessment.publish', null, {
        objectionDeadline,
        ...resultFigures(a),
      });
      await this.notifications.toInsurer(m, a.contractId, 'assessment-published', {
        type: 'assessment',
        id,
        link: `/insurer/assessments/${id}`,
      });
    });
    return this.assessments.detail(actor, id);
  }

  /** The insurer objects to the published result, up to and including the last day of the period. */
  async object(user: AuthUser, id: number, text: string, itemNo: string | null) {
    return this.dataSource.transaction(async (m) => {
      await this.steps.lock(m, id);
      const a = await this.assessments.visible(user, id, m);
      assertCan(
        ASSESSMENT,
        a.status,
        'object',
        '只能对已公布、未定稿的考核结果提出异议 / objections are open only while the result is published and not final',
      );
      if (chinaDay(new Date()) > a.objectionDeadline!) {
        throw new ConflictException(`异议期已于${a.objectionDeadline}届满 / the objection period ended on ${a.objectionDeadline}`);
      }
      if (itemNo !== null && !a.scheme.items.some((i) => i.no === itemNo))
        throw invalidInput([fieldError('itemNo', 'noSuchItem', { no: itemNo })]);
      // Counted under the assessment's lock (taken first): of two objections at once, the second sees the first.
      const existing = await m.find(AssessmentObjection, {
        where: { assessmentId: id },
        select: { id: true, itemNo: true, answeredAt: true },
      });
      const refused = objectionRefusal(
        existing.map((o) => ({ itemNo: o.itemNo, open: o.answeredAt === null })),
        itemNo,
      );
      if (refused) throw limitReached(refused);
      const objection = await m.save(
        m.create(AssessmentObjection, {
          assessmentId: id,
          itemNo,
          text: text.trim(),
          raisedBy: user.username,
          raisedAt: new Date(),
          answer: null,
          answeredBy: null,
          answeredAt: null,
          revisedItems: null,
        }),
      );
      await this.steps.save(m, user, a, {}, 'assessment.objection', null, { objectionId: objection.id, itemNo, text: objection.text });
      await this.notifications.toBureau(m, a.contractId, 'objection-filed', { type: 'assessment', id, link: `/bureau/assessments/${id}` });
      return objection;
    });
  }

  /** The bureau answers an objection, revising item scores if it upholds it. */
  async answer(actor: AuthUser, id: number, objectionId: number, dto: AnswerBody) {
    await this.dataSource.transaction(async (m) => {
      const a = await this.assessments.visible(actor, id, m);
      assertCan(ASSESSMENT, a.status, 'answer', notPublished(a));
      const objection = await m.findOneBy(AssessmentObjection, { id: objectionId, assessmentId: id });
      if (!objection) throw new NotFoundException('异议不存在 / objection not found');
      if (objection.answeredAt) throw new ConflictException('该异议已答复 / the objection has been answered');
      const revised = dto.revisedItems?.length ? this.scored(a, dto.revisedItems, itemPath('revisedItems')) : null;
      const items = revised ? storable(mergeScores(a.scheme, a.items, revised), 'revisedItems') : a.items;
      const result = revised ? outcome(a.scheme, outcomeInput(a, { items })) : a.result;
      Object.assign(objection, { answer: dto.text.trim(), answeredBy: actor.username, answeredAt: new Date(), revisedItems: revised });
      await m.save(objection);
      await this.steps.save(
        m,
        actor,
        a,
        revised ? { items, result } : {},
        'assessment.objection-answer',
        { objectionId, items: revised && previousScores(a, revised), ...resultFigures(a) },
        { objectionId, answer: objection.answer, items: revised, ...resultFigures({ ...a, result }) },
      );
      await this.notifications.toInsurer(m, a.contractId, 'objection-answered', {
        type: 'assessment',
        id,
        link: `/insurer/assessments/${id}`,
      });
    });
    return this.assessments.detail(actor, id);
  }

  /**
   * After the objection period, with every objection answered, the result becomes final and locked,
   * and its consequences are drawn in the same transaction: the result becomes the tender's dossier
   * assessment, a passing result releases the contract's payment waiting for it (due within a month),

   * and a terminating grade marks the contract for early termination and the lot for re-tender.
   */
  async finalise(actor: AuthUser, id: number) {
    await this.dataSource.transaction(async (m) => {
      const a = await this.assessments.visible(actor, id, m);
      assertCan(ASSESSMENT, a.status, 'finalise', notPublished(a));
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
        items: dossierItems(a.scheme, a.items),
      });
      // The milestones waiting for the assessment take the amounts their rules give (DOMAIN.md §6.1).
      const released = can(CONTRACT, contractStatus, 'pay')
        ? await this.contracts.applyAssessment(
            a.contractId,
            {
              passed: a.result.passed,
              rewardRate: a.result.rewardRate,
              deduction: a.result.deductionAmount,
              maxReward: a.maxReward,
            },
            actor,
            m,
          )
        : [];
      const reward = released.find((x) => x.base === 'reward') ?? released[0] ?? null;
      await this.steps.move(
        m,
        actor,
        a,
        'finalise',
        { finalisedAt: new Date(), rewardMilestoneId: reward?.id ?? null },
        'assessment.finalise',
        null,
        {
          ...resultFigures(a),
          releasedMilestones: released.map((x) => ({ seq: x.seq, name: x.name, amount: x.amount })),
        },
      );
      await this.terminations.mark(m, actor, a);
    });
    return this.assessments.detail(actor, id);
  }

  /** Scores checked against the scheme; a 400 naming every bad field otherwise. */
  private scored(a: FullAssessment, inputs: ItemInput[], at: (index: number) => string): ItemScore[] {
    const { scores, errors } = scoreItems(a.scheme, inputs, at);
    if (errors.length) throw invalidInput(errors);
    return scores;
  }

  /**
   * The assessment a dossier carried for the contract's year, opened as what it is: final, read-only,
   * under the scheme it was made with. Its consequences (payments, a termination mark) are the
   * archive's, not drawn again here.
   */
  private async fromDossier(actor: AuthUser, m: EntityManager, contractId: number, imported: Assessment): Promise<number> {
    const { tenderId, lotNo, year } = imported;
    const scheme = await this.schemes.forTender(m, tenderId, imported.schemeCode);
    const { scores: given, errors } = scoreItems(scheme, imported.items, (i) => `items[${i}]`);
    if (errors.length) throw invalidInput(errors);
    // A dossier lists a deduction scheme's deductions only: every other item lost nothing.
    const scores =
      scheme.kind === 'deduction'
        ? scheme.items.map((item) => given.find((g) => g.no === item.no) ?? { no: item.no, deduction: '0' })
        : given;
    const result = outcome(scheme, { lotNo, year, operatingCost: imported.operatingCost, maxReward: imported.maxReward, items: scores });
    const now = new Date();
    const a = await m.save(
      m.create(ContractAssessment, {
        contractId,
        schemeId: scheme.id,
        status: 'final',
        items: scores,
        selfItems: null,
        selfSummary: null,
        submittedAt: null,
        operatingCost: imported.operatingCost,
        maxReward: imported.maxReward,
        result,
        publishedAt: now,
        objectionDeadline: null,
        finalisedAt: now,
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
        after: { contractId, lotNo, year, scheme: scheme.code, fromDossier: true, status: 'final' },
      },
      m,
    );
    return a.id;
  }

  private exists() {
    return new ConflictException('该合同的年度考核已存在 / the contract already has its assessment');
  }
}

/** Why a step that changes the scores is refused. */
const notEditable = (a: ContractAssessment) =>
  isFinal(ASSESSMENT, a.status)
    ? LOCKED
    : '考核结果已公布，评分只能在答复异议时修改 / the result is published; scores change only with an answer to an objection';

/** Why a step on a published result is refused. */
const notPublished = (a: ContractAssessment) =>
  isFinal(ASSESSMENT, a.status) ? LOCKED : '考核结果尚未公布 / the result is not published yet';
