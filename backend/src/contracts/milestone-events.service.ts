import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { assertCan, Transitions } from '../audit/transitions';
import { fieldError, FieldError, invalidInput } from '../common/errors';
import { chinaDay } from '../documents/format';
import { D, fen } from '../domain/decimal';
import type { Trigger } from '../domain/contracts/payment-schedule';
import { CONTRACT, MILESTONE, MilestoneEvent, targets } from '../domain/lifecycles';
import type { ApplyForPayment, ApprovePayment, RecordAcceptance, RecordPayment, RecordServiceEvaluation } from '../domain/wire/ledger';
import type { AuthUser } from '../auth/decorators';
import { readsOrganization } from '../domain/access-policy';
import { approvable } from '../domain/contracts/retentions';
import { Bidder } from '../bids/bidder.entity';
import { Acceptance, ServiceEvaluation } from './contract-events.entity';
import { AcceptanceDocument } from './acceptance-document.entity';
import type { CheckedFile } from '../common/uploads/file-upload';
import { Contract } from './contract.entity';
import { PaymentMilestone } from './payment-milestone.entity';
import { Notifier } from '../common/notifier';

/** An acceptance keeps at most this many documents. */
export const MAX_ACCEPTANCE_DOCUMENTS = 10;

/** Everything a milestone's move writes besides its status. */
type MilestoneColumns = Partial<Pick<PaymentMilestone, 'amount' | 'paidOn' | 'voucher' | 'withheldReason'>>;

/** A 409 for an application or approval on a milestone that takes none (or none any more). */
const notApplicable = (m: PaymentMilestone) =>
  new ConflictException(`付款节点“${m.name}”不是待申请拨付的节点 / the milestone takes no application (${m.trigger}, ${m.status})`);

/**
 * The events that release money (DOMAIN.md §6.1) as the bureau records them: the payment of a payable
 * milestone, the acceptance (验收), and the daily release of the milestones whose date has come. Each
 * event is checked against the contract (signed, in force; nothing dated before the signature or after
 * today), moves its milestones through the MILESTONE lifecycle and is audited, all in one transaction.
 */
