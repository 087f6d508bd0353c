import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/decorators';
import { type Actor, AuditService } from '../audit/audit.service';
import { conflict } from '../common/errors';
import { isUniqueViolation } from '../database/unique-violation';
import { DocumentsService, type DocumentOwner } from '../documents/documents.service';
import { paidOrPayable, type PremiumTerms, settle, settlementInput, type SettlementFinding } from '../domain/contracts/settlement';
import type { SettlementBasis, StoredSettlement } from '../domain/wire/settlement';
import { Lot } from '../tenders/lot.entity';
import { Contract } from './contract.entity';
import { ContractsService } from './contracts.service';
import { MilestoneEventsService } from './milestone-events.service';
import { PaymentMilestone } from './payment-milestone.entity';
import { ContractSettlement } from './settlement.entity';
import { settlementStatement, statementWorkbook, type SettlementStatement } from './settlement-statement';
import { YearAssessments } from './year-assessment';

const statementOwner = (contractId: number): DocumentOwner => ({
  ownerType: 'contract',
  ownerId: contractId,
  kind: 'settlement-statement',
});

/**
 * The annual settlement of a premium fund (DOMAIN.md §6.2), stored: the bureau settles a contract's year
 * once, after the year's assessment is final; the settlement's payment (or the insurer's refund) goes onto
 * the contract's `after-settlement` milestone; the statement is printed and exported from what was stored.
 */
