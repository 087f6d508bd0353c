import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { AuthUser } from '../auth/decorators';
import { Transitions } from '../audit/transitions';
import type { ContractResult } from '../domain/contracts/contract-status';
import { settlementResult } from '../domain/contracts/settlement';
import { CONTRACT } from '../domain/lifecycles';
import { LotContracts } from '../evaluation/lot-contracts';
import { Contract } from './contract.entity';
import { PaymentMilestone } from './payment-milestone.entity';
import { ContractSettlement } from './settlement.entity';

/** A tender's contracts as a re-evaluation and the results ask for them (evaluation's LotContracts port). */
@Injectable()
export class ContractsOfLots extends LotContracts {
  constructor(private readonly transitions: Transitions) {
    super();
  }

  async signedYears(m: EntityManager, tenderId: number, lotNo: string): Promise<number[]> {
    const signed = await m.find(Contract, { where: { tenderId, lotNo, status: 'signed' }, order: { year: 'ASC' } });
    return signed.map((c) => c.year);
  }

  async withdrawDrafts(m: EntityManager, actor: AuthUser, tenderId: number, lotNo: string, reason: string): Promise<number[]> {
    const drafts = await m.find(Contract, { where: { tenderId, lotNo, status: 'draft' }, order: { year: 'ASC' } });
    for (const draft of drafts) {
      await this.transitions.move(m, CONTRACT, Contract, {
        id: draft.id,
        from: draft.status,
        event: 'terminate',
        actor,
        after: { reason, reevaluation: true },
      });
    }
    return drafts.map((c) => c.year);
  }

  async results(m: EntityManager, tenderId: number): Promise<ContractResult[]> {
    const contracts = (await m.find(Contract, { where: { tenderId }, order: { lotNo: 'ASC', year: 'ASC', id: 'ASC' } })).filter(
      (c) => c.status !== 'terminated' || c.signedAt !== null,
    );
    if (!contracts.length) return [];
    const contractId = In(contracts.map((c) => c.id));
    const [milestones, settlements] = await Promise.all([
      m.find(PaymentMilestone, { where: { contractId }, order: { seq: 'ASC' } }),
      m.find(ContractSettlement, { where: { contractId } }),
    ]);
    return contracts.map((c) => {
      const settlement = settlements.find((s) => s.contractId === c.id);
      return {
        lot: c.lotNo,
        year: c.year,
        amount: c.contractAmount,
        fund: c.fund,
        milestones: milestones
          .filter((x) => x.contractId === c.id)
          .map((x) => ({ name: x.name, amount: x.amount, status: x.status, due: x.dueDate })),
        ...(settlement && { settlement: settlementResult(settlement) }),
      };
    });
  }
}
