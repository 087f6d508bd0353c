import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Contract } from '../contracts/contract.entity';
import { PaymentMilestone } from '../contracts/payment-milestone.entity';
import { ocdsReleasePackage } from '../domain/ocds/ocds';
import type { OcdsReleasePackage } from '../domain/wire/ocds';
import { Award } from '../evaluation/award.entity';
import { Tender } from '../tenders/tender.entity';
import { loadDossier } from './dossier-store';

/** Our scores extension's address below the product's base URL (served by OcdsController). */
export const SCORES_EXTENSION_PATH = '/api/ocds/extensions/scores/extension.json';

/** The open-data export of a tender (OCDS 1.1): gathers what the pure mapping (domain/ocds) needs. */
@Injectable()
export class OcdsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  /** `baseUrl`: where the product is reached (the package names its own address and our extension's). */
  async releasePackage(tenderId: number, baseUrl: string): Promise<OcdsReleasePackage> {
    const m = this.dataSource.manager;
    const tender = await m.getRepository(Tender).findOneBy({ id: tenderId });
    if (!tender) throw new NotFoundException('招标项目不存在 / tender not found');
    const award = await m.getRepository(Award).findOneBy({ tenderId });
    const contracts = award
      ? await m.getRepository(Contract).find({ where: { tenderId }, relations: { bidder: true }, order: { lotNo: 'ASC', year: 'ASC' } })
      : [];
    const paid = contracts.length
      ? await m
          .getRepository(PaymentMilestone)
          .find({ where: { contractId: In(contracts.map((c) => c.id)), status: 'paid' }, order: { contractId: 'ASC', seq: 'ASC' } })
      : [];
    return ocdsReleasePackage({
      prefix: this.config.ocdsPrefix,
      publisher: this.config.ocdsPublisher ?? tender.agency,
      uri: `${baseUrl}/api/tenders/${tenderId}/ocds`,
      scoresExtension: `${baseUrl}${SCORES_EXTENSION_PATH}`,
      publishedDate: new Date().toISOString(),
      status: tender.status,
      publishScores: tender.publishScores,
      dossier: await loadDossier(m, tenderId),
      award: award && { confirmedAt: award.confirmedAt.toISOString(), results: award.results },
      contracts: contracts.map((c) => ({
        id: c.id,
        lotNo: c.lotNo,
        year: c.year,
        bidderCode: c.bidder!.code,
        amount: c.contractAmount,
        status: c.status,
        signedAt: c.signedAt?.toISOString() ?? null,
        payments: paid.filter((p) => p.contractId === c.id).map((p) => ({ milestoneId: p.id, paidOn: p.paidOn!, amount: p.amount! })),
      })),
    });
  }
}
