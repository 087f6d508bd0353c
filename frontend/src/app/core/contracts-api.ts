import { HttpClient, HttpErrorResponse, HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { ApiError, toApiError } from './api-error';
import { Component } from './tenders-api';
import type { ContractStatus, MilestoneStatus } from '@domain/lifecycles';

export type { ContractStatus, MilestoneStatus };

export type MilestoneTrigger = 'on-signing' | 'on-date' | 'quarterly-on-application' | 'after-passed-assessment' | 'after-acceptance';

export type DueRule = { month: number; day: number | 'end'; yearOffset?: number } | { monthsAfterSigning: number; day: number | 'end' };

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
  base: 'contract' | 'reward';
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
  kind: string;
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

export interface ScheduleTemplate {
  code: string;
  name: string;
  source: string;
  milestones: { name: string; base?: 'contract' | 'reward'; share?: string; amount?: string; trigger: MilestoneTrigger; due?: DueRule }[];
  notes: string[];
}

export interface ContractChanges {
  version: number;
  population?: number;
  status?: ContractStatus;
}

/** A downloaded PDF with the name, version and SHA-256 the server gave it. */
export interface PdfDownload {
  blob: Blob;
  fileName: string;
  version: string | null;
  sha256: string | null;
}

/** The file name of a Content-Disposition header (RFC 5987 `filename*` first), or the fallback. */
export function dispositionName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain ? plain[1] : fallback;
}

function readBlobText(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') return blob.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/**
 * An HTTP failure as the API's error, also when the body came back as a Blob (downloads ask for
 * blobs, so a 503 `{message}` arrives as one and must be read before it can be shown).
 */
export async function toApiErrorAsync(err: unknown): Promise<ApiError> {
  if (err instanceof HttpErrorResponse && typeof Blob !== 'undefined' && err.error instanceof Blob) {
    try {
      const body = JSON.parse(await readBlobText(err.error));
      if (typeof body?.message === 'string') {
        return { message: body.message, errors: Array.isArray(body.errors) ? body.errors : [] };
      }
    } catch {
      /* not JSON: the generic message below */
    }
    return toApiError(new HttpErrorResponse({ status: err.status, statusText: err.statusText, url: err.url ?? undefined }));
  }
  return toApiError(err);
}

const lotPath = (tenderId: number | string, lotNo: string) => `/api/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}`;

@Injectable({ providedIn: 'root' })
export class ContractsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<ContractSummary[]> {
    return this.http.get<ContractSummary[]>('/api/contracts');
  }

  scheduleTemplates(): Observable<ScheduleTemplate[]> {
    return this.http.get<ScheduleTemplate[]>('/api/contracts/schedule-templates');
  }

  create(tenderId: number | string, lotNo: string, body: { year: number; scheduleTemplate: string }): Observable<ContractDetail> {
    return this.http.post<ContractDetail>(`${lotPath(tenderId, lotNo)}/contracts`, body);
  }

  get(id: number | string): Observable<ContractDetail> {
    return this.http.get<ContractDetail>(`/api/contracts/${id}`);
  }

  update(id: number | string, changes: ContractChanges): Observable<ContractDetail> {
    return this.http.patch<ContractDetail>(`/api/contracts/${id}`, changes);
  }

  /** Generates the contract PDF as the contract stands now: a new stored version. */
  generatePdf(id: number | string): Observable<DocumentInfo> {
    return this.http.post<DocumentInfo>(`/api/contracts/${id}/pdf`, {});
  }

  /** Downloads a stored version, or the latest (generated first when there is none). */
  downloadPdf(id: number | string, version?: number): Observable<HttpResponse<Blob>> {
    const query = version === undefined ? '' : `?version=${version}`;
    return this.http.get(`/api/contracts/${id}/pdf${query}`, { responseType: 'blob', observe: 'response' });
  }

  generateAwardNotice(tenderId: number | string, lotNo: string): Observable<DocumentInfo> {
    return this.http.post<DocumentInfo>(`${lotPath(tenderId, lotNo)}/award-notice/pdf`, {});
  }

  downloadAwardNotice(tenderId: number | string, lotNo: string): Observable<HttpResponse<Blob>> {
    return this.http.get(`${lotPath(tenderId, lotNo)}/award-notice/pdf`, { responseType: 'blob', observe: 'response' });
  }
}

/** The PDF of a download response with its name, version and checksum. */
export function pdfOf(response: HttpResponse<Blob>, fallbackName: string): PdfDownload {
  return {
    blob: response.body ?? new Blob([], { type: 'application/pdf' }),
    fileName: dispositionName(response.headers.get('Content-Disposition'), fallbackName),
    version: response.headers.get('X-Document-Version'),
    sha256: response.headers.get('X-Document-SHA256'),
  };
}