@Injectable()
export class MilestoneEventsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly transitions: Transitions,
    private readonly notifications: Notifier,
  ) {}

  /** The payment of a payable milestone: final; a second one is refused (409) and changes nothing. */
  async pay(actor: Actor, milestoneId: number, body: RecordPayment): Promise<PaymentMilestone> {
    return this.dataSource.transaction(async (m) => {
      const milestone = await m.findOneBy(PaymentMilestone, { id: milestoneId });
      if (!milestone) throw new NotFoundException('付款节点不存在 / milestone not found');
      const contract = await this.inForce(m, milestone.contractId);
      const errors = dated('paidOn', body.paidOn, contract);
      if (errors.length) throw invalidInput(errors);
      assertCan(MILESTONE, milestone.status, 'pay', `付款节点“${milestone.name}”当前不可支付（${milestone.status}） / not payable`);
      await this.move(m, actor, milestone, 'pay', { paidOn: body.paidOn, voucher: body.voucher });
      const subject = { type: 'contract' as const, id: contract.id, link: '/insurer/contracts' };
      await this.notifications.toInsurer(m, contract.id, 'payment-recorded', subject);
      return milestone;
    });
  }

  /**
   * The insurer applies for an `on-application` payment of its own contract (Henan, quarterly: the
   * amount based on last quarter's spending). It may apply again while the bureau has not approved;
   * each application is audited with the amount before.
   */
  async apply(user: AuthUser, milestoneId: number, body: ApplyForPayment): Promise<PaymentMilestone> {
    return this.dataSource.transaction(async (m) => {
      const milestone = await m.findOneBy(PaymentMilestone, { id: milestoneId });
      const contract = milestone && (await m.findOneBy(Contract, { id: milestone.contractId }));
      const bidder = contract && (await m.findOneBy(Bidder, { id: contract.bidderId }));
      // Another organisation's milestone is "not found", as its contract is.
      if (!milestone || !bidder || !readsOrganization(user, bidder.organizationId)) {
        throw new NotFoundException('付款节点不存在 / milestone not found');
      }
      await this.inForce(m, milestone.contractId);
      if (milestone.trigger !== 'on-application' || milestone.status !== 'pending') throw notApplicable(milestone);
      const appliedOn = chinaDay(new Date());
      const requested = fen(body.requested);
      const before = { requested: milestone.requested, appliedOn: milestone.appliedOn };
      await m.update(PaymentMilestone, { id: milestoneId, status: 'pending' }, { requested, appliedOn });
      const after = { seq: milestone.seq, name: milestone.name, requested, appliedOn };
      await this.audit.record(
        user,
        { action: 'milestone.application', entityType: 'contract', entityId: milestone.contractId, before, after },
        m,
      );
      return Object.assign(milestone, { requested, appliedOn });
    });
  }

  /**
   * The bureau approves an application: the approved amount, at most what remains of the fund net of
   * the retentions after what it approved before (Henan art. 21–22), becomes the milestone's amount and
   * the milestone payable, due by its due date (the end of the quarter's first month).
   */
  async approve(actor: Actor, milestoneId: number, body: ApprovePayment): Promise<PaymentMilestone> {
    return this.dataSource.transaction(async (m) => {
      const milestone = await m.findOneBy(PaymentMilestone, { id: milestoneId });
      if (!milestone) throw new NotFoundException('付款节点不存在 / milestone not found');
      const contract = await this.inForce(m, milestone.contractId);
      if (milestone.trigger !== 'on-application' || milestone.status !== 'pending' || milestone.requested === null) {
        throw notApplicable(milestone);
      }
      const approvedBefore = await m.find(PaymentMilestone, {
        where: { contractId: contract.id, trigger: 'on-application', status: In(['payable', 'paid']) },
      });
      const max = approvable(
        contract.fund ?? '0',
        contract.retentions,
        approvedBefore.map((x) => x.amount ?? '0'),
      );
      if (new D(body.approved).gt(max)) throw invalidInput([fieldError('approved', 'overApprovable', { max })]);
      await this.move(m, actor, milestone, 'release', { amount: fen(body.approved) });
      return milestone;
    });
  }

  /**
   * The year's settlement is made (DOMAIN.md §6.2): each `after-settlement` milestone of the contract
   * takes the settlement's payment as its amount and becomes payable — a negative payment is the
   * insurer's refund, payable all the same. For the stored settlement to call inside its transaction;
   * returns the milestones released (none when there is no such milestone or it was released before).
   */
  async releaseSettlement(m: EntityManager, actor: Actor | null, contractId: number, payment: string): Promise<PaymentMilestone[]> {
    await this.inForce(m, contractId);
    const waiting = await m.find(PaymentMilestone, {
      where: { contractId, trigger: 'after-settlement', status: 'pending' },
      order: { seq: 'ASC' },
    });
    for (const milestone of waiting) await this.move(m, actor, milestone, 'release', { amount: fen(payment) });
    return waiting;
  }

  /**
   * The acceptance (Foshan's 50%): passed releases every milestone waiting for it; failed withholds
   * them with the failure as the reason (a later passed acceptance releases them). Recorded and
   * audited either way, with the failure's claim.
   */
  async recordAcceptance(actor: Actor, contractId: number, body: RecordAcceptance): Promise<Acceptance> {
    return this.dataSource.transaction(async (m) => {
      const contract = await this.inForce(m, contractId);
      const errors = dated('on', body.on, contract);
      if (errors.length) throw invalidInput(errors);
      const acceptance = await m.save(
        m.create(Acceptance, {
          contractId,
          acceptedOn: body.on,
          passed: body.passed,
          note: body.note ?? null,
          claim: body.claim ?? null,
          recordedAt: new Date(),
        }),
      );
      const reason = `${body.on}验收未通过${body.note ? `：${body.note}` : ''}`.slice(0, 200);
      const moved = await this.decide(m, actor, contractId, ['after-acceptance'], body.passed, reason);
      await this.audit.record(
        actor,
        {
          action: 'contract.acceptance',
          entityType: 'contract',
          entityId: contractId,
          after: { acceptanceId: acceptance.id, ...body, milestones: moved },
        },
        m,
      );
      return acceptance;
    });
  }

  /**
   * A document kept with an acceptance (its report, minutes, photographs): added, never replaced, at
   * most MAX_ACCEPTANCE_DOCUMENTS per acceptance; audited with its name and SHA-256.
   */
  async addAcceptanceDocument(actor: AuthUser, contractId: number, acceptanceId: number, file: CheckedFile): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.acceptanceOf(m, contractId, acceptanceId);
      const count = await m.countBy(AcceptanceDocument, { acceptanceId });
      if (count >= MAX_ACCEPTANCE_DOCUMENTS) throw invalidInput([fieldError('file', 'tooMany', { max: MAX_ACCEPTANCE_DOCUMENTS })]);
      const document = await m.save(
        m.create(AcceptanceDocument, {
          acceptanceId,
          contractId,
          fileName: file.fileName,
          mimeType: file.mimeType,
          size: file.content.length,
          sha256: file.sha256,
          uploadedAt: new Date(),
          uploadedBy: actor.username,
          content: file.content,
        }),
      );
      await this.audit.record(
        actor,
        {
          action: 'contract.acceptance-document',
          entityType: 'contract',
          entityId: contractId,
          after: { acceptanceId, documentId: document.id, fileName: file.fileName, size: file.content.length, sha256: file.sha256 },
        },
        m,
      );
    });
  }

  /** One of an acceptance's documents with its content; another contract's or acceptance's is not found. */
  async acceptanceDocument(contractId: number, acceptanceId: number, documentId: number): Promise<AcceptanceDocument> {
    const document = await this.dataSource
      .getRepository(AcceptanceDocument)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.id = :documentId AND d.acceptanceId = :acceptanceId AND d.contractId = :contractId', {
        documentId,
        acceptanceId,
        contractId,
      })
      .getOne();
    if (!document) throw new NotFoundException('验收材料不存在 / acceptance document not found');
    return document;
  }

  private async acceptanceOf(m: EntityManager, contractId: number, acceptanceId: number): Promise<Acceptance> {
    const acceptance = await m.findOneBy(Acceptance, { id: acceptanceId, contractId });
    if (!acceptance) throw new NotFoundException('验收记录不存在 / acceptance not found');
    return acceptance;
  }

  /**
   * The buyer's evaluation of one period's service (hospital 001, half-yearly): the latest evaluation
   * of the period decides its payment — passed releases it (a withheld one too: the re-evaluation),
   * failed withholds it until a re-evaluation passes. An evaluation dated before the period's latest
   * is kept but decides nothing. A period no payment of the contract waits for is a 400.
   */
  async recordServiceEvaluation(actor: Actor, contractId: number, body: RecordServiceEvaluation): Promise<ServiceEvaluation> {
    return this.dataSource.transaction(async (m) => {
      const contract = await this.inForce(m, contractId);
      const errors = dated('on', body.on, contract);
      const released = { contractId, trigger: 'after-service-evaluation' as const, period: body.period };
      if (!(await m.existsBy(PaymentMilestone, released)))
        errors.push(fieldError('period', 'noMilestoneForPeriod', { period: body.period }));
      if (errors.length) throw invalidInput(errors);
      const earlier = await m.find(ServiceEvaluation, { where: { contractId, period: body.period } });
      const evaluation = await m.save(
        m.create(ServiceEvaluation, {
          contractId,
          period: body.period,
          evaluatedOn: body.on,
          passed: body.passed,
          note: body.note ?? null,
          recordedAt: new Date(),
        }),
      );
      const latest = earlier.every((e) => e.evaluatedOn <= body.on);
      const reason = `${body.period}服务考评未通过（${body.on}）${body.note ? `：${body.note}` : ''}`.slice(0, 200);
      const moved = latest ? await this.decide(m, actor, contractId, ['after-service-evaluation'], body.passed, reason, body.period) : [];
      await this.audit.record(
        actor,
        {
          action: 'contract.service-evaluation',
          entityType: 'contract',
          entityId: contractId,
          after: { evaluationId: evaluation.id, ...body, latest, milestones: moved },
        },
        m,
      );
      return evaluation;
    });
  }

  /**
   * A condition of `triggers` decided: passed releases each pending or withheld milestone waiting for
   * it, failed withholds each pending one with `reason` (a withheld one stays so); `period` limits it
   * to the milestones of one period. Returns the moves.
   */
  async decide(
    m: EntityManager,
    actor: Actor | null,
    contractId: number,
    triggers: Trigger[],
    passed: boolean,
    reason: string,
    period?: string,
  ): Promise<{ seq: number; status: string }[]> {
    const event: MilestoneEvent = passed ? 'release' : 'withhold';
    const waiting = await m.find(PaymentMilestone, {
      where: { contractId, trigger: In(triggers), status: In(MILESTONE.events[event].from), ...(period !== undefined && { period }) },
      order: { seq: 'ASC' },
    });
    const moved = [];
    for (const milestone of waiting) {
      await this.move(m, actor, milestone, event, passed ? { withheldReason: null } : { withheldReason: reason });
      moved.push({ seq: milestone.seq, status: milestone.status });
    }
    return moved;
  }

  /**
   * The milestones whose day has come (`on-date`, DOMAIN.md §6.1) become payable: the deadlines job
   * runs this daily. Idempotent and safe on several servers: a milestone another run moved meanwhile
   * is skipped, not moved twice. Returns how many this run released.
   */
  async releaseDue(now: Date): Promise<number> {
    const today = chinaDay(now);
    const due = await this.dataSource.getRepository(PaymentMilestone).find({
      where: { trigger: 'on-date', status: 'pending', contract: { status: In(CONTRACT.allows.pay) } },
      relations: { contract: true },
    });
    let released = 0;
    for (const milestone of due.filter((x) => x.dueDate !== null && x.dueDate <= today)) {
      const moved = await this.dataSource.transaction((m) =>
        this.transitions.move(m, MILESTONE, PaymentMilestone, {
          ...this.moveOf(null, milestone, 'release', {}),
          lost: 'ignore',
        }),
      );
      if (moved) released++;
    }
    return released;
  }

  /** A signed contract not terminated: only such a contract pays (the CONTRACT lifecycle's `pay`). */
  private async inForce(m: EntityManager, contractId: number): Promise<Contract> {
    const contract = await m.findOneBy(Contract, { id: contractId });
    if (!contract) throw new NotFoundException('合同不存在 / contract not found');
    assertCan(CONTRACT, contract.status, 'pay', '合同未签订或已终止 / the contract is not in force');
    return contract;
  }

  /** Moves a milestone (and the object in hand with it), audited against its contract. */
  async move(m: EntityManager, actor: Actor | null, milestone: PaymentMilestone, event: MilestoneEvent, set: MilestoneColumns) {
    await this.transitions.move(m, MILESTONE, PaymentMilestone, this.moveOf(actor, milestone, event, set));
    Object.assign(milestone, set);
    [milestone.status] = targets(MILESTONE, event);
  }

  /** A milestone's move, audited against its contract with the amounts and what the event set. */
  private moveOf(actor: Actor | null, milestone: PaymentMilestone, event: MilestoneEvent, set: MilestoneColumns) {
    const { seq, name, amount, dueDate } = milestone;
    return {
      action: `milestone.${event}` as const,
      id: milestone.id,
      from: milestone.status,
      event,
      actor,
      set,
      subject: { entityType: 'contract', entityId: milestone.contractId },
      before: { seq, name, amount, withheldReason: milestone.withheldReason },
      after: { seq, name, amount, dueDate, ...set },
    };
  }
}

/** An event's day: not before the contract's signature, not after today (China time). */
function dated(path: string, day: string, contract: Contract): FieldError[] {
  const signedOn = chinaDay(contract.signedAt!);
  if (day < signedOn) return [fieldError(path, 'beforeSigning', { signedOn })];
  if (day > chinaDay(new Date())) return [fieldError(path, 'laterThanToday')];
  return [];
}
