import { label as codeLabel } from '../domain/labels';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AssessmentFile } from '../assessments/assessment-file.entity';
import { ContractAssessment } from '../assessments/contract-assessment.entity';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Contract } from '../contracts/contract.entity';
import { Document } from '../documents/document.entity';
import { DossiersService } from '../dossiers/dossiers.service';
import { Lot } from '../tenders/lot.entity';
import { tenderNotFound } from '../tenders/tender-access';
import { Tender } from '../tenders/tender.entity';
import { PRODUCT } from './backup';
import { sha256 } from './backup-file';
import { ArchivedAuditEntry, ArchivePart, packArchive } from './tender-archive';

/**
 * Which audit entries concern a tender: per entity type, the ids of that type belonging to the tender.
 * Every entity type the product audits is either here or in GLOBAL_ENTITY_TYPES; a test fails when an
 * audited type is in neither, so a new kind of record is placed when it is introduced.
 */
export const TENDER_ENTITIES: Record<string, string> = {
  tender: 'SELECT id FROM tenders WHERE id = ?',
  lot: 'SELECT id FROM lots WHERE tenderId = ?',
  scheme: 'SELECT id FROM scoring_schemes WHERE tenderId = ?',
  bidder: 'SELECT id FROM bidders WHERE tenderId = ?',
  bid: 'SELECT id FROM bids WHERE tenderId = ?',
  // The opening record: its window, each line's confirmation, dispute, answer and correction.
  opening: 'SELECT id FROM tender_openings WHERE tenderId = ?',
  'opening-line': 'SELECT id FROM opening_lines WHERE tenderId = ?',
  'panel-member': 'SELECT id FROM panel_members WHERE tenderId = ?',
  score: 'SELECT id FROM scores WHERE tenderId = ?',
  'score-sheet': 'SELECT id FROM score_sheets WHERE tenderId = ?',
  contract: 'SELECT id FROM contracts WHERE tenderId = ?',
  milestone: 'SELECT m.id FROM payment_milestones m JOIN contracts c ON c.id = m.contractId WHERE c.tenderId = ?',
  assessment: 'SELECT a.id FROM contract_assessments a JOIN contracts c ON c.id = a.contractId WHERE c.tenderId = ?',
  // Challenges (质疑) filed against the award, and their answers.
  challenge: 'SELECT id FROM challenges WHERE tenderId = ?',
};
/** Audited entity types that belong to no tender: accounts, organisations, the holiday table, the system itself (backups, restores). */
export const GLOBAL_ENTITY_TYPES = ['user', 'organization', 'holiday', 'system'];

/** Only a finished tender is archived: before the award its bids may still be sealed, and its record is still growing. */
const ARCHIVABLE = new Set(['awarded', 'failed']);

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');

