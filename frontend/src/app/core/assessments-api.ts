import { inject, Injectable } from '@angular/core';
import { map, Observable, switchMap } from 'rxjs';
import type {
  AnswerRequest,
  AssessmentDetail,
  AssessmentFile,
  AssessmentHistory,
  AssessmentListQuery,
  AssessmentSchemeView,
  AssessmentSummary,
  ItemEntry,
  ObjectionView,
  OverdueItem,
  RewardSplit,
  RewardSplitRequest,
  SchemeQuery,
  ScoreItemsRequest,
  Termination,
  YearQuery,
} from '@domain/wire/assessments';
import type { EvidenceKind } from '@domain/assessments/assessment-codes';
import type { DocumentInfo } from '@domain/wire/documents';
import type { Organization } from '@domain/wire/users';
import { ApiClient, FileDownload, Page, type UploadProgress } from './api-client';

/** Annual assessments (年度考核, DOMAIN.md §7): the API's routes, typed by their wire schemas. */

const base = (id: number | string) => `/assessments/${id}`;

/** A multipart form of a file and its text fields (empty ones left out). */
export function formOf(file: File, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  for (const [name, value] of Object.entries(fields)) if (value) form.append(name, value);
  return form;
}

@Injectable({ providedIn: 'root' })
export class AssessmentsApi {
  private readonly api = inject(ApiClient);

  schemes(tenderId?: number | null): Observable<AssessmentSchemeView[]> {
    const query: SchemeQuery = tenderId == null ? {} : { tenderId: String(tenderId) };
    return this.api.get<AssessmentSchemeView[]>('/assessment-schemes', query);
  }

  create(contractId: number | string, schemeCode: string): Observable<AssessmentDetail> {
    return this.api.post<AssessmentDetail>(`/contracts/${contractId}/assessments`, { schemeCode });
  }

  list(query: AssessmentListQuery = {}): Observable<AssessmentSummary[]> {
    return this.api.get<AssessmentSummary[]>('/assessments', { ...query });
  }

  /** A page of the list, sorted and filtered on the server. */
  page(query: AssessmentListQuery): Observable<Page<AssessmentSummary>> {
    return this.api.page<AssessmentSummary>('/assessments', { ...query });
  }

  get(id: number | string): Observable<AssessmentDetail> {
    return this.api.get<AssessmentDetail>(base(id));
  }

  overdue(): Observable<OverdueItem[]> {
    return this.api.get<OverdueItem[]>('/assessments/overdue');
  }

  terminations(): Observable<Termination[]> {
    return this.api.get<Termination[]>('/assessments/terminations');
  }

  splitReward(body: RewardSplitRequest): Observable<RewardSplit> {
    return this.api.post<RewardSplit>('/assessments/reward-split', body);
  }

  resultsWorkbook(year: number, fallbackName: string): Observable<FileDownload> {
    const query: YearQuery = { year: String(year) };
    return this.api.download('/assessments/results.xlsx', fallbackName, query);
  }

  /** The insurer's annual operation report and self-assessment, as one multipart request. */
  submitSelfAssessment(
    id: number | string,
    report: File,
    items: ItemEntry[],
    summary: string,
    progress?: UploadProgress,
  ): Observable<AssessmentDetail> {
    return this.api.upload<AssessmentDetail>(
      `${base(id)}/self-assessment`,
      formOf(report, { items: JSON.stringify(items), summary: summary.trim() }),
      progress,
    );
  }

  score(id: number | string, items: ItemEntry[], operatingCost?: string): Observable<AssessmentDetail> {
    const body: ScoreItemsRequest = operatingCost === undefined ? { items } : { items, operatingCost };
    return this.api.put<AssessmentDetail>(`${base(id)}/items`, body);
  }

  /** Evidence for an item: the bureau's, or the insurer's for its self-assessment. */
  addEvidence(
    id: number | string,
    kind: EvidenceKind,
    itemNo: string,
    file: File,
    description: string,
    progress?: UploadProgress,
  ): Observable<AssessmentFile> {
    return this.api.upload<AssessmentFile>(
      `${base(id)}${kind === 'self-evidence' ? '/self-assessment' : ''}/items/${encodeURIComponent(itemNo)}/evidence`,
      formOf(file, { description: description.trim() }),
      progress,
    );
  }

  file(id: number | string, fileId: number, fallbackName: string): Observable<FileDownload> {
    return this.api.download(`${base(id)}/files/${fileId}`, fallbackName);
  }

  publish(id: number | string): Observable<AssessmentDetail> {
    return this.api.post<AssessmentDetail>(`${base(id)}/publish`);
  }

  /** An objection to one item (`itemNo`) or, without it, to the result as a whole. */
  object(id: number | string, text: string, itemNo: string | null = null): Observable<ObjectionView> {
    return this.api.post<ObjectionView>(`${base(id)}/objections`, { text, ...(itemNo && { itemNo }) });
  }

  answer(id: number | string, objectionId: number, text: string, revisedItems?: ItemEntry[]): Observable<AssessmentDetail> {
    const body: AnswerRequest = revisedItems?.length ? { text, revisedItems } : { text };
    return this.api.post<AssessmentDetail>(`${base(id)}/objections/${objectionId}/answer`, body);
  }

  finalise(id: number | string): Observable<AssessmentDetail> {
    return this.api.post<AssessmentDetail>(`${base(id)}/finalise`);
  }

  template(id: number | string, fallbackName: string): Observable<FileDownload> {
    return this.api.download(`${base(id)}/template.xlsx`, fallbackName);
  }

  importItems(id: number | string, file: File, progress?: UploadProgress): Observable<AssessmentDetail> {
    return this.api.upload<AssessmentDetail>(`${base(id)}/items.xlsx`, formOf(file), progress);
  }

  /** Prints a new version (in the background on the server) and resolves with it once it is stored. */
  generateReport(id: number | string, fallbackName: string): Observable<Pick<DocumentInfo, 'version' | 'sha256'>> {
    return this.api.post(`${base(id)}/report.pdf`).pipe(
      switchMap(() => this.downloadReport(id, fallbackName)),
      map((file) => ({ version: Number(file.version), sha256: file.sha256 ?? '' })),
    );
  }

  downloadReport(id: number | string, fallbackName: string): Observable<FileDownload> {
    return this.api.download(`${base(id)}/report.pdf`, fallbackName);
  }

  organizations(): Observable<Organization[]> {
    return this.api.get<Organization[]>('/organizations');
  }

  history(organizationId: number): Observable<AssessmentHistory> {
    return this.api.get<AssessmentHistory>(`/organizations/${organizationId}/assessment-history`);
  }
}
