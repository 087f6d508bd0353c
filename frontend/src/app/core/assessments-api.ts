import { HttpClient, HttpParams, HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { DocumentInfo } from './contracts-api';
import type { AssessmentStatus } from '@domain/lifecycles';

/** Annual assessments (年度考核, DOMAIN.md §7) as the API gives them. */

export type { AssessmentStatus };
export type SchemeKind = 'points' | 'deduction';

export type ItemRule =
  | { kind: 'binary' }
  | { kind: 'k-of-n'; n: number; pointsEach: string }
  | { kind: 'per-case-deduction'; perCase: string }
  | { kind: 'judgement' };

export interface SchemeItem {
  no: string;
  name: string;
  /** Points scheme: the item's maximum; deduction scheme: its weight (the cap on its deductions). */
  max: string;
  rule?: ItemRule;
  indicator?: string;
  basis?: string;
}

export interface AssessmentBand {
  min: string;
  grade: string;
  rewardRate: string;
  terminate?: boolean;
}

export interface AssessmentScheme {
  id: number;
  tenderId: number | null;
  code: string;
  name: string;
  kind: SchemeKind;
  passMark: string | null;
  failDeductionRate: string | null;
  bands: AssessmentBand[] | null;
  items: SchemeItem[];
}

export interface AssessmentResult {
  score: string;
  grade: string | null;
  passed: boolean;
  rewardRate: string | null;
  rewardAmount: string;
  deductionAmount: string;
  terminate: boolean;
  complete: boolean;
  unscored: string[];
  errors: string[];
}

export interface AssessmentDeadlines {
  reportDue: string;
  assessmentDue: string;
  objectionDeadline: string | null;
  rewardDue: string | null;
}

export interface AssessmentSummary {
  id: number;
  status: AssessmentStatus;
  contractId: number;
  tenderId: number;
  tenderCode: string;
  tenderName: string;
  lotNo: string;
  lotName: string;
  year: number;
  insurer: string;
  organizationId: number | null;
  schemeCode: string;
  schemeName: string;
  kind: SchemeKind;
  deadlines: AssessmentDeadlines;
  submittedAt: string | null;
  publishedAt: string | null;
  finalisedAt: string | null;
  /** Null for the insurer until the result is published. */
  result: AssessmentResult | null;
}

/** An item score as recorded (points or deduction, with the rule's input when points came from it). */
export interface ItemScore {
  no: string;
  points?: string;
  deduction?: string;
  met?: boolean;
  achieved?: number;
  cases?: number;
  note?: string;
}

/** An item score as entered. */
export interface ItemInput {
  no: string;
  points?: string;
  deduction?: string;
  note?: string;
}

export interface AssessmentFile {
  id: number;
  kind: 'report' | 'evidence';
  itemNo: string | null;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  description: string | null;
  uploadedBy: string;
  uploadedAt: string;
}

export interface AssessmentObjection {
  id: number;
  text: string;
  raisedBy: string;
  raisedAt: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  revisedItems: ItemScore[] | null;
}

export interface AssessmentDetail extends AssessmentSummary {
  contract: { id: number; status: string; contractAmount: string; rewardBudget: string | null };
  scheme: AssessmentScheme;
  /** Null for the insurer until the result is published. */
  items: ItemScore[] | null;
  operatingCost: string | null;
  maxReward: string | null;
  selfAssessment: { items: ItemScore[]; summary: string | null; submittedAt: string | null; score: string; grade: string | null } | null;
  files: AssessmentFile[];
  objections: AssessmentObjection[];
  rewardMilestone: { id: number; seq: number; name: string; amount: string; status: string; dueDate: string | null } | null;
}

export type DeadlineKind = 'report' | 'assessment' | 'reward-payment';

export interface OverdueItem {
  kind: DeadlineKind;
  contractId: number;
  assessmentId: number | null;
  dueDate: string;
  daysOverdue: number;
  tenderId: number;
  tenderCode: string;
  lotNo: string;
  year: number;
  insurer: string;
  organizationId: number | null;
  noticedAt: string | null;
}

export interface TerminationMark {
  assessmentId: number;
  contractId: number;
  contractStatus: string;
  tenderId: number;
  tenderCode: string;
  lotNo: string;
  lotName: string;
  year: number;
  insurer: string;
  organizationId: number | null;
  score: string;
  grade: string | null;
  finalisedAt: string | null;
  retender: boolean;
}

export interface RewardSplit {
  tenderId: number;
  year: number;
  budget: string;
  shares: { lotNo: string; contractId: number; contractAmount: string; share: string }[];
}

export interface HistoryEntry {
  assessmentId: number;
  contractId: number;
  tenderCode: string;
  tenderName: string;
  lotNo: string;
  year: number;
  schemeCode: string;
  kind: SchemeKind;
  score: string;
  grade: string | null;
  passed: boolean;
  rewardRate: string | null;
  rewardAmount: string;
  deductionAmount: string;
  terminate: boolean;
  finalisedAt: string | null;
}

export interface AssessmentHistory {
  organization: { id: number; code: string; name: string };
  entries: HistoryEntry[];
  repeatedFailures: { failedYears: number[] } | null;
}

export interface Organization {
  id: number;
  code: string;
  name: string;
  kind: 'insurer' | 'bureau' | 'procurement';
}

export interface AssessmentFilter {
  year?: number | null;
  status?: AssessmentStatus | '' | null;
  contractId?: number | null;
}

const base = (id: number | string) => `/api/assessments/${id}`;

@Injectable({ providedIn: 'root' })
export class AssessmentsApi {
  private readonly http = inject(HttpClient);

  schemes(tenderId?: number | null): Observable<AssessmentScheme[]> {
    const params = tenderId ? new HttpParams().set('tenderId', tenderId) : undefined;
    return this.http.get<AssessmentScheme[]>('/api/assessment-schemes', { params });
  }

  create(contractId: number | string, schemeCode: string): Observable<AssessmentDetail> {
    return this.http.post<AssessmentDetail>(`/api/contracts/${contractId}/assessments`, { schemeCode });
  }

  list(filter: AssessmentFilter = {}): Observable<AssessmentSummary[]> {
    let params = new HttpParams();
    if (filter.year) params = params.set('year', filter.year);
    if (filter.status) params = params.set('status', filter.status);
    if (filter.contractId) params = params.set('contractId', filter.contractId);
    return this.http.get<AssessmentSummary[]>('/api/assessments', { params });
  }

  get(id: number | string): Observable<AssessmentDetail> {
    return this.http.get<AssessmentDetail>(base(id));
  }

  overdue(): Observable<OverdueItem[]> {
    return this.http.get<OverdueItem[]>('/api/assessments/overdue');
  }

  terminations(): Observable<TerminationMark[]> {
    return this.http.get<TerminationMark[]>('/api/assessments/terminations');
  }

  splitReward(body: { tenderId: number; year: number; budget: string }): Observable<RewardSplit> {
    return this.http.post<RewardSplit>('/api/assessments/reward-split', body);
  }

  resultsWorkbook(year: number): Observable<HttpResponse<Blob>> {
    return this.http.get('/api/assessments/results.xlsx', { params: { year }, responseType: 'blob', observe: 'response' });
  }

  /** The insurer's annual operation report and self-assessment, as one multipart request. */
  submitSelfAssessment(id: number | string, report: File, items: ItemInput[], summary: string): Observable<AssessmentDetail> {
    const form = new FormData();
    form.append('file', report, report.name);
    form.append('items', JSON.stringify(items));
    if (summary.trim()) form.append('summary', summary.trim());
    return this.http.post<AssessmentDetail>(`${base(id)}/self-assessment`, form);
  }

  score(id: number | string, items: ItemInput[], operatingCost?: string): Observable<AssessmentDetail> {
    return this.http.put<AssessmentDetail>(`${base(id)}/items`, operatingCost === undefined ? { items } : { items, operatingCost });
  }

  addEvidence(id: number | string, itemNo: string, file: File, description: string): Observable<AssessmentFile> {
    const form = new FormData();
    form.append('file', file, file.name);
    if (description.trim()) form.append('description', description.trim());
    return this.http.post<AssessmentFile>(`${base(id)}/items/${encodeURIComponent(itemNo)}/evidence`, form);
  }

  file(id: number | string, fileId: number): Observable<HttpResponse<Blob>> {
    return this.http.get(`${base(id)}/files/${fileId}`, { responseType: 'blob', observe: 'response' });
  }

  publish(id: number | string): Observable<AssessmentDetail> {
    return this.http.post<AssessmentDetail>(`${base(id)}/publish`, {});
  }

  object(id: number | string, text: string): Observable<AssessmentObjection> {
    return this.http.post<AssessmentObjection>(`${base(id)}/objections`, { text });
  }

  answer(id: number | string, objectionId: number, text: string, revisedItems?: ItemInput[]): Observable<AssessmentDetail> {
    const body = revisedItems?.length ? { text, revisedItems } : { text };
    return this.http.post<AssessmentDetail>(`${base(id)}/objections/${objectionId}/answer`, body);
  }

  finalise(id: number | string): Observable<AssessmentDetail> {
    return this.http.post<AssessmentDetail>(`${base(id)}/finalise`, {});
  }

  template(id: number | string): Observable<HttpResponse<Blob>> {
    return this.http.get(`${base(id)}/template.xlsx`, { responseType: 'blob', observe: 'response' });
  }

  importItems(id: number | string, file: File): Observable<AssessmentDetail> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.http.post<AssessmentDetail>(`${base(id)}/items.xlsx`, form);
  }

  generateReport(id: number | string): Observable<DocumentInfo> {
    return this.http.post<DocumentInfo>(`${base(id)}/report.pdf`, {});
  }

  downloadReport(id: number | string): Observable<HttpResponse<Blob>> {
    return this.http.get(`${base(id)}/report.pdf`, { responseType: 'blob', observe: 'response' });
  }

  organizations(): Observable<Organization[]> {
    return this.http.get<Organization[]>('/api/organizations');
  }

  history(organizationId: number): Observable<AssessmentHistory> {
    return this.http.get<AssessmentHistory>(`/api/organizations/${organizationId}/assessment-history`);
  }
}
