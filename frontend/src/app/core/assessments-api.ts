import { inject, Injectable } from '@angular/core';
import { map, Observable, switchMap } from 'rxjs';
import { ApiClient, FileDownload } from './api-client';
import { DocumentInfo } from './contracts-api';
import type { DeadlineKind, FileKind, SchemeKind } from '@domain/assessments/assessment-codes';
import type { AssessmentResult as DomainAssessmentResult } from '@domain/assessments';
import type { ItemRule, SchemeItem } from '@domain/assessments/scheme-items';
import type { AssessmentStatus, MilestoneStatus } from '@domain/lifecycles';
import type { OrganizationKind } from '@domain/organizations';

/** Annual assessments (年度考核, DOMAIN.md §7) as the API gives them. */

export type { AssessmentStatus, DeadlineKind, ItemRule, SchemeItem, SchemeKind };

// Response shapes the API gives (to be derived from the wire schemas of domain/wire).

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

/** The result as it stands, and whether it can be published: every item scored, nothing missing. */
export type AssessmentResult = DomainAssessmentResult & { complete: boolean; unscored: string[] };

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
  kind: FileKind;
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
  /** The scheme item objected to; null for the result as a whole. */
  itemNo: string | null;
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
  rewardMilestone: { id: number; seq: number; name: string; amount: string; status: MilestoneStatus; dueDate: string | null } | null;
}

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
  kind: OrganizationKind;
}

export interface AssessmentFilter {
  year?: number | null;
  status?: AssessmentStatus | '' | null;
  contractId?: number | null;
}

const base = (id: number | string) => `/assessments/${id}`;

/** A multipart form of a file and its text fields (empty ones left out). */
function formOf(file: File, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  for (const [name, value] of Object.entries(fields)) if (value) form.append(name, value);
  return form;
}

@Injectable({ providedIn: 'root' })
export class AssessmentsApi {
  private readonly api = inject(ApiClient);

  schemes(tenderId?: number | null): Observable<AssessmentScheme[]> {
    return this.api.get<AssessmentScheme[]>('/assessment-schemes', { tenderId });
  }

  create(contractId: number | string, schemeCode: string): Observable<AssessmentDetail> {
    return this.api.post<AssessmentDetail>(`/contracts/${contractId}/assessments`, { schemeCode });
  }

  list(filter: AssessmentFilter = {}): Observable<AssessmentSummary[]> {
    return this.api.get<AssessmentSummary[]>('/assessments', { year: filter.year, status: filter.status, contractId: filter.contractId });
  }

  get(id: number | string): Observable<AssessmentDetail> {
    return this.api.get<AssessmentDetail>(base(id));
  }

  overdue(): Observable<OverdueItem[]> {
    return this.api.get<OverdueItem[]>('/assessments/overdue');
  }

  terminations(): Observable<TerminationMark[]> {
    return this.api.get<TerminationMark[]>('/assessments/terminations');
  }

  splitReward(body: { tenderId: number; year: number; budget: string }): Observable<RewardSplit> {
    return this.api.post<RewardSplit>('/assessments/reward-split', body);
  }

  resultsWorkbook(year: number, fallbackName: string): Observable<FileDownload> {
    return this.api.download('/assessments/results.xlsx', fallbackName, { year });
  }

  /** The insurer's annual operation report and self-assessment, as one multipart request. */
  submitSelfAssessment(id: number | string, report: File, items: ItemInput[], summary: string): Observable<AssessmentDetail> {
    return this.api.upload<AssessmentDetail>(
      `${base(id)}/self-assessment`,
      formOf(report, { items: JSON.stringify(items), summary: summary.trim() }),
    );
  }

  score(id: number | string, items: ItemInput[], operatingCost?: string): Observable<AssessmentDetail> {
    return this.api.put<AssessmentDetail>(`${base(id)}/items`, operatingCost === undefined ? { items } : { items, operatingCost });
  }

  addEvidence(id: number | string, itemNo: string, file: File, description: string): Observable<AssessmentFile> {
    return this.api.upload<AssessmentFile>(
      `${base(id)}/items/${encodeURIComponent(itemNo)}/evidence`,
      formOf(file, { description: description.trim() }),
    );
  }

  file(id: number | string, fileId: number, fallbackName: string): Observable<FileDownload> {
    return this.api.download(`${base(id)}/files/${fileId}`, fallbackName);
  }

  publish(id: number | string): Observable<AssessmentDetail> {
    return this.api.post<AssessmentDetail>(`${base(id)}/publish`);
  }

  /** An objection to one item (`itemNo`) or, without it, to the result as a whole. */
  object(id: number | string, text: string, itemNo: string | null = null): Observable<AssessmentObjection> {
    return this.api.post<AssessmentObjection>(`${base(id)}/objections`, { text, ...(itemNo && { itemNo }) });
  }

  answer(id: number | string, objectionId: number, text: string, revisedItems?: ItemInput[]): Observable<AssessmentDetail> {
    const body = revisedItems?.length ? { text, revisedItems } : { text };
    return this.api.post<AssessmentDetail>(`${base(id)}/objections/${objectionId}/answer`, body);
  }

  finalise(id: number | string): Observable<AssessmentDetail> {
    return this.api.post<AssessmentDetail>(`${base(id)}/finalise`);
  }

  template(id: number | string, fallbackName: string): Observable<FileDownload> {
    return this.api.download(`${base(id)}/template.xlsx`, fallbackName);
  }

  importItems(id: number | string, file: File): Observable<AssessmentDetail> {
    return this.api.upload<AssessmentDetail>(`${base(id)}/items.xlsx`, formOf(file));
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
