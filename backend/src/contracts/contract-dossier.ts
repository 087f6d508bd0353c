import { EntityManager, In } from 'typeorm';
import { chinaDay } from '../documents/format';
import { contractTerm } from '../domain/contracts/amounts';
import { contractContext, contractState, type EvaluatedTender, premiumRates } from '../domain/contracts/contract-status';
import type { ReportRule } from '../domain/contracts/periodic-reports';
import { fraction, optional } from '../domain/dossier/dossier-values';
import type { ContractReport, Dossier, DossierContract } from '../domain/dossier/dossier.types';
import { Acceptance, ServiceEvaluation } from './contract-events.entity';
import { Contract } from './contract.entity';
import { PaymentMilestone } from './payment-milestone.entity';
import { ContractSettlement } from './settlement.entity';

/**
 * A dossier's contracts (DOSSIER.md CONTRACT, format 2) as the rows the contract side keeps, and back.
 * Each contract is written as it stands on its `asOf`: the contract, its milestones with the amounts and
 * statuses of that day (domain/contracts/contract-status.ts, the same function the results use), and its
 * events — service evaluations, acceptance, applications and approvals, payments with their vouchers,
 * the settlement (the periodic reports: assessments/periodic-report-dossier.ts) — so that the ledger, the settlement statement and the reports
 * read them as if entered through the UI. Payments dated after `asOf` are kept on their milestones.
 */

/** A China day as the moment the rows keep (noon in China: the day reads back the same in any zone). */
export const chinaNoon = (day: string) => new Date(`${day}T12:00:00+08:00`);

/** Why a milestone imported as withheld is, by what withheld it. */
const WITHHELD: Record<string, string> = {
  'after-service-evaluation': '服务考评未通过',
  'after-acceptance': '验收未通过',
  'after-assessment': '年度考核结果不予支付',
};

/** A contract written, with what its periodic reports need (they are kept beside the assessments). */
export interface SavedContract {
  contractId: number;
  reports: ContractReport[];
  rules: ReportRule[];
}

export async function saveContracts(
  m: EntityManager,
  tenderId: number,
  d: Dossier,
  evaluated: EvaluatedTender,
  bidderId: ReadonlyMap<string, number>,
  by: string | null,
): Promise<SavedContract[]> {
  const written: SavedContract[] = [];
  for (const c of d.contracts ?? []) {
    // Validation refused a contract without a winner or a schedule: every one has its context here.
    const ctx = contractContext(d, c, evaluated)!;
    const { figures, milestones, results, settlement } = contractState(c, ctx);
    const rates = premiumRates(c, ctx.bid);
    const premium = ctx.kind === 'premium';
    const term = contractTerm(ctx.kind, c.year, c.effectiveDate ?? null, d.tender.contractYears);
    const lot = d.lots.find((l) => l.no === c.lot)!;
    const contract = await m.save(
      m.create(Contract, {
        tenderId,
        lotNo: c.lot,
        year: c.year,
        bidderId: bidderId.get(evaluated.winners.get(c.lot)!)!,
        kind: ctx.kind,
        termStart: term.start,
        termEnd: term.end,
        unitPrice: ctx.kind === 'per-capita' ? ctx.bid.unitPrice : null,
        population: c.population ?? null,
        serviceAmount: figures.serviceAmount,
        fundStandard: premium ? String(c.fundStandard) : null,
        fund: figures.fund,
        allowanceRate: premium ? rates.allowanceRate : null,
        allowance: figures.allowance,
        policyDeficitShare: premium && ctx.schedule.deficitRule === 'shared' ? rates.policyDeficitShare : null,
        deficitRule: ctx.schedule.deficitRule ?? null,
        retentions: ctx.schedule.retentions ?? [],
        fixedFees: figures.fixedFees,
        contractAmount: figures.contractAmount,
        rewardBudget: lot.rewardBudget ?? null,
        scheduleTemplate: c.schedule,
        reportRules: ctx.schedule.reports?.length ? ctx.schedule.reports : null,
        status: c.signedOn ? 'signed' : 'draft',
        signedAt: c.signedOn ? chinaNoon(c.signedOn) : null,
        asOf: c.asOf,
      }),
    );
    const contractId = contract.id;
    const saved = await m.save(
      milestones.map((x, i) => {
        const application = (c.applications ?? []).find((a) => a.milestone === x.name);
        const payment = (c.payments ?? []).find((p) => p.milestone === x.name);
        const { status, amount } = results[i];
        return m.create(PaymentMilestone, {
          contractId,
          seq: x.seq,
          name: x.name,
          base: x.base,
          share: x.share,
          fixedAmount: x.fixedAmount,
          remainder: x.remainder,
          trigger: x.trigger,
          amountRule: x.amountRule,
          period: x.period,
          source: x.source,
          dueRule: x.dueRule,
          dueDate: x.dueDate,
          status,
          amount,
          requested: application ? String(application.requested) : null,
          appliedOn: application?.appliedOn ?? null,
          paidOn: payment?.paidOn ?? null,
          voucher: payment?.voucher ?? null,
          withheldReason: status === 'withheld' ? (WITHHELD[x.trigger] ?? null) : null,
        });
      }),
    );
    await m.save(
      (c.serviceEvaluations ?? []).map((e) =>
        m.create(ServiceEvaluation, {
          contractId,
          period: e.period,
          evaluatedOn: e.on,
          passed: e.passed,
          note: e.note ?? null,
          recordedAt: chinaNoon(e.on),
        }),
      ),
    );
    if (c.acceptance) {
      const a = c.acceptance;
      await m.save(
        m.create(Acceptance, {
          contractId,
          acceptedOn: a.on,
          passed: a.passed,
          note: a.note ?? null,
          claim: null,
          recordedAt: chinaNoon(a.on),
        }),
      );
    }
    if (settlement && c.settlement) {
      const carried = saved.find((x) => x.trigger === 'after-settlement');
      await m.save(
        m.create(ContractSettlement, {
          contractId,
          year: c.year,
          claims: settlement.claims,
          policyDeficit: c.settlement.policyDeficit,
          fund: settlement.fund,
          allowanceRate: rates.allowanceRate!,
          deficitRule: ctx.schedule.deficitRule!,
          policyDeficitShare: ctx.schedule.deficitRule === 'shared' ? rates.policyDeficitShare : null,
          retentions: ctx.schedule.retentions ?? [],
          assessmentPassed: ctx.assessment!.passed,
          failDeductionRate: ctx.assessment!.failDeductionRate,
          allowance: settlement.allowance,
          deduction: settlement.deduction,
          allowanceNet: settlement.allowanceNet,
          balance: settlement.balance,
          surplus: settlement.surplus,
          insurerBears: settlement.insurerBears,
          fundBears: settlement.fundBears,
          fromReserve: settlement.fromReserve,
          beyondReserve: settlement.beyondReserve,
          forfeitedDeposit: settlement.forfeitedDeposit,
          due: settlement.due,
          paidOrPayable: settlement.paidOrPayable,
          payment: settlement.payment,
          milestoneId: carried?.id ?? null,
          settledById: null,
          settledBy: by,
          settledAt: chinaNoon(c.asOf),
        }),
      );
    }
    written.push({ contractId, reports: c.reports ?? [], rules: ctx.schedule.reports ?? [] });
  }
  return written;
}

