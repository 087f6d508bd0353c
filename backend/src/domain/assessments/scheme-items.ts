/**
 * How a points-scheme item earns its points (DOMAIN.md §7): full or nothing; k of n sub-items at
 * `pointsEach`; the maximum less `perCase` per case, floor 0; or the assessor's judgement 0..max.
 * An item without a rule is judged. The shapes are those the API answers (domain/wire/assessments.ts).
 */
import type { ItemRule } from '../wire/assessments';

export type { ItemRule, SchemeItem } from '../wire/assessments';
export type ItemRuleKind = ItemRule['kind'];
