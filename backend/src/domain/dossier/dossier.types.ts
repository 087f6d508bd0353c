/**
 * The tender dossier (../shared/spec/DOSSIER.md): one JSON document holding a whole procurement.
 * Amounts are decimal strings in 元; numbers in rules and scores may be decimal strings or numbers.
 * These types describe a dossier that has passed validation (dossier.validation.ts).
 */
export type Num = string | number;

export type PriceBasis = 'service' | 'total';
export type AwardRule = 'independent' | 'sequential-exclusive';
export type TieBreaker = 'price' | 'draw' | { category: string };

export interface DossierTender {
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
  priceWeight: Num;
  priceBasis?: PriceBasis;
  smeDeduction?: Num;
  abnormalLowRatio?: Num;
  outlierRatio?: Num;
  trimExtremes?: boolean;
  scoreDecimals?: number;
  awardRule: AwardRule;
  tieBreakers?: TieBreaker[];
  oneBranchPerGroup?: boolean;
}

export type Band = { min: Num; points: Num } | { gt: Num; points: Num } | { max: Num; points: Num } | { lt: Num; points: Num };

export type Rule =
  | { type: 'perUnit'; fact: string; points: Num; cap?: Num }
  | { type: 'bands'; fact: string; bands: Band[]; else?: Num }
  | { type: 'deductPerUnit'; fact: string; from: Num; per: Num }
  | { type: 'boolean'; fact: string; points: Num }
  | { type: 'const'; points: Num }
  | { type: 'gate'; fact: string; min: Num; then: Rule }
  | { type: 'sum'; parts: Rule[]; cap?: Num };

export type CriterionKind = 'price' | 'objective' | 'subjective';

export interface Criterion {
  no: string;
  category: string;
  name: string;
  max: Num;
  kind: CriterionKind;
  rule?: Rule;
}

export interface Scheme {
  code: string;
  name: string;
  criteria: Criterion[];
}

export interface Component {
  name: string;
  amount: string;
}

export interface DossierLot {
  no: string;
  name: string;
  regions: string[];
  basePopulation: number;
  maxUnitPrice: string;
  maxBudget: string;
  fixedComponents: Component[];
  evaluationOrder: number;
  scheme: string;
  rewardBudget?: string;
  minStaff?: number;
}

export interface DossierBidder {
  code: string;
  name: string;
  sme: boolean;
  legalRepresentative?: string | null;
  parentCode?: string | null;
  groupCode?: string | null;
  contactPerson?: string | null;
}

export interface Check {
  check: string;
  pass: boolean;
  note?: string;
}

export type Facts = Record<string, number | boolean>;

export interface DossierBid {
  bidder: string;
  lot: string;
  unitPrice: string;
  serviceTotal: string;
  fixedComponents: Component[];
  total: string;
  totalCapitals?: string;
  /** Optional: the figures of the itemised price table (分项报价表) when it differs from the opening sheet. */
  itemised?: { unitPrice?: string; serviceTotal?: string; total?: string };
  submittedFromIp?: string;
  qualification?: Check[];
  compliance?: Check[];
  priceCorrectionAccepted?: boolean;
  abnormalLowRejected?: boolean;
  facts?: Facts;
}

export interface PanelMember {
  code: string;
  name: string;
}

export interface Score {
  expert: string;
  bidder: string;
  lot: string;
  criterion: string;
  value: Num;
}

export interface Draw {
  lot: string;
  seed: string | number;
}

export interface AssessmentBand {
  min: Num;
  grade: string;
  rewardRate: Num;
  terminate?: boolean;
}

export interface AssessmentScheme {
  code: string;
  name: string;
  kind: 'points' | 'deduction';
  passMark?: Num;
  failDeductionRate?: Num;
  bands?: AssessmentBand[];
  items: { no: string; name: string; max: Num }[];
}

export interface DossierAssessment {
  lot: string;
  year: number;
  scheme: string;
  operatingCost?: string;
  maxReward?: string;
  items: { no: string; points?: Num; deduction?: Num; note?: string }[];
}

export interface Dossier {
  formatVersion: 1;
  tender: DossierTender;
  schemes: Scheme[];
  lots: DossierLot[];
  bidders: DossierBidder[];
  bids: DossierBid[];
  panel?: PanelMember[];
  scores?: Score[];
  draws?: Draw[];
  assessmentSchemes?: AssessmentScheme[];
  assessments?: DossierAssessment[];
}