/** A tender's stored contracts as the dossier's CONTRACT part (but their reports), by lot and year, with their ids. */
export async function loadContracts(m: EntityManager, tenderId: number): Promise<{ id: number; contract: DossierContract }[]> {
  const contracts = await m.find(Contract, { where: { tenderId }, order: { lotNo: 'ASC', year: 'ASC', id: 'ASC' } });
  if (contracts.length === 0) return [];
  const contractId = In(contracts.map((c) => c.id));
  const [milestones, evaluations, acceptances, settlements] = await Promise.all([
    m.find(PaymentMilestone, { where: { contractId }, order: { seq: 'ASC' } }),
    m.find(ServiceEvaluation, { where: { contractId }, order: { id: 'ASC' } }),
    m.find(Acceptance, { where: { contractId }, order: { id: 'ASC' } }),
    m.find(ContractSettlement, { where: { contractId } }),
  ]);
  const of = <T extends { contractId: number }>(rows: T[], id: number) => rows.filter((r) => r.contractId === id);
  return contracts.map((c) => {
    const own = of(milestones, c.id);
    const acceptance = of(acceptances, c.id).at(-1);
    const settlement = of(settlements, c.id)[0];
    const applications = own
      .filter((x) => x.trigger === 'on-application' && x.requested !== null)
      .map((x) => ({ milestone: x.name, requested: x.requested!, approved: optional(x.amount), appliedOn: optional(x.appliedOn) }));
    const payments = own.filter((x) => x.paidOn !== null).map((x) => ({ milestone: x.name, paidOn: x.paidOn!, voucher: x.voucher! }));
    const evaluationsOf = of(evaluations, c.id).map((e) => ({
      period: e.period,
      on: e.evaluatedOn,
      passed: e.passed,
      note: optional(e.note),
    }));
    const contract: DossierContract = {
      lot: c.lotNo,
      year: c.year,
      schedule: c.scheduleTemplate,
      // A contract drawn up in the product stands as of its last change.
      asOf: c.asOf ?? chinaDay(c.updatedAt),
      population: optional(c.population),
      fundStandard: optional(c.fundStandard),
      allowanceRate: c.allowanceRate === null ? undefined : fraction(c.allowanceRate),
      policyDeficitShare: c.policyDeficitShare === null ? undefined : fraction(c.policyDeficitShare),
      effectiveDate: c.termStart === `${c.year}-01-01` ? undefined : c.termStart,
      signedOn: c.signedAt ? chinaDay(c.signedAt) : undefined,
      serviceEvaluations: evaluationsOf.length ? evaluationsOf : undefined,
      acceptance: acceptance && { on: acceptance.acceptedOn, passed: acceptance.passed, note: optional(acceptance.note) },
      applications: applications.length ? applications : undefined,
      payments: payments.length ? payments : undefined,
      settlement: settlement && { claims: settlement.claims, policyDeficit: settlement.policyDeficit },
    };
    return { id: c.id, contract: Object.fromEntries(Object.entries(contract).filter(([, v]) => v !== undefined)) as DossierContract };
  });
}
