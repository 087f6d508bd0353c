import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/decorators';
import { Bidder } from '../bids/bidder.entity';
import { loadDossier } from '../dossiers/dossier-store';
import { SEALED_STATUSES } from '../dossiers/dossiers.service';
import { PanelMember } from '../panel/panel-member.entity';
import { Tender } from '../tenders/tender.entity';
import { evaluateDossier, TenderResults } from './evaluate-dossier';

@Injectable()
export class EvaluationService {
  constructor(private readonly dataSource: DataSource) {}

  /** The evaluation of the tender as it stands (DOSSIER.md "Evaluation result"). */
  async results(tenderId: number): Promise<TenderResults> {
    const tender = await this.dataSource.getRepository(Tender).findOneBy({ id: tenderId });
    if (!tender) throw new NotFoundException('招标项目不存在 / tender not found');
    if (SEALED_STATUSES.has(tender.status)) throw new ConflictException('尚未开标 / bids are sealed until opening');
    return evaluateDossier(await loadDossier(this.dataSource.manager, tenderId));
  }

  /**
   * What a user may see of the results: procurement, bureau and admin everything; an expert of the
   * panel everything; an insurer only its own bids (and the lots' outcomes, which are published).
   */
  async resultsFor(user: AuthUser, tenderId: number): Promise<TenderResults> {
    if (user.role === 'expert') {
      const member = await this.dataSource.getRepository(PanelMember).findOneBy({ tenderId, userId: user.id });
      if (!member) throw new ForbiddenException('您不是该项目的评审专家 / you are not on this panel');
    }
    const results = await this.results(tenderId);
    if (user.role !== 'insurer') return results;
    const own = new Set(
      (await this.dataSource.getRepository(Bidder).findBy({ tenderId, organizationId: user.organizationId ?? -1 })).map((b) => b.code),
    );
    if (own.size === 0) throw new NotFoundException('招标项目不存在 / tender not found');
    return {
      ...results,
      errors: [],
      lots: results.lots.map((lot) => ({
        ...lot,
        bids: lot.bids.filter((b) => own.has(b.bidder)),
        setAside: lot.setAside.filter((s) => own.has(s.bidder)),
        tieBreaks: lot.tieBreaks.filter((t) => t.bidders.some((b) => own.has(b))),
        awardChain: [],
      })),
      assessments: [],
    };
  }
}
