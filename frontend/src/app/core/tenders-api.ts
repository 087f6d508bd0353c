import { HttpEvent } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
// The domain's shapes (types only: nothing of the backend is bundled beyond what the domain exports).
import type { Correction } from '@domain/bids/price-correction';
import type { BidVerdict } from '@domain/bids/validity';
import type {
  Check,
  Component,
  Criterion,
  DossierBid,
  DossierBidder,
  DossierLot,
  DossierTender,
  Num,
  Scheme as DossierScheme,
  TieBreaker,
} from '@domain/dossier/dossier.types';
import type { ImportProgress } from '@domain/dossier/import-progress';
import type { TenderResults } from '@domain/evaluation/evaluate-dossier';
import type { AwardEvent, BidResult, CancellationKind, EngineError, LotResult, TieBreak } from '@domain/evaluation/types';
import type { LotStatus, TenderStatus } from '@domain/lifecycles';
import type { Declaration, SheetProgress } from '@domain/panel/panel-codes';
import { ApiClient, FileDownload } from './api-client';

export type {
  AwardEvent,
  BidResult,
  Check,
  Component,
  Correction,
  Criterion,
  EngineError,
  LotResult,
  Num,
  TenderStatus,
  TieBreak,
  TieBreaker,
};
/** The fields of DOSSIER.md `lots[]`, as POST /api/tenders/:id/lots takes them. */
export type LotFields = DossierLot;
/** The fields of DOSSIER.md `tender`, as POST /api/tenders takes them (the form sends every one, none null). */
export type TenderFields = { [K in keyof DossierTender]-?: NonNullable<DossierTender[K]> };
/** A scoring scheme (评分办法) of DOSSIER.md `schemes[]`, as POST /api/tenders/:id/schemes takes it. */
export type SchemeFields = DossierScheme;
/** A bidder of DOSSIER.md `bidders[]`, as POST /api/tenders/:id/bidders takes it. */
export type BidderFields = DossierBidder;
/** A bid as recorded before the deadline (POST /api/tenders/:id/bids). */
export type NewBid = Pick<
  DossierBid,
  'lot' | 'bidder' | 'unitPrice' | 'serviceTotal' | 'fixedComponents' | 'total' | 'totalCapitals' | 'submittedFromIp'
>;
/** GET /api/tenders/:id/results: the DOSSIER.md "Evaluation result". */
export type Results = TenderResults;
/** A confirmed winner declines (放弃中标) or is disqualified (取消中标资格), with the reason on record. */
export interface Cancellation {
  bidder: string;
  kind: CancellationKind;
  reason: string;
}
export type PanelDeclaration = Declaration;
/** A member's sheet of a lot; not-started before the first score. */
export type PanelSheetStatus = SheetProgress;

// Response shapes the API gives (to be derived from the wire schemas of domain/wire).

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

export interface Lot extends LotFields {
  id: number;
  status: LotStatus | null;
  /** Why the lot was not opened. */
  statusReason?: string | null;
  bidCount: number;
  version: number;
}

export interface Scheme extends SchemeFields {
  id: number;
}

export interface Bidder extends BidderFields {
  id: number;
  organizationId: number | null;
}

/** A clarification notice (澄清/更正公告) of a published tender: each changed field before and after. */
export interface Clarification {
  id: number;
  no: number;
  publishedAt: string;
  publishedBy: string;
  changes: { field: string; before: string | number | null; after: string | number | null }[];
}

/** A confirmed award that a re-evaluation (重新评审) set aside. */
export interface AwardRound {
  round: number;
  confirmedAt: string;
  confirmedBy: string;
  results: Results;
  cancellations: { lot: string; bidder: string; kind: Cancellation['kind']; reason: string; at: string; by: string }[];
  lot: string;
  reason: string;
  reopenedAt: string;
  reopenedBy: string;
}

export interface Tender extends TenderFields {
  id: number;
  status: TenderStatus;
  version: number;
  lots: Lot[];
  schemes: Scheme[];
  bidders: Bidder[];
}

/** A bid's review after opening (the corrected figures are null until the bid can be corrected). */
export type BidReview = Omit<BidVerdict, 'corrected'> & { corrected: BidVerdict['corrected'] | null };

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

const lotPath = (id: number | string, lotNo: string) => `/tenders/${id}/lots/${encodeURIComponent(lotNo)}`;

@Injectable({ providedIn: 'root' })
export class TendersApi {
  private readonly api = inject(ApiClient);

  list(): Observable<TenderSummary[]> {
    return this.api.get<TenderSummary[]>('/tenders');
  }

  get(id: number | string): Observable<Tender> {
    return this.api.get<Tender>(`/tenders/${id}`);
  }

  create(tender: TenderFields): Observable<Tender> {
    return this.api.post<Tender>('/tenders', tender);
  }

  update(id: number, changes: Partial<TenderFields> & { version: number }): Observable<Tender> {
    return this.api.patch<Tender>(`/tenders/${id}`, changes);
  }

  publish(id: number): Observable<Tender> {
    return this.api.post<Tender>(`/tenders/${id}/publish`);
  }

  advanceToReview(id: number): Observable<Tender> {
    return this.api.post<Tender>(`/tenders/${id}/advance-to-review`);
  }

