/** Assessment data for the unit tests, parsed by the answers' schemas (domain/wire/assessments). */
import {
  AssessmentDetailSchema,
  AssessmentOutcomeSchema,
  AssessmentSchemeViewSchema,
  AssessmentSummarySchema,
  HistoryEntrySchema,
  type AssessmentDetail,
  type AssessmentOutcome,
  type AssessmentSummary,
  type HistoryEntry,
} from '@domain/wire/assessments';
import { answer } from './wire';

export const POINTS_SCHEME = answer(AssessmentSchemeViewSchema, {
  id: 1,
  tenderId: 3,
  code: 'SY-17',
  name: '沈阳市城乡居民大病保险项目执行情况考核标准',
  kind: 'points',
  passMark: '85.00',
  failDeductionRate: '0.0050',
  bands: null,
  due: null,
  items: [
    { no: '1', name: '赔付政策', max: '10', rule: { kind: 'per-case-deduction', perCase: '1' }, basis: '抽查报销凭证等相关材料' },
    { no: '2', name: '组织机构', max: '4', rule: { kind: 'binary' } },
    { no: '3', name: '服务团队', max: '10', rule: { kind: 'k-of-n', n: 2, pointsEach: '5' } },
    { no: '17', name: '参与医保基金监管情况', max: '10', rule: { kind: 'judgement' } },
  ],
});

export const DEDUCTION_SCHEME = answer(AssessmentSchemeViewSchema, {
  id: 2,
  tenderId: 4,
  code: 'NB-PERF',
  name: '宁波市长期护理保险第三方经办服务绩效考核评价表（示例权重）',
  kind: 'deduction',
  passMark: null,
  failDeductionRate: null,
  bands: [
    { min: '90', grade: '优秀', rewardRate: '1.00' },
    { min: '80', grade: '良好', rewardRate: '0.80' },
    { min: '70', grade: '合格', rewardRate: '0.60' },
    { min: '60', grade: '较差', rewardRate: '0' },
    { min: '0', grade: '不合格', rewardRate: '0', terminate: true },
  ],
  items: [
    { no: '1', name: '制度建设', max: '6' },
    { no: '2', name: '组织管理', max: '6' },
  ],
  due: null,
});

export const result = (overrides: Partial<AssessmentOutcome> = {}): AssessmentOutcome =>
  answer(AssessmentOutcomeSchema, {
    score: '0.00',
    grade: '不达标',
    passed: false,
    rewardRate: null,
    rewardAmount: '0.00',
    deductionAmount: '0.00',
    terminate: false,
    complete: false,
    unscored: ['1', '2', '3', '17'],
    items: [],
    errors: [],
    ...overrides,
  });

export const summary = (overrides: Partial<AssessmentSummary> = {}): AssessmentSummary =>
  answer(AssessmentSummarySchema, {
    id: 5,
    status: 'open',
    contractId: 7,
    tenderId: 3,
    tenderCode: 'SYYB2023-01',
    tenderName: '沈阳市城乡居民大病保险项目',
    lotNo: '1',
    lotName: '全市',
    year: 2024,
    insurer: '中国人寿保险股份有限公司沈阳分公司',
    organizationId: 11,
    schemeCode: 'SY-17',
    schemeName: POINTS_SCHEME.name,
    kind: 'points',
    deadlines: { reportDue: '2025-01-31', assessmentDue: '2025-03-31', objectionDeadline: null, rewardDue: null },
    submittedAt: null,
    publishedAt: null,
    finalisedAt: null,
    result: result(),
    ...overrides,
  });

export const detail = (overrides: Partial<AssessmentDetail> = {}): AssessmentDetail =>
  answer(AssessmentDetailSchema, {
    ...summary(),
    contract: { id: 7, status: 'signed', contractAmount: '5213806.95', rewardBudget: null },
    scheme: POINTS_SCHEME,
    items: [],
    operatingCost: null,
    maxReward: null,
    selfAssessment: null,
    files: [],
    objections: [],
    rewardMilestone: null,
    ...overrides,
  });

/** A final result in an organisation's history (GET /api/organizations/:id/assessment-history). */
export const historyEntry = (overrides: Partial<HistoryEntry> = {}): HistoryEntry =>
  answer(HistoryEntrySchema, {
    assessmentId: 1,
    contractId: 1,
    tenderId: 3,
    tenderCode: 'T',
    tenderName: '项目',
    lotNo: '1',
    year: 2024,
    schemeCode: 'SY-17',
    schemeName: POINTS_SCHEME.name,
    kind: 'points',
    passMark: '85.00',
    bands: null,
    score: '0.00',
    grade: null,
    passed: false,
    rewardRate: null,
    rewardAmount: '0.00',
    deductionAmount: '0.00',
    terminate: false,
    finalisedAt: null,
    ...overrides,
  });
