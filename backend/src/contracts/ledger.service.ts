import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/decorators';
import type { ExportFile } from '../common/download';
import { chinaDay } from '../documents/format';
import { contractsReached, readsContract } from './contract-scope';
import { contractLedger, yearLedger } from '../domain/contracts/ledger';
import type { ContractLedger, YearLedger } from '../domain/wire/ledger';
import { Acceptance, ServiceEvaluation } from './contract-events.entity';
import { AcceptanceDocument } from './acceptance-document.entity';
import { Contract } from './contract.entity';
import { ContractsService } from './contracts.service';
import { ledgerWorkbook } from './ledger-workbook';
import { PaymentMilestone } from './payment-milestone.entity';

/**
 * The ledger of DOMAIN.md §6.1 as a user may see it: a contract's (the bureau any, an insurer its own)
 * and a contract year's, summed per insurer, lot and buyer (an insurer's over its own contracts only).
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contracts: ContractsService,
  ) {}

  async contract(user: AuthUser, id: number, now = new Date()): Promise<ContractLedger> {
    const contract = await this.contracts.visible(user, id);
    const m = this.dataSource.manager;
    const [milestones, evaluations, acceptances, documents] = await Promise.all([
      this.contracts.milestones(id),
      m.find(ServiceEvaluation, { where: { contractId: id }, order: { evaluatedOn: 'ASC', id: 'ASC' } }),
      m.find(Acceptance, { where: { contractId: id }, order: { acceptedOn: 'ASC', id: 'ASC' } }),
      m.find(AcceptanceDocument, { where: { contractId: id }, order: { id: 'ASC' } }),
    ]);
    const documentsOf = (acceptanceId: number) =>
      documents
        .filter((d) => d.acceptanceId === acceptanceId)
        .map((d) => ({
          id: d.id,
          fileName: d.fileName,
          size: d.size,
          sha256: d.sha256,
          uploadedAt: d.uploadedAt.toISOString(),
          uploadedBy: d.uploadedBy,
        }));
    const today = chinaDay(now);
    const { lines, totals } = contractLedger(milestones.map(shown), today);
    return {
      contractId: id,
      today,
      signedOn: contract.signedAt && chinaDay(contract.signedAt),
      lines,
      totals,
      serviceEvaluations: evaluations.map((e) => ({ id: e.id, period: e.period, on: e.evaluatedOn, passed: e.passed, note: e.note })),
      acceptances: acceptances.map((a) => ({
        id: a.id,
        on: a.acceptedOn,
        passed: a.passed,
        note: a.note,
        claim: a.claim,
        documents: documentsOf(a.id),
      })),
    };
  }

  /** A milestone `user` may act on: another organisation's or buyer's is not found, as its contract is. */
  async visibleMilestone(user: AuthUser, milestoneId: number): Promise<void> {
    const milestone = await this.dataSource.getRepository(PaymentMilestone).findOneBy({ id: milestoneId });
    const contract =
      milestone &&
      (await this.dataSource
        .getRepository(Contract)
        .findOne({ where: { id: milestone.contractId }, relations: { tender: true, bidder: true } }));
    if (!contract || !readsContract(user, contract)) throw new NotFoundException('付款节点不存在 / milestone not found');
  }

  async year(user: AuthUser, year: number, now = new Date()): Promise<YearLedger> {
    const contracts = await this.dataSource.getRepository(Contract).find({
      where: { year, ...contractsReached(user) },
      relations: { tender: true, bidder: true },
      order: { tenderId: 'ASC', lotNo: 'ASC' },
    });
    const today = chinaDay(now);
    const milestones = contracts.length
      ? await this.dataSource.getRepository(PaymentMilestone).find({ where: contracts.map((c) => ({ contractId: c.id })) })
      : [];
    const rows = contracts.map((c) => ({
      contractId: c.id,
      tenderCode: c.tender!.code,
      lotNo: c.lotNo,
      insurer: c.bidder!.name,
      lot: `${c.tender!.code} 第${c.lotNo}包`,
      buyer: c.tender!.purchaser,
      totals: contractLedger(
        milestones.filter((x) => x.contractId === c.id),
        today,
      ).totals,
    }));
    return { year, today, contracts: rows, ...yearLedger(rows) };
  }

  async yearWorkbook(user: AuthUser, year: number): Promise<ExportFile> {
    return { file: await ledgerWorkbook(await this.year(user, year)), fileName: `${year}年度付款台账.xlsx` };
  }
}

/** What the ledger shows of a milestone. */
const shown = ({
  id,
  seq,
  name,
  trigger,
  status,
  amount,
  requested,
  appliedOn,
  dueDate,
  paidOn,
  voucher,
  withheldReason,
}: PaymentMilestone) => ({
  id,
  seq,
  name,
  trigger,
  status,
  amount,
  requested,
  appliedOn,
  dueDate,
  paidOn,
  voucher,
  withheldReason,
});
