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
import { checkContracts, checkDossierInSteps } from '../domain/dossier/dossier.validation';
import type { EvaluatedTender } from '../domain/contracts/contract-status';

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

  /**
   * All or nothing: a dossier with any bad path is refused whole; a good one is saved in one transaction.
   * `report`, when given, hears each step — the rows of the dossier checked (validating), evaluating (a
   * dossier with contracts), the rows written — then `done`, or `refused` when nothing was kept.
   */
  async import(actor: Actor | null, input: unknown, report?: (progress: ImportProgress) => void): Promise<{ tenderId: number }> {
    let last: ImportProgress = { phase: 'validating', checked: 0, toCheck: 0, written: 0, total: 0 };
    // Validation and evaluation hold the event loop: each phase, and each step of the validation, is let
    // out to the client's progress poll and the server's other requests first.
    const step = async (progress: ImportProgress) => {
      report?.((last = progress));
      if (report) await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      await step(last);
      const form = await checkDossierInSteps(input, (checked, toCheck) => step({ ...last, checked, toCheck }));
      if (!form.ok) throw invalidInput(form.errors);
      const dossier = form.dossier;
      if (dossier.contracts?.length) await step({ ...last, phase: 'evaluating' });
      const award = checkContracts(dossier);
      if (!award.ok) throw invalidInput(award.errors);
      const result = await this.dataSource.transaction(async (m) => {
        if (await m.existsBy(Tender, { code: dossier.tender.code })) {
          throw invalidInput([fieldError('tender.code', 'tenderCodeTaken', { code: dossier.tender.code })]);
        }
        try {
          // SQLite's driver never yields to the event loop either: each chunk written is a step.
          return await this.save(m, actor, dossier, award.evaluated, (written, total) =>
            step({ ...last, phase: 'writing', written, total }),
          );
        } catch (e) {
          throw isUniqueViolation(e) ? invalidInput([collision(e as QueryFailedError, dossier.tender.code)]) : e;
        }
      });
      report?.({ ...last, phase: 'done' });
      return result;
    } catch (e) {
      report?.({ ...last, phase: 'refused' });
      throw e;
    }
  }

  private async save(
    m: EntityManager,
    actor: Actor | null,
    dossier: Dossier,
    evaluated: EvaluatedTender | undefined,
    onProgress: SaveProgress,
  ): Promise<{ tenderId: number }> {
    const tender = await saveDossier(m, dossier, importedStatus(dossier.tender.openingTime), evaluated, onProgress);
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
