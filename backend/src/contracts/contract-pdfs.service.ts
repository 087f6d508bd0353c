import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { readsRecord, recordScope } from '../domain/access-policy';
import { DataSource } from 'typeorm';
import { Actor } from '../audit/audit.service';
import type { AuthUser } from '../auth/decorators';
import { AssessmentTerms } from './assessment-terms';
import { DocumentInfo, DocumentOwner, DocumentsService, StoredDocument } from '../documents/documents.service';
import { chinaDay } from '../documents/format';
import { Lot } from '../tenders/lot.entity';
import { Tender } from '../tenders/tender.entity';
import { Contract } from './contract.entity';
import {
  awardNoticeDocument,
  AwardNoticeDocument,
  contractDocument,
  ContractDocument,
  contractNumber,
  LotFacts,
  TenderFacts,
} from './contract-document';
import { ContractsService, kindOf } from './contracts.service';
import { annual } from '../domain/contracts/amounts';

const contractOwner = (id: number): DocumentOwner => ({ ownerType: 'contract', ownerId: id, kind: 'contract' });
const noticeOwner = (lot: Lot): DocumentOwner => ({ ownerType: 'lot', ownerId: lot.id, kind: 'award-notice' });

const tenderFacts = ({ code, name, purchaser, agency, firstContractYear, contractYears }: Tender): TenderFacts => ({
  code,
  name,
  purchaser,
  agency,
  firstContractYear,
  contractYears,
});
const lotFacts = ({ no, name, regions, basePopulation, minStaff }: Lot): LotFacts => ({ no, name, regions, basePopulation, minStaff });

/** A PDF with the name it is downloaded under. */
export interface PdfFile {
  doc: StoredDocument;
  fileName: string;
}

/**
 * The contract and award-notice PDFs: their data from the records, generation as a new stored version,
 * and downloads for those allowed to see them. A download of a document never generated generates it,
 * so an insurer never waits for the bureau to press a button.
 */
@Injectable()
export class ContractPdfsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contracts: ContractsService,
    private readonly documents: DocumentsService,
    private readonly terms: AssessmentTerms,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async contractData(id: number): Promise<ContractDocument> {
    const m = this.dataSource.manager;
    const contract = await m.findOne(Contract, { where: { id }, relations: { tender: true, bidder: true } });
    if (!contract) throw new NotFoundException('合同不存在 / contract not found');
    const [lot, milestones, schemes] = await Promise.all([
      m.findOneByOrFail(Lot, { tenderId: contract.tenderId, no: contract.lotNo }),
      this.contracts.milestones(id),
      this.terms.schemes(m, contract.tenderId),
    ]);
    const schedule = (await this.contracts.schedulesFor(contract.tenderId, m)).get(contract.scheduleTemplate) ?? {
      name: contract.scheduleTemplate,
    };
    // The objection period the contract states is the one the assessment workflow counts (working days).
    return contractDocument(
      tenderFacts(contract.tender!),
      lotFacts(lot),
      contract.bidder!.name,
      contract,
      milestones,
      schedule,
      schemes,
      this.config.objectionDays,
    );
  }

  async generateContract(actor: Actor | null, id: number): Promise<DocumentInfo> {
    const data = await this.contractData(id);
    return this.documents.generate(actor, contractOwner(id), data.template, data);
  }

  contractVersions(id: number): Promise<DocumentInfo[]> {
    return this.documents.versions(contractOwner(id));
  }

  async contractPdf(user: AuthUser, id: number, version?: number): Promise<PdfFile> {
    const contract = await this.contracts.visible(user, id);
    const doc = await this.documents.findOrGenerate(contractOwner(id), version, () => this.generateContract(user, id));
    return { doc, fileName: `合同-${contractNumber(contract.tender!.code, contract.lotNo, contract.year)}-v${doc.version}.pdf` };
  }

  async awardNoticeData(tenderId: number, lotNo: string): Promise<AwardNoticeDocument> {
    const { tender, lot, bidder, bid, score } = await this.contracts.awardedLot(tenderId, lotNo);
    return awardNoticeDocument(
      tenderFacts(tender),
      lotFacts(lot),
      bidder.name,
      bid,
      score,
      chinaDay(new Date()),
      annual(kindOf(tender, lot)),
    );
  }

  async generateAwardNotice(actor: Actor | null, tenderId: number, lotNo: string): Promise<DocumentInfo> {
    const data = await this.awardNoticeData(tenderId, lotNo);
    const lot = await this.dataSource.getRepository(Lot).findOneByOrFail({ tenderId, no: lotNo });
    return this.documents.generate(actor, noticeOwner(lot), 'award-notice', data);
  }

  /**
   * An insurer may fetch only the notice addressed to it, a bureau official only its buyer's notices;
   * for any other lot they learn nothing.
   */
  async awardNoticePdf(user: AuthUser, tenderId: number, lotNo: string, version?: number): Promise<PdfFile> {
    const award = await this.contracts.awardedLot(tenderId, lotNo).catch((e) => {
      throw recordScope(user) !== null ? notFound() : e;
    });
    if (!readsRecord(user, { insurer: award.bidder.organizationId, buyer: award.tender.buyerOrganizationId })) throw notFound();
    const doc = await this.documents.findOrGenerate(noticeOwner(award.lot), version, () => this.generateAwardNotice(user, tenderId, lotNo));
    return { doc, fileName: `中标通知书-${award.tender.code}-${lotNo}-v${doc.version}.pdf` };
  }

  /** The asked-for version, the latest, or — when none exists yet — a first one generated now. */
}

const notFound = () => new NotFoundException('中标通知书不存在 / award notice not found');
