import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { invalidInput } from '../common/errors';
import { SEALED_STATUSES, Tender } from '../tenders/tender.entity';
import { importedStatus, loadDossier, saveDossier } from './dossier-store';
import type { Dossier } from './dossier.types';
import { validateDossier } from './dossier.validation';

/** Defined with the tender's statuses; re-exported for the modules that read it from here. */
export { SEALED_STATUSES } from '../tenders/tender.entity';

@Injectable()
export class DossiersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** All or nothing: a dossier with any bad path is refused whole; a good one is saved in one transaction. */
  async import(actor: Actor | null, input: unknown): Promise<{ tenderId: number }> {
    const checked = validateDossier(input);
    if (!checked.ok) throw invalidInput(checked.errors);
    const dossier = checked.dossier;
    return this.dataSource.transaction(async (m) => {
      if (await m.existsBy(Tender, { code: dossier.tender.code })) {
        throw invalidInput([{ path: 'tender.code', message: `already exists: ${dossier.tender.code} / 项目编号已存在` }]);
      }
      const tender = await saveDossier(m, dossier, importedStatus(dossier.tender.openingTime));
      await this.audit.record(actor, {
        action: 'dossier.import',
        entityType: 'tender',
        entityId: tender.id,
        after: { code: tender.code, status: tender.status, lots: dossier.lots.length, bids: dossier.bids.length, scores: dossier.scores?.length ?? 0 },
      }, m);
      return { tenderId: tender.id };
    });
  }

  /** The whole tender as a dossier; refused while the bids are sealed. */
  async export(tenderId: number): Promise<Dossier> {
    const tender = await this.dataSource.getRepository(Tender).findOneBy({ id: tenderId });
    if (!tender) throw new NotFoundException('招标项目不存在 / tender not found');
    if (SEALED_STATUSES.has(tender.status)) {
      throw new ConflictException('投标文件开标前密封，不能导出 / bids are sealed until opening; export after opening');
    }
    return loadDossier(this.dataSource.manager, tenderId);
  }

  async tenderIdByCode(code: string): Promise<number> {
    const tender = await this.dataSource.getRepository(Tender).findOneBy({ code });
    if (!tender) throw new NotFoundException(`招标项目不存在 / no tender with code ${code}`);
    return tender.id;
  }
}
