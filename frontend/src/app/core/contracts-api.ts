import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { Base, DueRule, ScheduleTemplate, Trigger } from '@domain/contracts/payment-schedule';
import type { DocumentKind } from '@domain/documents';
import type { Component } from '@domain/dossier/dossier.types';
import type { ContractStatus, MilestoneStatus } from '@domain/lifecycles';
import { ApiClient, FileDownload } from './api-client';

export type { ContractStatus, DueRule, MilestoneStatus, ScheduleTemplate };
export type MilestoneTrigger = Trigger;

// Response shapes the API gives (to be derived from the wire schemas of domain/wire).

/** A contract as GET /api/contracts lists it: its own fields with the names of its tender, lot and insurer. */
export interface ContractSummary {
  id: number;
  tenderId: number;
  lotNo: string;
  year: number;
  bidderId: number;
  unitPrice: string;
  /** Insured population on 1 January of the year; null until the bureau enters it (amounts are then provisional). */
  population: number | null;
  serviceAmount: string;
  fixedFees: Component[];
  contractAmount: string;
  rewardBudget: string | null;
  scheduleTemplate: string;
  status: ContractStatus;
  signedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  tenderCode: string;
  tenderName: string;
  purchaser: string;
  lotName: string;
  regions: string[];
  basePopulation: number;
  insurer: string;
}

export interface PaymentMilestone {
  id: number;
  contractId: number;
  seq: number;
  name: string;
  base: Base;
  share: string | null;
  fixedAmount: string | null;
  trigger: MilestoneTrigger;
  dueRule: DueRule | null;
  dueDate: string | null;
  status: MilestoneStatus;
  amount: string;
}

/** One stored version of a generated PDF (without its bytes). */
export interface DocumentInfo {
  id: number;
  kind: DocumentKind;
  ownerType: string;
  ownerId: number;
  version: number;
  sha256: string;
  size: number;
  createdAt: string;
  createdBy: number | null;
}

export interface ContractDetail extends ContractSummary {
  milestones: PaymentMilestone[];
  /** Stored contract PDFs, newest first (GET only; PATCH answers without them). */
  documents?: DocumentInfo[];
}

export interface ContractChanges {
  version: number;
  population?: number;
  status?: ContractStatus;
}

const lotPath = (tenderId: number | string, lotNo: string) => `/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}`;

@Injectable({ providedIn: 'root' })
export class ContractsApi {
  private readonly api = inject(ApiClient);

  list(): Observable<ContractSummary[]> {
    return this.api.get<ContractSummary[]>('/contracts');
  }

  scheduleTemplates(): Observable<ScheduleTemplate[]> {
    return this.api.get<ScheduleTemplate[]>('/contracts/schedule-templates');
  }

  create(tenderId: number | string, lotNo: string, body: { year: number; scheduleTemplate: string }): Observable<ContractDetail> {
    return this.api.post<ContractDetail>(`${lotPath(tenderId, lotNo)}/contracts`, body);
  }

  get(id: number | string): Observable<ContractDetail> {
    return this.api.get<ContractDetail>(`/contracts/${id}`);
  }

  update(id: number | string, changes: ContractChanges): Observable<ContractDetail> {
    return this.api.patch<ContractDetail>(`/contracts/${id}`, changes);
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