  addLot(id: number, lot: LotFields): Observable<Lot> {
    return this.api.post<Lot>(`/tenders/${id}/lots`, lot);
  }

  updateLot(id: number, lotId: number, changes: Partial<LotFields> & { version: number }): Observable<Lot> {
    return this.api.patch<Lot>(`/tenders/${id}/lots/${lotId}`, changes);
  }

  addScheme(id: number, scheme: SchemeFields): Observable<Scheme> {
    return this.api.post<Scheme>(`/tenders/${id}/schemes`, scheme);
  }

  addBidder(id: number, bidder: BidderFields): Observable<Bidder> {
    return this.api.post<Bidder>(`/tenders/${id}/bidders`, bidder);
  }

  addBid(id: number, bid: NewBid): Observable<SealedBid> {
    return this.api.post<SealedBid>(`/tenders/${id}/bids`, bid);
  }

  bids(id: number): Observable<BidRow[]> {
    return this.api.get<BidRow[]>(`/tenders/${id}/bids`);
  }

  reviewBid(id: number, bidId: number, changes: BidReviewChanges): Observable<OpenedBid> {
    return this.api.patch<OpenedBid>(`/tenders/${id}/bids/${bidId}`, changes);
  }

  /** The opening sheet (开标一览表) of a lot as Excel. */
  openingSheet(id: number, lotNo: string, fallbackName: string): Observable<FileDownload> {
    return this.api.download(`${lotPath(id, lotNo)}/opening-sheet.xlsx`, fallbackName);
  }

  dossier(id: number, fallbackName: string): Observable<FileDownload> {
    return this.api.download(`/tenders/${id}/dossier`, fallbackName);
  }

  /** The archive (电子档案) of a finished tender, under the name the server gives it. */
  archive(id: number, fallbackName: string): Observable<FileDownload> {
    return this.api.download(`/tenders/${id}/archive.zip`, fallbackName);
  }

  /** Uploads a dossier's JSON text as is, reporting upload progress; `importId` names it for importProgress. */
  importDossier(json: string, importId: string): Observable<HttpEvent<{ tenderId: number }>> {
    return this.api.postJsonText<{ tenderId: number }>('/dossiers', json, { 'X-Import-Id': importId });
  }

  /** How far the server has come with an import started by importDossier. */
  importProgress(importId: string): Observable<ImportProgress> {
    return this.api.get<ImportProgress>(`/dossiers/imports/${importId}`);
  }

  results(id: number | string): Observable<Results> {
    return this.api.get<Results>(`/tenders/${id}/results`);
  }

  /** A what-if evaluation run (recorded, nothing fixed). */
  previewEvaluation(id: number | string): Observable<Results> {
    return this.api.post<Results>(`/tenders/${id}/evaluation`);
  }

  /** Fixes the award; the tender becomes awarded or failed. */
  confirmAward(id: number | string): Observable<Results> {
    return this.api.post<Results>(`/tenders/${id}/evaluation/confirm`);
  }

  /** 重新评审: reopens a lot of the confirmed award, with the reason; answers the results' history. */
  reevaluate(id: number | string, lotNo: string, reason: string): Observable<AwardRound[]> {
    return this.api.post<AwardRound[]>(`${lotPath(id, lotNo)}/reevaluation`, { reason });
  }

  /** The confirmed awards that re-evaluations set aside, oldest first. */
  resultsHistory(id: number | string): Observable<AwardRound[]> {
    return this.api.get<AwardRound[]>(`/tenders/${id}/results/history`);
  }

  /** The tender's clarification notices (澄清/更正公告), oldest first. */
  clarifications(id: number | string): Observable<Clarification[]> {
    return this.api.get<Clarification[]>(`/tenders/${id}/clarifications`);
  }

  /** A confirmed winner declines (放弃中标) or is disqualified (取消中标资格); the next-ranked bid wins. */
  cancelAward(id: number | string, lotNo: string, body: Cancellation): Observable<Results> {
    return this.api.post<Results>(`${lotPath(id, lotNo)}/cancellations`, body);
  }

  /** The panel members with their declarations and sheet states. */
  panel(id: number | string): Observable<PanelMember[]> {
    return this.api.get<PanelMember[]>(`/tenders/${id}/panel`);
  }

  /** Expert users who could still join the panel. */
  panelCandidates(id: number | string): Observable<PanelCandidate[]> {
    return this.api.get<PanelCandidate[]>(`/tenders/${id}/panel/candidates`);
  }

  addPanelMember(id: number | string, member: { userId: number; isLeader?: boolean }): Observable<Omit<PanelMember, 'sheets'>> {
    return this.api.post<Omit<PanelMember, 'sheets'>>(`/tenders/${id}/panel`, member);
  }

  /** Makes the member the panel's only leader (评审组长). */
  makePanelLeader(id: number | string, memberId: number): Observable<{ leader: string }> {
    return this.api.post<{ leader: string }>(`/tenders/${id}/panel/${memberId}/leader`);
  }

  /** The report's workbook, or its PDF once printed (the server prints it in the background: ApiClient.download waits). */
  evaluationReport(id: number | string, format: 'xlsx' | 'pdf', fallbackName: string): Observable<FileDownload> {
    return this.api.download(`/tenders/${id}/evaluation-report.${format}`, fallbackName);
  }
}
