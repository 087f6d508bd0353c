import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/decorators';
import { Transitions } from '../audit/transitions';
import { CONTRACT } from '../domain/lifecycles';
import { LotContracts } from '../evaluation/lot-contracts';
import { Contract } from './contract.entity';

/** A lot's contracts as a re-evaluation asks for them (evaluation's LotContracts port). */
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
}
