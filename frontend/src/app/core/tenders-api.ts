import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
// The API's shapes are the wire schemas' types (type-only imports: no schema is bundled).
import type {
  BidderFields,
  BidReviewChanges,
  BidRow,
  ElectronicBid,
  EnvelopeReceipt,
  NewBid,
  OpenedBid,
  PaperReceiptFields,
  PaperReceiptView,
  ReceivedBids,
  RemovedBid,
} from '@domain/wire/bids';
import type { Imported, ImportProgress } from '@domain/wire/dossiers';
import type { AwardHistoryView, CancellationBody, ReevaluationBody, ScoreDistribution, TenderResults } from '@domain/wire/evaluation';
import type { AddMember, Leader, PanelCandidate, PanelMemberView, PanelProgress } from '@domain/wire/panel';
import type {
  BidderView,
  ClarificationView,
  LotChanges,
  LotFields,
  LotView,
  SchemeFields,
  SchemeView,
  TenderChanges,
  TenderDetail,
  TenderFields,
  TenderSummary,
  TenderListQuery,
} from '@domain/wire/tenders';
import type { Organization } from '@domain/wire/users';
import { ApiClient, FileDownload, Page, type UploadProgress } from './api-client';

const lotPath = (id: number | string, lotNo: string) => `/tenders/${id}/lots/${encodeURIComponent(lotNo)}`;

@Injectable({ providedIn: 'root' })
export class TendersApi {
  private readonly api = inject(ApiClient);

  /** The buyer organisations (kind bureau) a tender's purchaser is picked from. */
  buyers(): Observable<Organization[]> {
    return this.api.get<Organization[]>('/organizations').pipe(map((all) => all.filter((o) => o.kind === 'bureau')));
  }

  list(): Observable<TenderSummary[]> {
    return this.api.get<TenderSummary[]>('/tenders');
  }

  /** A page of the list, sorted and filtered on the server. */
  page(query: TenderListQuery): Observable<Page<TenderSummary>> {
    return this.api.page<TenderSummary>('/tenders', { ...query });
  }

  get(id: number | string): Observable<TenderDetail> {
    return this.api.get<TenderDetail>(`/tenders/${id}`);
  }

  create(tender: TenderFields): Observable<TenderDetail> {
    return this.api.post<TenderDetail>('/tenders', tender);
  }

  update(id: number, changes: TenderChanges): Observable<TenderDetail> {
    return this.api.patch<TenderDetail>(`/tenders/${id}`, changes);
  }

  publish(id: number): Observable<TenderDetail> {
    return this.api.post<TenderDetail>(`/tenders/${id}/publish`);
  }

  /** 开标, at or after the opening time. */
  open(id: number): Observable<TenderDetail> {
    return this.api.post<TenderDetail>(`/tenders/${id}/open`);
  }

  advanceToReview(id: number): Observable<TenderDetail> {
    return this.api.post<TenderDetail>(`/tenders/${id}/advance-to-review`);
  }

  addLot(id: number, lot: LotFields): Observable<LotView> {
    return this.api.post<LotView>(`/tenders/${id}/lots`, lot);
  }

  updateLot(id: number, lotId: number, changes: LotChanges): Observable<LotView> {
    return this.api.patch<LotView>(`/tenders/${id}/lots/${lotId}`, changes);
  }

  addScheme(id: number, scheme: SchemeFields): Observable<SchemeView> {
    return this.api.post<SchemeView>(`/tenders/${id}/schemes`, scheme);
  }

  addBidder(id: number, bidder: BidderFields): Observable<BidderView> {
    return this.api.post<BidderView>(`/tenders/${id}/bidders`, bidder);
  }

  /** A paper bid's amounts, entered at the opening. */
  /** A bidder registered by mistake, struck off before the deadline while it has no bid. */
  removeBidder(id: number, bidderId: number): Observable<BidderView> {
    return this.api.post<BidderView>(`/tenders/${id}/bidders/${bidderId}/removal`);
  }

  /** A paper bid's amounts removed, to be entered again, until its bidder answers the line. */
  removePaperBid(id: number, bidId: number): Observable<RemovedBid> {
    return this.api.post<RemovedBid>(`/tenders/${id}/bids/${bidId}/removal`);
  }

  addBid(id: number, bid: NewBid): Observable<OpenedBid> {
    return this.api.post<OpenedBid>(`/tenders/${id}/bids`, bid);
  }

  /** The own organisation's electronic bid on a lot, sealed on arrival: submitted, or replacing the one before. */
  submitBid(id: number, lotNo: string, bid: ElectronicBid, documents: File[], progress?: UploadProgress): Observable<EnvelopeReceipt> {
    const form = new FormData();
    form.append('bid', JSON.stringify(bid));
    for (const file of documents) form.append('documents', file, file.name);
    return this.api.upload<EnvelopeReceipt>(`/tenders/${id}/lots/${encodeURIComponent(lotNo)}/electronic-bid`, form, progress);
  }