@Injectable()
export class SettlementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly contracts: ContractsService,
    private readonly milestoneEvents: MilestoneEventsService,
    private readonly assessments: YearAssessments,
    private readonly documents: DocumentsService,
  ) {}

  /** The settlement (null until made) and what it is made from; an insurer sees only its own contracts'. */
  async view(user: AuthUser, id: number): Promise<{ settlement: StoredSettlement | null; basis: SettlementBasis }> {
    const contract = await this.contracts.visible(user, id);
    const m = this.dataSource.manager;
    const stored = await m.findOneBy(ContractSettlement, { contractId: id });
    if (stored) return { settlement: storedView(stored), basis: storedBasis(stored) };
    const terms = this.premiumTerms(contract);
    const assessment = await this.assessments.ofContract(m, id);
    return {
      settlement: null,
      basis: {
        ...terms,
        retentions: [...terms.retentions],
        assessment,
        paidOrPayable: paidOrPayable(await this.contracts.milestones(id, m)),
      },
    };
  }

  /**
   * Settle the year: refused unless the contract is a premium fund, its year's assessment is final and the
   * year is not settled yet (the unique contract index also stops a second settlement racing this one).
   * The record, the milestone's payment and the audit entry commit together.
   */
  async settle(actor: AuthUser, id: number, finding: SettlementFinding): Promise<StoredSettlement> {
    await this.contracts.visible(actor, id);
    try {
      return await this.dataSource.transaction((m) => this.settleWithin(m, actor, id, finding));
    } catch (e) {
      if (isUniqueViolation(e))
        throw conflict('alreadySettled', { year: (await this.dataSource.manager.findOneByOrFail(Contract, { id })).year });
      throw e;
    }
  }

  /**
   * The settlement inside the caller's transaction, with the same checks: for a dossier's contract
   * `settlement: {claims, policyDeficit}` (DOSSIER.md format 2) as much as for the bureau's entry.
   */
  async settleWithin(m: EntityManager, actor: Actor, id: number, finding: SettlementFinding): Promise<StoredSettlement> {
    const contract = await m.findOneBy(Contract, { id });
    if (!contract) throw new NotFoundException('合同不存在 / contract not found');
    const terms = this.premiumTerms(contract);
    const assessment = await this.assessments.ofContract(m, id);
    if (!assessment?.final) throw conflict('assessmentNotFinal', { year: contract.year });
    if (await m.existsBy(ContractSettlement, { contractId: id })) throw conflict('alreadySettled', { year: contract.year });
    const milestones = await this.contracts.milestones(id, m);
    const { passed, failDeductionRate } = assessment;
    const s = settle(settlementInput(terms, finding, { passed, failDeductionRate }, paidOrPayable(milestones)));
    const carried = await this.carryPayment(m, actor, milestones, s.payment);
    const record = await m.save(
      m.create(ContractSettlement, {
        contractId: id,
        year: contract.year,
        claims: s.claims,
        policyDeficit: finding.policyDeficit,
        fund: s.fund,
        allowanceRate: terms.allowanceRate,
        deficitRule: terms.deficitRule,
        policyDeficitShare: terms.deficitRule === 'shared' ? terms.policyDeficitShare : null,
        retentions: [...terms.retentions],
        assessmentPassed: passed,
        failDeductionRate,
        allowance: s.allowance,
        deduction: s.deduction,
        allowanceNet: s.allowanceNet,
        balance: s.balance,
        surplus: s.surplus,
        insurerBears: s.insurerBears,
        fundBears: s.fundBears,
        fromReserve: s.fromReserve,
        beyondReserve: s.beyondReserve,
        forfeitedDeposit: s.forfeitedDeposit,
        due: s.due,
        paidOrPayable: s.paidOrPayable,
        payment: s.payment,
        milestoneId: carried?.id ?? null,
        settledById: actor.id,
        settledBy: actor.username,
        settledAt: new Date(),
      }),
    );
    await this.audit.record(
      actor,
      {
        action: 'contract.settle',
        entityType: 'contract',
        entityId: id,
        before: { settlement: null, milestone: carried?.before ?? null },
        after: { ...finding, ...s, milestone: carried?.after ?? null },
      },
      m,
    );
    return storedView(record);
  }

  /**
   * The `after-settlement` milestone carries the payment: the ledger gives it the amount and makes it
   * payable (a negative amount is the insurer's refund). A schedule without one leaves the payment on the
   * statement alone. Returns the milestone before and after, for the settlement's audit entry.
   */
  private async carryPayment(m: EntityManager, actor: Actor, milestones: PaymentMilestone[], payment: string) {
    const waiting = milestones.find((x) => x.trigger === 'after-settlement');
    if (!waiting) return null;
    const before = { seq: waiting.seq, name: waiting.name, status: waiting.status, amount: waiting.amount };
    const [released] = await this.milestoneEvents.releaseSettlement(m, actor, waiting.contractId, payment);
    if (!released) return null;
    return { id: released.id, before, after: { seq: released.seq, name: released.name, status: released.status, amount: released.amount } };
  }

  /** The statement of a made settlement, for those who may see the contract. */
  async statement(user: AuthUser, id: number): Promise<SettlementStatement> {
    const contract = await this.contracts.visible(user, id);
    const stored = await this.dataSource.manager.findOneBy(ContractSettlement, { contractId: id });
    if (!stored) throw conflict('notSettled', { year: contract.year });
    const lot = await this.dataSource.manager.findOneByOrFail(Lot, { tenderId: contract.tenderId, no: contract.lotNo });
    const { code, name, purchaser } = contract.tender!;
    return settlementStatement(
      { tender: { code, name, purchaser }, lot: { no: lot.no, name: lot.name }, insurer: contract.bidder!.name },
      stored,
    );
  }

  /** The statement PDF: printed once from the stored settlement (which does not change), then served as stored. */
  async statementPdf(user: AuthUser, id: number) {
    const st = await this.statement(user, id);
    const doc = await this.documents.findOrGenerate(statementOwner(id), undefined, () =>
      this.documents.generate(user, statementOwner(id), 'settlement-statement', st),
    );
    return { doc, fileName: `清算结算单-${st.number}.pdf` };
  }

  async statementExcel(user: AuthUser, id: number) {
    const st = await this.statement(user, id);
    return { file: await statementWorkbook(st), fileName: `清算结算单-${st.number}.xlsx` };
  }

  /** A premium contract's settlement terms; any other contract is not settled this way. */
  private premiumTerms(c: Contract): PremiumTerms {
    if (c.kind !== 'premium' || c.fund === null || c.allowanceRate === null || c.deficitRule === null) throw conflict('notPremiumFund');
    return {
      fund: c.fund,
      allowanceRate: c.allowanceRate,
      policyDeficitShare: c.policyDeficitShare,
      deficitRule: c.deficitRule,
      retentions: c.retentions,
    };
  }
}

/** A stored settlement as the API shows it. */
function storedView(s: ContractSettlement): StoredSettlement {
  const { id, contractId, year, policyDeficit, assessmentPassed, milestoneId, settledBy, settledAt } = s;
  const { fund, claims, allowance, deduction, allowanceNet, balance, surplus, insurerBears, fundBears } = s;
  const { fromReserve, beyondReserve, forfeitedDeposit, due, paidOrPayable, payment } = s;
  return {
    ...{ id, contractId, year, policyDeficit, assessmentPassed, milestoneId, settledBy, settledAt: settledAt.toISOString() },
    ...{ fund, claims, allowance, deduction, allowanceNet, balance, surplus, insurerBears, fundBears },
    ...{ fromReserve, beyondReserve, forfeitedDeposit, due, paidOrPayable, payment },
  };
}

/** What a made settlement was made from. */
function storedBasis(s: ContractSettlement): SettlementBasis {
  return {
    fund: s.fund,
    allowanceRate: s.allowanceRate,
    deficitRule: s.deficitRule,
    policyDeficitShare: s.policyDeficitShare,
    retentions: s.retentions,
    assessment: { final: true, passed: s.assessmentPassed, failDeductionRate: s.failDeductionRate },
    paidOrPayable: s.paidOrPayable,
  };
}
