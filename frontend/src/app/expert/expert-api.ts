import { inject, Injectable } from '@angular/core';
import type {
  DeclarationBody,
  LotOutliers,
  OutlierDecision,
  PanelMe,
  PanelMemberView,
  PanelProgress,
  Recorded,
  ScoreEntry,
  ScoreSheet,
  SheetReturned,
  SheetSubmitted,
} from '@domain/wire/panel';
import { Observable } from 'rxjs';
import { ApiClient } from '../core/api-client';

/** The expert's side of the panel API. */
@Injectable({ providedIn: 'root' })
export class ExpertApi {
  private readonly api = inject(ApiClient);

  me(tenderId: number | string): Observable<PanelMe> {
    return this.api.get<PanelMe>(`/tenders/${tenderId}/panel/me`);
  }

  declare(tenderId: number | string, declaration: DeclarationBody): Observable<PanelMemberView> {
    return this.api.post<PanelMemberView>(`/tenders/${tenderId}/panel/me/declaration`, declaration);
  }

  sheet(tenderId: number | string, lotNo: string): Observable<ScoreSheet> {
    return this.api.get<ScoreSheet>(`/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/sheet`);
  }

  saveScores(tenderId: number | string, lotNo: string, scores: ScoreEntry[]): Observable<ScoreSheet> {
    return this.api.put<ScoreSheet>(`/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/sheet/scores`, {
      scores,
    });
  }

  submit(tenderId: number | string, lotNo: string): Observable<SheetSubmitted> {
    return this.api.post<SheetSubmitted>(`/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/sheet/submit`);
  }

  /** The panel members and their sheet states; any expert on the panel may read it. */
  panel(tenderId: number | string): Observable<PanelProgress[]> {
    return this.api.get<PanelProgress[]>(`/tenders/${tenderId}/panel`);
  }

  /** Leader only: sends a submitted sheet back to its expert for re-review. */
  returnSheet(tenderId: number | string, lotNo: string, memberId: number, reason: string): Observable<SheetReturned> {
    return this.api.post<SheetReturned>(`/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/sheets/${memberId}/return`, {
      reason,
    });
  }

  /** The lot's outlier scores and their decisions (empty until every sheet of the lot is submitted). */
  outliers(tenderId: number | string, lotNo: string): Observable<LotOutliers> {
    return this.api.get<LotOutliers>(`/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/outliers`);
  }

  /** Leader only: records the panel's majority decision on an outlier score. */
  outlierDecision(tenderId: number | string, lotNo: string, decision: OutlierDecision): Observable<Recorded> {
    return this.api.post<Recorded>(`/tenders/${tenderId}/lots/${encodeURIComponent(lotNo)}/outlier-decisions`, decision);
  }
}
