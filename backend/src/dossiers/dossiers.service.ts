import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { fieldError, FieldError, invalidInput } from '../common/errors';
import { isUniqueViolation } from '../database/unique-violation';
import { Tender } from '../tenders/tender.entity';
import { assertCan } from '../audit/transitions';
import { TENDER } from '../domain/lifecycles';
import { importedStatus, loadDossier, SaveProgress, saveDossier } from './dossier-store';
import type { ImportProgress } from '../domain/dossier/import-progress';
import type { Dossier } from '../domain/dossier/dossier.types';
import { validateDossier } from '../domain/dossier/dossier.validation';

/** Where a unique index refused a row that validation let through, by the table of the failed insert. */
const COLLIDING: Record<string, string> = {
  tenders: 'tender.code',
  scoring_schemes: 'schemes',
  lots: 'lots',
  bidders: 'bidders',
  organizations: 'bidders',
  panel_members: 'panel',
  scores: 'scores',
  draws: 'draws',
  assessment_schemes: 'assessmentSchemes',
  assessments: 'assessments',
  tender_schedules: 'paymentSchedules',
};

/**
 * Validation compares codes exactly; MySQL/MariaDB's utf8mb4_unicode_ci also takes codes differing only
 * in case, width, accents or trailing spaces ("A", "a", "Ａ", "A ") for the same one, and so does a
 * concurrent import of the same tender code. Either ends as a 400 naming the list, not a 500.
 */
function collision(e: QueryFailedError, tenderCode: string): FieldError {
  const table = /insert\s+into\s+[`"]?(\w+)/i.exec(e.query ?? '')?.[1] ?? '';
  const path = COLLIDING[table] ?? '$';
  return path === 'tender.code' ? fieldError(path, 'tenderCodeTaken', { code: tenderCode }) : fieldError(path, 'codesCollide');
}

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
    return this.importValid(actor, checked.dossier);
  }

  /**
   * A dossier that passed validation (the API's body schema is the dossier's). `report`, when given,
   * hears how many of the dossier's rows are written, then `done`, or `refused` when nothing was kept.
   */
  async importValid(actor: Actor | null, dossier: Dossier, report?: (progress: ImportProgress) => void): Promise<{ tenderId: number }> {
    // Until the first row is written the import is still checking (the tender's code is free).
    let last: ImportProgress = { phase: 'validating', written: 0, total: 0 };
    const step = (progress: ImportProgress) => report?.((last = progress));
    step(last);
    try {
      const result = await this.dataSource.transaction(async (m) => {
        if (await m.existsBy(Tender, { code: dossier.tender.code })) {
          throw invalidInput([fieldError('tender.code', 'tenderCodeTaken', { code: dossier.tender.code })]);
        }
        try {
          return await this.save(m, actor, dossier, async (written, total) => {
            if (!report) return;
            step({ phase: 'writing', written, total });
            // SQLite's driver never yields to the event loop: let the client's progress poll be answered.
            await new Promise((resolve) => setImmediate(resolve));
          });
        } catch (e) {
          throw isUniqueViolation(e) ? invalidInput([collision(e as QueryFailedError, dossier.tender.code)]) : e;
        }
      });
      step({ ...last, phase: 'done' });
      return result;
    } catch (e) {
      step({ ...last, phase: 'refused' });
      throw e;
    }
  }

  private async save(m: EntityManager, actor: Actor | null, dossier: Dossier, onProgress: SaveProgress): Promise<{ tenderId: number }> {
    const tender = await saveDossier(m, dossier, importedStatus(dossier.tender.openingTime), onProgress);
    await this.audit.record(
      actor,
      {
        action: 'dossier.import',
        entityType: 'tender',
        entityId: tender.id,
        after: {
          code: tender.code,
          status: tender.status,
          lots: dossier.lots.length,
          bids: dossier.bids.length,
          scores: dossier.scores?.length ?? 0,
          contracts: dossier.contracts?.length ?? 0,
        },
      },
      m,
    );
    return { tenderId: tender.id };
  }

  /** The whole tender as a dossier; refused while the bids are sealed. */
  async export(tenderId: number): Promise<Dossier> {
    const tender = await this.dataSource.getRepository(Tender).findOneBy({ id: tenderId });
    if (!tender) throw new NotFoundException('招标项目不存在 / tender not found');
    assertCan(TENDER, tender.status, 'see-bids', '投标文件开标前密封，不能导出 / bids are sealed until opening; export after opening');
    return loadDossier(this.dataSource.manager, tenderId);
  }

  async tenderIdByCode(code: string): Promise<number> {
    const tender = await this.dataSource.getRepository(Tender).findOneBy({ code });
    if (!tender) throw new NotFoundException(`招标项目不存在 / no tender with code ${code}`);
    return tender.id;
  }
}
