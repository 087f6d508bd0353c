import { HttpClient, HttpEvent, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
// The dossier's shapes as the backend validates them: types only, nothing of the backend is bundled.
import type { Check, Component, DossierLot, Num, TieBreaker } from '@domain/dossier/dossier.types';
import type { SheetStatus, TenderStatus } from '@domain/lifecycles';

export type { TenderStatus };
export type { Check, Component, Num, TieBreaker };
/** The fields of DOSSIER.md `lots[]`, as POST /api/tenders/:id/lots takes them. */
export type LotFields = DossierLot;

export interface TenderSummary {
  id: number;
  code: string;
  name: string;
  purchaser: string;
  agency: string;
  status: TenderStatus;
  bidDeadline: string;
  openingTime: string;
  awardRule: string;
  lotCount: number;
  bidCount: number;
}

/** The fields of DOSSIER.md `tender`, as POST /api/tenders takes them. */
export interface TenderFields {
  code: string;
  name: string;
  purchaser: string;
  agency: string;
  bidDeadline: string;
  openingTime: string;
  bidValidityDays: number;
  contractYears: number;
  firstContractYear: number;
  minQualifiedBidders: number;
  priceWeight: string;
  priceBasis: 'service' | 'total';
  smeDeduction: string;
  abnormalLowRatio: string;
  outlierRatio: string;
  trimExtremes: boolean;
  scoreDecimals: number;
  awardRule: 'independent' | 'sequential-exclusive';
  tieBreakers: TieBreaker[];
  oneBranchPerGroup: boolean;
}

export interface Lot extends LotFields {
  id: number;
  status: string | null;
  /** Why the lot was not opened. */
  statusReason?: string | null;
  bidCount: number;
  version: number;
}

export interface Criterion {
  no: string;
  category: string;
  name: string;
  max: Num;
  kind: 'price' | 'objective' | 'subjective';
  rule?: unknown;
}

export interface SchemeFields {
  code: string;
  name: string;
  criteria: Criterion[];
}

export interface Scheme extends SchemeFields {
  id: number;
}

export interface BidderFields {
  code: string;
  name: string;
  sme: boolean;
  legalRepresentative?: string;
  parentCode?: string;
  groupCode?: string;
  contactPerson?: string;
}

export interface Bidder extends BidderFields {
  id: number;
  organizationId: number | null;
}

export interface Tender extends TenderFields {
  id: number;
  status: TenderStatus;
  version: number;
  lots: Lot[];
  schemes: Scheme[];
  bidders: Bidder[];
}

export interface NewBid {
  lot: string;
  bidder: string;
  unitPrice: string;
  serviceTotal: string;
  fixedComponents: Component[];
  total: string;
  totalCapitals: string;
  submittedFromIp?: string;
}

export interface Correction {
  step: number | string;
  field: string;
  from: string;
  to: string;
  reason: string;
}

export interface BidReview {
  valid: boolean;
  invalidReasons: string[];
  flags: string[];
  corrected: { unitPrice: string; serviceTotal: string; total: string; fixedComponents: Component[] } | null;
  corrections: Correction[];
}

export interface SealedBid {
  id: number;
  lot: string;
  bidder: string;
  bidderName: string;
  submittedAt: string;
  sealed: true;
}

export interface OpenedBid {
  id: number;
  lot: string;
  bidder: string;
  bidderName: string;
  submittedAt?: string;
  sealed?: false;
  sme: boolean;
  unitPrice: string;
  serviceTotal: string;
  fixedComponents: Component[];
  total: string;
  totalCapitals: string;
  submittedFromIp: string | null;
  qualification: Check[];
  compliance: Check[];
  priceCorrectionAccepted: boolean | null;
  abnormalLowRejected: boolean | null;
  facts: Record<string, number | boolean> | null;
  version: number;
  review: BidReview | null;
}

export type BidRow = SealedBid | OpenedBid;

export interface BidReviewChanges {
  version: number;
  qualification?: Check[];
  compliance?: Check[];
  priceCorrectionAccepted?: boolean;
  abnormalLowRejected?: boolean;
  facts?: Record<string, number | boolean>;
}

export interface BidResult {
  bidder: string;
  valid: boolean;
  invalidReasons: string[];
  flags: string[];
  evaluatedPrice: string | null;
  priceScore: string | null;
  nonPriceScore: string | null;
  finalScore: string | null;
  categoryScores: Record<string, string> | null;
  rank: number | null;
}

export interface TieBreak {
  bidders: string[];
  decidedBy: string;
  seed?: string | number;
  order?: string[];
}

export interface AwardEvent {
  at: number;
  event: string;
  bidder: string | null;
  cause?: { lot: string; bidder: string; kind: string };
}

export interface LotResult {
  no: string;
  status: string;
  failReason: string | null;
  basePrice: string | null;
  setAside: { bidder: string; reason: string }[];
  bids: BidResult[];
  tieBreaks: TieBreak[];
  winner: string | null;
  awardChain?: AwardEvent[];
}

export interface EngineError {
  lot?: string;
  bidder?: string;
  expert?: string;
  criterion?: string;
  message: string;
}

export interface Results {
  tender: string;
  status: string;
  lots: LotResult[];
  errors?: EngineError[];
  assessments?: unknown[];
}

export interface Cancellation {
  bidder: string;
  kind: 'declined' | 'disqualified';
  reason: string;
}

export type PanelDeclaration = 'no-conflict' | 'conflict';
/** A member's sheet of a lot; not-started before the first score. */
export type PanelSheetStatus = 'not-started' | SheetStatus;

/** A member of the evaluation panel (评标委员会) as procurement sees it: declaration and sheet states, never scores. */
export interface PanelMember {
  id: number;
  code: string;
  name: string;
  userId: number;
  isLeader: boolean;
  /** 回避声明: null until the expert declares; `conflict` means the member has left the panel. */
  declaration: PanelDeclaration | null;
  declaredAt: string | null;
  sheets: { lot: string; status: PanelSheetStatus }[];
}

/** An expert user not yet on the panel. */
export interface PanelCandidate {
  id: number;
  username: string;
  displayName: string;
}

@Injectable({ providedIn: 'root' })
export class TendersApi {
  private readonly http = inject(HttpClient);

  list(): Observable<TenderSummary[]> {
    return this.http.get<TenderSummary[]>('/api/tenders');
  }

  get(id: number | string): Observable<Tender> {
    return this.http.get<Tender>(`/api/tenders/${id}`);
  }

  create(tender: TenderFields): Observable<Tender> {
    return this.http.post<Tender>('/api/tenders', tender);
  }

  update(id: number, changes: Partial<TenderFields> & { version: number }): Observable<Tender> {
    return this.http.patch<Tender>(`/api/tenders/${id}`, changes);
  }

  publish(id: number): Observable<Tender> {
    return this.http.post<Tender>(`/api/tenders/${id}/publish`, {});
  }

  advanceToReview(id: number): Observable<Tender> {
    return this.http.post<Tender>(`/api/tenders/${id}/advance-to-review`, {});
  }

  addLot(id: number, lot: LotFields): Observable<Lot> {
    return this.http.post<Lot>(`/api/tenders/${id}/lots`, lot);
  }

  updateLot(id: number, lotId: number, changes: Partial<LotFields> & { version: number }): Observable<Lot> {
    return this.http.patch<Lot>(`/api/tenders/${id}/lots/${lotId}`, changes);
  }

  addScheme(id: number, scheme: SchemeFields): Observable<Scheme> {
    return this.http.post<Scheme>(`/api/tenders/${id}/schemes`, scheme);
  }

  addBidder(id: number, bidder: BidderFields): Observable<Bidder> {
    return this.http.post<Bidder>(`/api/tenders/${id}/bidders`, bidder);
  }

  addBid(id: number, bid: NewBid): Observable<SealedBid> {
    return this.http.post<SealedBid>(`/api/tenders/${id}/bids`, bid);
  }

  bids(id: number): Observable<BidRow[]> {
    return this.http.get<BidRow[]>(`/api/tenders/${id}/bids`);
  }

  reviewBid(id: number, bidId: number, changes: BidReviewChanges): Observable<OpenedBid> {
    return this.http.patch<OpenedBid>(`/api/tenders/${id}/bids/${bidId}`, changes);
  }

  openingSheet(id: number, lotNo: string): Observable<Blob> {
    return this.http.get(`/api/tenders/${id}/lots/${encodeURIComponent(lotNo)}/opening-sheet.xlsx`, {
      responseType: 'blob',
    });
  }

  dossier(id: number): Observable<Blob> {
    return this.http.get(`/api/tenders/${id}/dossier`, { responseType: 'blob' });
  }

  archive(id: number): Observable<Blob> {
    return this.http.get(`/api/tenders/${id}/archive.zip`, { responseType: 'blob' });
  }

  /** Uploads a dossier's JSON text as is, reporting upload progress. */
  importDossier(json: string): Observable<HttpEvent<{ tenderId: number }>> {
    return this.http.post<{ tenderId: number }>('/api/dossiers', json, {
      headers: new HttpHeaders({ 'Content-Type': 'application/json' }),
      reportProgress: true,
      observe: 'events',
    });
  }

  results(id: number | string): Observable<Results> {
    return this.http.get<Results>(`/api/tenders/${id}/results`);
  }

  /** A what-if evaluation run (recorded, nothing fixed). */
  previewEvaluation(id: number | string): Observable<Results> {
    return this.http.post<Results>(`/api/tenders/${id}/evaluation`, {});
  }

  /** Fixes the award; the tender becomes awarded or failed. */
  confirmAward(id: number | string): Observable<Results> {
    return this.http.post<Results>(`/api/tenders/${id}/evaluation/confirm`, {});
  }

  /** A confirmed winner declines (放弃中标) or is disqualified (取消中标资格); the next-ranked bid wins. */
  cancelAward(id: number | string, lotNo: string, body: Cancellation): Observable<Results> {
    return this.http.post<Results>(`/api/tenders/${id}/lots/${encodeURIComponent(lotNo)}/cancellations`, body);
  }

  /** The panel members with their declarations and sheet states. */
  panel(id: number | string): Observable<PanelMember[]> {
    return this.http.get<PanelMember[]>(`/api/tenders/${id}/panel`);
  }

  /** Expert users who could still join the panel. */
  panelCandidates(id: number | string): Observable<PanelCandidate[]> {
    return this.http.get<PanelCandidate[]>(`/api/tenders/${id}/panel/candidates`);
  }

  addPanelMember(id: number | string, member: { userId: number; isLeader?: boolean }): Observable<Omit<PanelMember, 'sheets'>> {
    return this.http.post<Omit<PanelMember, 'sheets'>>(`/api/tenders/${id}/panel`, member);
  }

  /** Makes the member the panel's only leader (评审组长). */
  makePanelLeader(id: number | string, memberId: number): Observable<{ leader: string }> {
    return this.http.post<{ leader: string }>(`/api/tenders/${id}/panel/${memberId}/leader`, {});
  }

  evaluationReport(id: number | string, format: 'xlsx' | 'pdf' = 'xlsx'): Observable<Blob> {
    return this.http.get(`/api/tenders/${id}/evaluation-report.${format}`, { responseType: 'blob' });
  }
}
