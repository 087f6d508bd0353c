/** Tender data for the unit tests, parsed by the answers' schemas (domain/wire/tenders): Ningbo's long-term-care tender. */
import {
  BidderViewSchema,
  LotViewSchema,
  TenderDetailSchema,
  TenderSummarySchema,
  type BidderView,
  type LotView,
  type TenderDetail,
  type TenderSummary,
} from '@domain/wire/tenders';
import { OpenedBidSchema, type OpenedBid } from '@domain/wire/bids';
import { answer } from './wire';

/** The dossier's tender fields as the API stores them. */
const NINGBO = {
  code: 'NBZFCG2022B031G',
  name: '2023-2025年度宁波市长期护理保险委托协助经办采购项目',
  purchaser: '宁波市医疗保障局',
  agency: '宁波市政府采购中心',
  bidDeadline: '2022-09-28T09:30:00+08:00',
  openingTime: '2022-09-28T09:30:00+08:00',
  bidValidityDays: 90,
  contractYears: 3,
  firstContractYear: 2023,
  minQualifiedBidders: 3,
  priceWeight: '10',
  priceBasis: 'service',
  smeDeduction: '0.20',
  abnormalLowRatio: '0.50',
  outlierRatio: '0.30',
  trimExtremes: false,
  scoreDecimals: 2,
  awardRule: 'sequential-exclusive',
  tieBreakers: ['price', 'draw'],
  oneBranchPerGroup: false,
  publishScores: false,
  consortiaAllowed: false,
  challengeDays: 7,
  bidSubmission: 'electronic',
  openingConfirmMinutes: 30,
} satisfies Partial<TenderDetail>;

export const tenderDetail = (overrides: Partial<TenderDetail> = {}): TenderDetail =>
  answer(TenderDetailSchema, {
    id: 1,
    ...NINGBO,
    buyerOrganizationId: 1,
    status: 'published',
    version: 1,
    lots: [],
    schemes: [],
    bidders: [],
    validity: { endsOn: '2022-12-27', warning: null },
    ...overrides,
  });

export const tenderSummary = (overrides: Partial<TenderSummary> = {}): TenderSummary =>
  answer(TenderSummarySchema, {
    id: 1,
    code: NINGBO.code,
    name: NINGBO.name,
    purchaser: NINGBO.purchaser,
    agency: NINGBO.agency,
    status: 'published',
    bidDeadline: NINGBO.bidDeadline,
    openingTime: NINGBO.openingTime,
    awardRule: NINGBO.awardRule,
    lotCount: 1,
    bidCount: 0,
    ...overrides,
  });

export const lotView = (no: string, overrides: Partial<LotView> = {}): LotView =>
  answer(LotViewSchema, {
    id: Number(no) + 10,
    no,
    name: `${no}号包`,
    regions: [],
    basePopulation: 1,
    maxUnitPrice: '1.00',
    maxBudget: '1.00',
    fixedComponents: [],
    evaluationOrder: Number(no),
    scheme: 'S',
    status: 'pending',
    statusReason: null,
    version: 1,
    bidCount: 0,
    ...overrides,
  });

export const bidderView = (code: string, name: string, overrides: Partial<BidderView> = {}): BidderView =>
  answer(BidderViewSchema, {
    id: 1,
    code,
    name,
    sme: false,
    legalRepresentative: null,
    parentCode: null,
    groupCode: null,
    contactPerson: null,
    organizationId: null,
    ...overrides,
  });

/** An opened bid on lot 1 above its budget, with a price correction and a shared IP. */
export const openedBid = (overrides: Partial<OpenedBid> = {}): OpenedBid =>
  answer(OpenedBidSchema, {
    id: 5,
    lot: '1',
    bidder: 'PICC',
    bidderName: '人保财险',
    submittedAt: '2026-12-01T02:00:00Z',
    sealed: false,
    repeatedFailures: null,
    proposedDeduction: null,
    sme: true,
    unitPrice: '1.22',
    serviceTotal: '4873857.30',
    fixedComponents: [],
    total: '5673857.30',
    rate: null,
    deficitShare: null,
    totalCapitals: '伍佰陆拾柒万叁仟捌佰伍拾柒元叁角',
    itemised: null,
    submittedFromIp: '10.0.0.8',
    qualification: [],
    compliance: [],
    priceCorrectionAccepted: null,
    abnormalLowRejected: null,
    abnormalLowNote: null,
    facts: {},
    repeatedFailureDecision: null,
    repeatedFailureNote: null,
    version: 2,
    review: {
      valid: false,
      invalidReasons: ['服务费总额 4873857.30 超过最高预算 4870000.00'],
      flags: ['same-ip'],
      corrected: {
        unitPrice: '1.22',
        serviceTotal: '4873857.30',
        total: '5673857.30',
        fixedComponents: [],
        rate: null,
        deficitShare: null,
      },
      corrections: [{ step: 2, field: 'total', from: '5673857.00', to: '5673857.30', reason: '大写与小写不一致，以大写为准' }],
    },
    documents: [{ id: 41, fileName: '投标文件.pdf', mimeType: 'application/pdf', size: 20480, sha256: 'ab'.repeat(32) }],
    ...overrides,
  });
