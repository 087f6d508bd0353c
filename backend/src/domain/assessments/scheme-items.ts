/**
 * How a points-scheme item earns its points (DOMAIN.md §7): full or nothing; k of n sub-items at
 * `pointsEach`; the maximum less `perCase` per case, floor 0; or the assessor's judgement 0..max.
 * An item without a rule is judged.
 */
export type ItemRule =
  | { kind: 'binary' }
  | { kind: 'k-of-n'; n: number; pointsEach: string }
  | { kind: 'per-case-deduction'; perCase: string }
  | { kind: 'judgement' };
export type ItemRuleKind = ItemRule['kind'];

/** One item of an assessment scheme (考核方案). */
export interface SchemeItem {
  no: string;
  name: string;
  /** Points scheme: the item's maximum; deduction scheme: its weight, the cap on its deductions. */
  max: string;
  rule?: ItemRule;
  /** 考核指标: what is checked, as the scheme words it. */
  indicator?: string;
  /** 考核方式及依据: the evidence the assessor looks at. */
  basis?: string;
}