@Injectable()
export class TenderArchiveService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dossiers: DossiersService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The archive of a finished tender, and its audit entry (`tender.archive`, with the archive's SHA-256). */
  async export(actor: Actor | null, tenderId: number): Promise<{ fileName: string; content: Buffer }> {
    const m = this.dataSource.manager;
    const tender = await m.findOneBy(Tender, { id: tenderId });
    if (!tender) throw tenderNotFound();
    if (!ARCHIVABLE.has(tender.status)) {
      throw new ConflictException(
        `只有已结束（已定标或流标）的项目可以归档，当前状态：${codeLabel('tenderStatus', tender.status)} / only a finished tender (awarded or failed) is archived; this one is ${tender.status}`,
      );
    }
    const dossier = await this.dossiers.export(tenderId);
    const createdAt = new Date().toISOString();
    const lots = await m.findBy(Lot, { tenderId });
    const contracts = await m.findBy(Contract, { tenderId });
    const assessments = contracts.length ? await m.findBy(ContractAssessment, { contractId: In(contracts.map((c) => c.id)) }) : [];
    const lotNo = new Map(lots.map((l) => [l.id, l.no]));
    const contractLabel = new Map(contracts.map((c) => [c.id, `lot${c.lotNo}-${c.year}`]));
    const assessmentLabel = new Map(assessments.map((a) => [a.id, contractLabel.get(a.contractId)!]));
    const label: Record<string, (id: number) => string | undefined> = {
      tender: () => 'tender',
      lot: (id) => (lotNo.has(id) ? `lot${lotNo.get(id)}` : undefined),
      contract: (id) => contractLabel.get(id),
      assessment: (id) => assessmentLabel.get(id),
    };

    const parts: ArchivePart[] = [{ path: 'dossier.json', content: Buffer.from(JSON.stringify(dossier, null, 1) + '\n') }];

    const owners: [string, number[]][] = [
      ['tender', [tenderId]],
      ['lot', lots.map((l) => l.id)],
      ['contract', contracts.map((c) => c.id)],
      ['assessment', assessments.map((a) => a.id)],
    ];
    for (const [ownerType, ids] of owners) {
      if (!ids.length) continue;
      const docs = await m
        .getRepository(Document)
        .createQueryBuilder('d')
        .addSelect('d.content')
        .where('d.ownerType = :ownerType AND d.ownerId IN (:...ids)', { ownerType, ids })
        .orderBy('d.id')
        .getMany();
      for (const d of docs) {
        const { content, ...record } = d;
        parts.push({
          path: `documents/${d.kind}/${label[ownerType](d.ownerId)}-v${d.version}.pdf`,
          content: content!,
          date: d.createdAt,
          source: { table: 'documents', ...record },
        });
      }
    }
    if (assessments.length) {
      const files = await m
        .getRepository(AssessmentFile)
        .createQueryBuilder('f')
        .addSelect('f.content')
        .where('f.assessmentId IN (:...ids)', { ids: assessments.map((a) => a.id) })
        .orderBy('f.id')
        .getMany();
      for (const f of files) {
        const { content, ...record } = f;
        const folder = f.itemNo === null ? f.kind : `${f.kind}-${safeName(f.itemNo)}`;
        parts.push({
          path: `files/${assessmentLabel.get(f.assessmentId)}/${folder}/${f.id}-${safeName(f.fileName)}`,
          content: content!,
          date: f.uploadedAt,
          source: { table: 'assessment_files', ...record },
        });
      }
    }

    const entries = await this.auditEntries(tenderId);
    parts.push({ path: 'audit.json', content: Buffer.from(JSON.stringify(entries, null, 1) + '\n') });
    const head = await m.getRepository(AuditEntry).find({ order: { id: 'DESC' }, take: 1, select: { id: true, hash: true } });

    const content = await packArchive(
      {
        product: { name: PRODUCT.name, version: PRODUCT.version },
        createdAt,
        tender: { id: tender.id, code: tender.code, name: tender.name, status: tender.status },
        audit: { entries: entries.length, chainHead: head[0] ? { id: head[0].id, hash: head[0].hash } : null },
      },
      parts,
      this.config.auditKey,
    );
    const fileName = `${safeName(tender.code)}-archive-${createdAt.slice(0, 10)}.zip`;
    await this.audit.record(actor, {
      action: 'tender.archive',
      entityType: 'tender',
      entityId: tenderId,
      after: { file: fileName, sha256: sha256(content), bytes: content.length, parts: parts.length },
    });
    return { fileName, content };
  }

  /** The audit entries of the tender's records, in chain order. */
  private async auditEntries(tenderId: number): Promise<ArchivedAuditEntry[]> {
    const repo = this.dataSource.getRepository(AuditEntry);
    const found: AuditEntry[] = [];
    for (const [entityType, sql] of Object.entries(TENDER_ENTITIES)) {
      const ids = ((await this.dataSource.query(sql, [tenderId])) as { id: number | string }[]).map((r) => String(r.id));
      for (let i = 0; i < ids.length; i += 500) {
        found.push(...(await repo.find({ where: { entityType, entityId: In(ids.slice(i, i + 500)) } })));
      }
    }
    return found.sort((a, b) => a.id - b.id).map((e) => ({ ...e, at: e.at.toISOString() }));
  }
}
