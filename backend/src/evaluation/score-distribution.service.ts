import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/decorators';
import { conflict } from '../common/errors';
import { scoreDistributionAccess } from '../domain/access-policy';
import { scoreDistribution } from '../domain/evaluation/score-distribution';
import { can, TENDER } from '../domain/lifecycles';
import type { ScoreDistribution } from '../domain/wire/evaluation';
import { assertCan } from '../audit/transitions';
import { PanelService } from '../panel/panel.service';
import { DossierSource } from '../tenders/dossier-source';
import { Lot } from '../tenders/lot.entity';
import { TenderAccess } from '../tenders/tender-access';

/** A lot's score distribution (domain/evaluation/score-distribution.ts), to whom the access policy shows it. */
@Injectable()
export class ScoreDistributionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TenderAccess,
    private readonly panel: PanelService,
    private readonly dossiers: DossierSource,
  ) {}

  /**
   * 404 for a tender or lot outside the user's reach, 403 for an expert off the panel or undeclared, 409
   * while the bids are sealed, while an expert's lot has sheets to come (sheetsPending) and, for the
   * bureau, until the results are published (resultsNotPublished).
   */
  async distribution(user: AuthUser, tenderId: number, lotNo: string): Promise<ScoreDistribution> {
    const { tender } = await this.access.visible(user, tenderId);
    assertCan(TENDER, tender.status, 'see-bids', '尚未开标 / bids are sealed until opening');
    const lot = await this.dataSource.getRepository(Lot).findOneBy({ tenderId, no: lotNo });
    if (!lot) throw new NotFoundException('标包不存在 / lot not found');
    const shown = scoreDistributionAccess(user, {
      allSheetsIn: user.role === 'expert' && (await this.panel.allSheetsIn(tenderId, lot.id)),
      published: can(TENDER, tender.status, 'results-published'),
    });
    if (shown === 'sheets-pending') throw conflict('sheetsPending', { lot: lot.no });
    if (shown === 'not-published') throw conflict('resultsNotPublished');
    return scoreDistribution(await this.dossiers.load(this.dataSource.manager, tenderId), lot.no)!;
  }
}
