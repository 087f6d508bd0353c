import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { ReportKind } from '@domain/contracts/periodic-reports';
import type { PeriodicReportView, ReportListQuery } from '@domain/wire/reports';
import { ApiClient, FileDownload, type UploadProgress } from './api-client';
import { formOf } from './assessments-api';

/** Periodic reports under the contracts (DOMAIN.md §8): the API's routes, typed by their wire schemas. */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly api = inject(ApiClient);

  list(query: ReportListQuery = {}): Observable<PeriodicReportView[]> {
    return this.api.get<PeriodicReportView[]>('/reports', query);
  }

  submit(contractId: number, kind: ReportKind, period: string, file: File, progress?: UploadProgress): Observable<PeriodicReportView> {
    return this.api.upload<PeriodicReportView>(
      `/contracts/${contractId}/reports/${kind}/${encodeURIComponent(period)}`,
      formOf(file),
      progress,
    );
  }

  receive(id: number): Observable<PeriodicReportView> {
    return this.api.post<PeriodicReportView>(`/reports/${id}/receive`);
  }

  file(id: number, fallbackName: string): Observable<FileDownload> {
    return this.api.download(`/reports/${id}/file`, fallbackName);
  }
}
