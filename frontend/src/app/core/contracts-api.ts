import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { Settlement } from '@domain/contracts/settlement';
import type {
  Contract,
  ContractChanges,
  ContractDetail,
  ContractListQuery,
  ContractSummary,
  CreateContract,
  ScheduleTemplate,
  SettlementPreview,
} from '@domain/wire/contracts';
import type { Settle, SettlementView, StoredSettlement } from '@domain/wire/settlement';
import type { DocumentInfo } from '@domain/wire/documents';
import type {
  AcceptanceDocumentView,
  ApplyForPayment,
  ApprovePayment,
  ContractLedger,
  RecordAcceptance,
  RecordPayment,
} from '@domain/wire/ledger';
import { ApiClient, FileDownload, Page, type UploadProgress } from './api-client';

const lotPath = (tenderId: number | string, lotNo: string) => `/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}`;

@Injectable({ providedIn: 'root' })
export class ContractsApi {
  private readonly api = inject(ApiClient);

  /** The whole list (of a tender, with `tenderId`). */
  list(query: Pick<ContractListQuery, 'tenderId'> = {}): Observable<ContractSummary[]> {
    return this.api.get<ContractSummary[]>('/contracts', { ...query });
  }

  /** A page of the list, sorted and filtered on the server. */
  page(query: ContractListQuery): Observable<Page<ContractSummary>> {
    return this.api.page<ContractSummary>('/contracts', { ...query });
  }

  /** The payment schedules; with a tender, its own (from its dossier) first. */
  scheduleTemplates(tenderId?: number | string): Observable<ScheduleTemplate[]> {
    return this.api.get<ScheduleTemplate[]>(`/contracts/schedule-templates${tenderId === undefined ? '' : `?tenderId=${tenderId}`}`);
  }

  create(tenderId: number | string, lotNo: string, body: CreateContract): Observable<Contract> {
    return this.api.post<Contract>(`${lotPath(tenderId, lotNo)}/contracts`, body);
  }

  get(id: number | string): Observable<ContractDetail> {
    return this.api.get<ContractDetail>(`/contracts/${id}`);
  }

  update(id: number | string, changes: ContractChanges): Observable<Contract> {
    return this.api.patch<Contract>(`/contracts/${id}`, changes);
  }

  /** Generates the contract PDF as the contract stands now: a new stored version. */
  generatePdf(id: number | string): Observable<DocumentInfo> {
    return this.api.post<DocumentInfo>(`/contracts/${id}/pdf`);
  }

  /** Downloads a stored version, or the latest (generated first when there is none). */
  downloadPdf(id: number | string, fallbackName: string, version?: number): Observable<FileDownload> {
    return this.api.download(`/contracts/${id}/pdf`, fallbackName, { version });
  }

  generateAwardNotice(tenderId: number | string, lotNo: string): Observable<DocumentInfo> {
    return this.api.post<DocumentInfo>(`${lotPath(tenderId, lotNo)}/award-notice/pdf`);
  }

  downloadAwardNotice(tenderId: number | string, lotNo: string, fallbackName: string): Observable<FileDownload> {
    return this.api.download(`${lotPath(tenderId, lotNo)}/award-notice/pdf`, fallbackName);
  }

  /** The contract's ledger: its payments with what is due, paid, withheld, outstanding and overdue. */
  ledger(id: number | string): Observable<ContractLedger> {
    return this.api.get<ContractLedger>(`/contracts/${id}/ledger`);
  }

  /** Records the payment of a payable milestone; answers with the contract's ledger. */
  pay(milestoneId: number, body: RecordPayment): Observable<ContractLedger> {
    return this.api.post<ContractLedger>(`/milestones/${milestoneId}/payment`, body);
  }

  /** The insurer applies for an on-application payment; answers with the contract's ledger. */
  applyForPayment(milestoneId: number, body: ApplyForPayment): Observable<ContractLedger> {
    return this.api.post<ContractLedger>(`/milestones/${milestoneId}/application`, body);
  }

  /** The bureau approves an application: the approved amount becomes payable. */
  approvePayment(milestoneId: number, body: ApprovePayment): Observable<ContractLedger> {
    return this.api.post<ContractLedger>(`/milestones/${milestoneId}/approval`, body);
  }

  /** Records an acceptance (验收); answers with the contract's ledger. */
  accept(id: number | string, body: RecordAcceptance): Observable<ContractLedger> {
    return this.api.post<ContractLedger>(`/contracts/${id}/acceptances`, body);
  }

  /** Keeps a document (report, minutes, photographs) with an acceptance; answers with the contract's ledger. */
  addAcceptanceDocument(id: number, acceptanceId: number, file: File, progress?: UploadProgress): Observable<ContractLedger> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.api.upload<ContractLedger>(`/contracts/${id}/acceptances/${acceptanceId}/documents`, form, progress);
  }

  /** One of an acceptance's documents. */
  acceptanceDocument(id: number, acceptanceId: number, document: AcceptanceDocumentView): Observable<FileDownload> {
    return this.api.download(`/contracts/${id}/acceptances/${acceptanceId}/documents/${document.id}`, document.fileName);
  }

  /** A contract year's ledger as Excel. */
  downloadYearLedger(year: number): Observable<FileDownload> {
    return this.api.download('/ledger.xlsx', `${year}年度付款台账.xlsx`, { year });
  }

  /** The year's settlement of a premium fund (null until made) and what it is made from (DOMAIN §6.2). */
  settlement(id: number | string): Observable<SettlementView> {
    return this.api.get<SettlementView>(`/contracts/${id}/settlement`);
  }

  /** The settlement the figures would give; nothing is stored. */
  previewSettlement(id: number | string, figures: SettlementPreview): Observable<Settlement> {
    return this.api.post<Settlement>(`/contracts/${id}/settlement/preview`, figures);
  }

  settle(id: number | string, finding: Settle): Observable<StoredSettlement> {
    return this.api.post<StoredSettlement>(`/contracts/${id}/settlement`, finding);
  }

  /** The settlement statement as PDF or Excel. */
  downloadStatement(id: number | string, format: 'pdf' | 'xlsx', fallbackName: string): Observable<FileDownload> {
    return this.api.download(`/contracts/${id}/settlement/statement.${format}`, fallbackName);
  }
}
