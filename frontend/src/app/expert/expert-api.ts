import { inject, Injectable } from '@angular/core';
import type { CriterionKind } from '@domain/dossier/dossier.types';
import type { SheetStatus, TenderStatus } from '@domain/lifecycles';
import type { Declaration, SheetProgress } from '@domain/panel/panel-codes';
import { Observable } from 'rxjs';
import { ApiClient } from '../core/api-client';

export type { Declaration };
export type SheetState = SheetProgress;

// Response shapes the API gives (to be derived from the wire schemas of domain/wire).

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

/** GET /api/tenders/:id/lots/:lotNo/outliers: the lot's 畸高畸低 scores once every sheet is in, with their decisions. */
export interface LotOutliers {
  lot: string;
  complete: boolean;
  /** Codes of the members whose sheet is not submitted. */
  missing: string[];
  outliers: {
    panelMemberId: number;
    member: string;
    memberName: string;
    bidId: number;
    bidder: string;
    bidderName: string;
    criterionNo: string;
    criterionName: string;
    max: string;
    value: string;
    othersMean: string;
    decision: { decision: string; decidedBy: string; decidedAt: string } | null;
  }[];
}
export type FlaggedScore = LotOutliers['outliers'][number];

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
  kind: Exclude<CriterionKind, 'price'>;
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
  status: SheetStatus;
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
  private readonly api = inject(ApiClient);

  me(tenderId: number | string): Observable<PanelMe> {
    return this.api.get<PanelMe>(`/tenders/${tenderId}/panel/me`);
  }

  declare(tenderId: number | string, declaration: { conflict: boolean; note?: string }): Observable<PanelMember> {
    return this.api.post<PanelMember>(`/tenders/${tenderId}/panel/me/declaration`, declaration);
  }

  sheet(tenderId: number | string, lotNo: string): Observable<ScoreSheet> {
    return this.api.get<ScoreSheet>(`/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/sheet`);
  }

  saveScores(tenderId: number | string, lotNo: string, scores: ScoreEntry[]): Observable<ScoreSheet> {
    return this.api.put<ScoreSheet>(`/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/sheet/scores`, {
      scores,
    });
  }

  submit(tenderId: number | string, lotNo: string): Observable<{ status: 'submitted'; submittedAt: string }> {
    return this.api.post<{ status: 'submitted'; submittedAt: string }>(
      `/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/sheet/submit`,
    );
  }

  /** The panel members and their sheet states; any expert on the panel may read it. */
  panel(tenderId: number | string): Observable<PanelProgress[]> {
    return this.api.get<PanelProgress[]>(`/tenders/${tenderId}/panel`);
  }

  /** Leader only: sends a submitted sheet back to its expert for re-review. */
  returnSheet(tenderId: number | string, lotNo: string, memberId: number, reason: string): Observable<{ status: 'draft' }> {
    return this.api.post<{ status: 'draft' }>(`/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/sheets/${memberId}/return`, {
      reason,
    });
  }

  /** The lot's outlier scores and their decisions (empty until every sheet of the lot is submitted). */
  outliers(tenderId: number | string, lotNo: string): Observable<LotOutliers> {
    return this.api.get<LotOutliers>(`/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/outliers`);
  }

  /** Leader only: records the panel's majority decision on an outlier score. */
  outlierDecision(tenderId: number | string, lotNo: string, decision: OutlierDecision): Observable<{ recorded: true }> {
    return this.api.post<{ recorded: true }>(`/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/outlier-decisions`, decision);
  }
}
