/** The annual-assessment rules' public entry: pure functions, no framework. */
export {
  evaluateAssessment,
  failDeductionRate,
  splitRewardBudget,
  flagRepeatedFailures,
  binaryPoints,
  subItemPoints,
  caseDeductionPoints,
  judgementPoints,
  itemPoints,
  ruleInputFor,
  RULE_INPUT,
  type AssessmentResult,
  type AssessmentRecord,
  type ContractAmount,
} from './assessment';
export { ASSESSMENT_LIMITS, objectionRefusal, fileRefusal, type LimitRefusal } from './limits';
