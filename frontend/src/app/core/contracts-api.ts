import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { Contract, ContractChanges, ContractDetail, ContractSummary, CreateContract, ScheduleTemplate } from '@domain/wire/contracts';
import type { DocumentInfo } from '@domain/wire/documents';
import { ApiClient, FileDownload } from './api-client';

const lotPath = (tenderId: number | string, lotNo: string) => `/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}`;

@Injectable({ providedIn: 'root' })
export class ContractsApi {
  private readonly api = inject(ApiClient);

  list(): Observable<ContractSummary[]> {
    return this.api.get<ContractSummary[]>('/contracts');
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
}
