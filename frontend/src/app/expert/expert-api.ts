import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { TenderStatus } from '../core/tenders-api';

export type Declaration = 'no-conflict' | 'conflict';
export type SheetState = 'not-started' | 'draft' | 'submitted';

/** The expert's own seat on a tender's panel (评标委员会). */
export interface PanelMember {
  id: number;
  code: string;
  name: string;
  userId: number;
  isLeader: boolean;
  declaration: Declaration | null;
  declaredAt: string | null;
}

/** A member of the panel with the state of each lot's sheet (GET /api/tenders/:id/panel; never scores). */
export interface PanelProgress extends PanelMember {
  sheets: { lot: string; status: SheetState }[];
}

/** The panel's majority decision on a score flagged 畸高畸低 (recorded by the leader). */
export interface OutlierDecision {
  panelMemberId: number;
  bidId: number;
  criterionNo: string;
  decision: string;
}

/** GET /api/tenders/:id/panel/me */
export interface PanelMe {
  tender: { id: number; code: string; name: string; status: TenderStatus };
  member: PanelMember;
  bidders: { code: string; name: string }[];
  lots: { no: string; name: string; sheet: SheetState }[];
}

export interface SheetCriterion {
  no: string;
  category: string;
  name: string;
  max: string;
  kind: 'objective' | 'subjective';
}

export interface SheetBid {
  bidId: number;
  bidder: string;
  bidderName: string;
  /** Prefilled points of the objective criteria, by criterion number. */
  objective: Record<string, string>;
  /** The expert's own subjective scores, by criterion number. */
  scores: Record<string, string>;
  /** Criterion numbers whose own score is far from the other experts' mean (畸高畸低). */
  outliers: string[];
}

/** An expert's score sheet for one lot: criteria × valid bids. */
export interface ScoreSheet {
  tender: { id: number; code: string; name: string };
  lot: { no: string; name: string };
  status: 'draft' | 'submitted';
  version: number;
  isLeader: boolean;
  criteria: SheetCriterion[];
  bids: SheetBid[];
}

export interface ScoreEntry {
  bidId: number;
  criterionNo: string;
  value: string;
}

/** The expert's side of the panel API. */
@Injectable({ providedIn: 'root' })
export class ExpertApi {
  private readonly http = inject(HttpClient);

  me(tenderId: number | string): Observable<PanelMe> {
    return this.http.get<PanelMe>(`/api/tenders/${tenderId}/panel/me`);
  }

  declare(tenderId: number | string, declaration: { conflict: boolean; note?: string }): Observable<PanelMember> {
    return this.http.post<PanelMember>(`/api/tenders/${tenderId}/panel/me/declaration`, declaration);
  }

  sheet(tenderId: number | string, lotNo: string): Observable<ScoreSheet> {
    return this.http.get<ScoreSheet>(`/api/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/sheet`);
  }

  saveScores(tenderId: number | string, lotNo: string, scores: ScoreEntry[]): Observable<ScoreSheet> {
    return this.http.put<ScoreSheet>(`/api/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/sheet/scores`, {
      scores,
    });
  }

  submit(tenderId: number | string, lotNo: string): Observable<{ status: 'submitted'; submittedAt: string }> {
    return this.http.post<{ status: 'submitted'; submittedAt: string }>(
      `/api/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/sheet/submit`,
      {},
    );
  }

  /** The panel members and their sheet states; any expert on the panel may read it. */
  panel(tenderId: number | string): Observable<PanelProgress[]> {
    return this.http.get<PanelProgress[]>(`/api/tenders/${tenderId}/panel`);
  }

  /** Leader only: sends a submitted sheet back to its expert for re-review. */
  returnSheet(tenderId: number | string, lotNo: string, memberId: number, reason: string): Observable<{ status: 'draft' }> {
    return this.http.post<{ status: 'draft' }>(`/api/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/sheets/${memberId}/return`, {
      reason,
    });
  }

  /** Leader only: records the panel's majority decision on an outlier score. */
  outlierDecision(tenderId: number | string, lotNo: string, decision: OutlierDecision): Observable<{ recorded: true }> {
    return this.http.post<{ recorded: true }>(`/api/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/outlier-decisions`, decision);
  }
}
