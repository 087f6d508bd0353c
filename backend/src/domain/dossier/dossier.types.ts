import type { z } from 'zod';
import type {
  AssessmentBandSchema,
  AssessmentSchema,
  AssessmentSchemeSchema,
  ItemRuleSchema,
  AWARD_RULES,
  BidderSchema,
  BidSchema,
  CheckSchema,
  ComponentSchema,
  ContractReportSchema,
  ContractSchema,
  CONTRACT_KINDS,
  CRITERION_KINDS,
  CriterionSchema,
  DossierStructure,
  DrawSchema,
  FactsSchema,
  LotSchema,
  PanelMemberSchema,
  PRICE_BASES,
  REPEATED_FAILURE_DECISIONS,
  SchemeDueSchema,
  SchemeSchema,
  ScoreSchema,
  TenderSchema,
  TieBreakerSchema,
} from './dossier.schema';

/**
 * The tender dossier's types (../shared/spec/DOSSIER.md), inferred from its schema (dossier.schema.ts):
 * a dossier that passed validation (dossier.validation.ts) has exactly these shapes. Amounts are decimal
 * strings in 元; numbers in rules and scores may be decimal strings or numbers.
 */
export type { Band, LotPricing, Rule } from './dossier.schema';

export type Num = string | number;
export type PriceBasis = (typeof PRICE_BASES)[number];
export type AwardRule = (typeof AWARD_RULES)[number];
export type ContractKind = (typeof CONTRACT_KINDS)[number];
export type CriterionKind = (typeof CRITERION_KINDS)[number];
export type TieBreaker = z.output<typeof TieBreakerSchema>;

export type DossierTender = z.output<typeof TenderSchema>;
export type Criterion = z.output<typeof CriterionSchema>;
export type Scheme = z.output<typeof SchemeSchema>;
export type Component = z.output<typeof ComponentSchema>;
export type DossierLot = z.output<typeof LotSchema>;
export type DossierBidder = z.output<typeof BidderSchema>;
export type Check = z.output<typeof CheckSchema>;
export type Facts = z.output<typeof FactsSchema>;
export type DossierBid = z.output<typeof BidSchema>;
export type PanelMember = z.output<typeof PanelMemberSchema>;
export type Score = z.output<typeof ScoreSchema>;
export type Draw = z.output<typeof DrawSchema>;
export type AssessmentBand = z.output<typeof AssessmentBandSchema>;
export type RepeatedFailureDecision = (typeof REPEATED_FAILURE_DECISIONS)[number];
export type DossierItemRule = z.output<typeof ItemRuleSchema>;
export type AssessmentScheme = z.output<typeof AssessmentSchemeSchema>;
export type SchemeDue = z.output<typeof SchemeDueSchema>;
export type ContractReport = z.output<typeof ContractReportSchema>;
export type DossierContract = z.output<typeof ContractSchema>;
export type DossierAssessment = z.output<typeof AssessmentSchema>;
export type Dossier = z.output<typeof DossierStructure>;