  withdrawBid(id: number, lotNo: string): Observable<EnvelopeReceipt> {
    return this.api.post<EnvelopeReceipt>(`/tenders/${id}/lots/${encodeURIComponent(lotNo)}/electronic-bid/withdrawal`);
  }

  ownReceipts(id: number): Observable<EnvelopeReceipt[]> {
    return this.api.get<EnvelopeReceipt[]>(`/tenders/${id}/electronic-bids`);
  }

  receivedBids(id: number): Observable<ReceivedBids> {
    return this.api.get<ReceivedBids>(`/tenders/${id}/received-bids`);
  }

  receivePaper(id: number, receipt: PaperReceiptFields): Observable<PaperReceiptView> {
    return this.api.post<PaperReceiptView>(`/tenders/${id}/paper-receipts`, receipt);
  }

  bids(id: number): Observable<BidRow[]> {
    return this.api.get<BidRow[]>(`/tenders/${id}/bids`);
  }

  /** A document of an opened electronic bid, as its bidder sent it. */
  bidDocument(id: number, bidId: number, documentId: number, fallbackName: string): Observable<FileDownload> {
    return this.api.download(`/tenders/${id}/bids/${bidId}/documents/${documentId}`, fallbackName);
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
  importDossier(json: string, importId: string, progress?: UploadProgress): Observable<Imported> {
    return this.api.postJsonText<Imported>('/dossiers', json, { 'X-Import-Id': importId }, progress);
  }

  /** How far the server has come with an import started by importDossier. */
  importProgress(importId: string): Observable<ImportProgress> {
    return this.api.get<ImportProgress>(`/dossiers/imports/${importId}`);
  }

  results(id: number | string): Observable<TenderResults> {
    return this.api.get<TenderResults>(`/tenders/${id}/results`);
  }

  /** A what-if evaluation run (recorded, nothing fixed). */
  previewEvaluation(id: number | string): Observable<TenderResults> {
    return this.api.post<TenderResults>(`/tenders/${id}/evaluation`);
  }

  /** Fixes the award; the tender becomes awarded or failed. */
  confirmAward(id: number | string): Observable<TenderResults> {
    return this.api.post<TenderResults>(`/tenders/${id}/evaluation/confirm`);
  }

  /** 重新评审: reopens a lot of the confirmed award, with the reason; answers the results' history. */
  reevaluate(id: number | string, lotNo: string, body: ReevaluationBody): Observable<AwardHistoryView[]> {
    return this.api.post<AwardHistoryView[]>(`${lotPath(id, lotNo)}/reevaluation`, body);
  }

  /** The experts' scores of a lot per criterion and bid, with their spread. */
  scoreDistribution(id: number | string, lotNo: string): Observable<ScoreDistribution> {
    return this.api.get<ScoreDistribution>(`${lotPath(id, lotNo)}/score-distribution`);
  }

  /** The confirmed awards that re-evaluations set aside, oldest first. */
  resultsHistory(id: number | string): Observable<AwardHistoryView[]> {
    return this.api.get<AwardHistoryView[]>(`/tenders/${id}/results/history`);
  }

  /** The tender's clarification notices (澄清/更正公告), oldest first. */
  clarifications(id: number | string): Observable<ClarificationView[]> {
    return this.api.get<ClarificationView[]>(`/tenders/${id}/clarifications`);
  }

  /** A confirmed winner declines (放弃中标) or is disqualified (取消中标资格); the next-ranked bid wins. */
  cancelAward(id: number | string, lotNo: string, body: CancellationBody): Observable<TenderResults> {
    return this.api.post<TenderResults>(`${lotPath(id, lotNo)}/cancellations`, body);
  }

  /** The panel members with their declarations and sheet states. */
  panel(id: number | string): Observable<PanelProgress[]> {
    return this.api.get<PanelProgress[]>(`/tenders/${id}/panel`);
  }

  /** Expert users who could still join the panel. */
  panelCandidates(id: number | string): Observable<PanelCandidate[]> {
    return this.api.get<PanelCandidate[]>(`/tenders/${id}/panel/candidates`);
  }

  addPanelMember(id: number | string, member: AddMember): Observable<PanelMemberView> {
    return this.api.post<PanelMemberView>(`/tenders/${id}/panel`, member);
  }

  /** Makes the member the panel's only leader (评审组长). */
  /** A member added by mistake leaves the panel, until scoring starts. */
  removePanelMember(id: number, memberId: number): Observable<PanelMemberView> {
    return this.api.post<PanelMemberView>(`/tenders/${id}/panel/${memberId}/removal`);
  }

  makePanelLeader(id: number | string, memberId: number): Observable<Leader> {
    return this.api.post<Leader>(`/tenders/${id}/panel/${memberId}/leader`);
  }

  /** The report's workbook, or its PDF once printed (the server prints it in the background: ApiClient.download waits). */
  evaluationReport(
    id: number | string,
    format: 'xlsx' | 'pdf',
    fallbackName: string,
    printing?: (polls: number) => void,
  ): Observable<FileDownload> {
    return this.api.download(`/tenders/${id}/evaluation-report.${format}`, fallbackName, undefined, printing);
  }
}
