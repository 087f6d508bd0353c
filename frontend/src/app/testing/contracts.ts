/** Contract data for the unit tests, parsed by the answers' schemas (domain/wire/contracts): a Ningbo lot's 2023 contract. */
import {
  ContractDetailSchema,
  ContractSchema,
  ContractSummarySchema,
  PaymentMilestoneSchema,
  type Contract,
  type ContractDetail,
  type ContractSummary,
  type PaymentMilestone,
} from '@domain/wire/contracts';
import { DocumentInfoSchema, type DocumentInfo } from '@domain/wire/documents';
import { ContractLedgerSchema, LedgerLineSchema, type ContractLedger, type LedgerLine } from '@domain/wire/ledger';
import { answer } from './wire';

export const contractSummary = (overrides: Partial<ContractSummary> = {}): ContractSummary =>
  answer(ContractSummarySchema, {
    id: 7,
    tenderId: 3,
    lotNo: '1',
    year: 2023,
    bidderId: 11,
    kind: 'per-capita',
    termStart: '2023-01-01',
    termEnd: '2023-12-31',
    unitPrice: '1.23',
    population: null,
    serviceAmount: '4913806.95',
    fundStandard: null,
    fund: null,
    allowanceRate: null,
    allowance: null,
    policyDeficitShare: null,
    deficitRule: null,
    retentions: [],
    fixedFees: [{ name: '信息系统建设运维费', amount: '300000.00' }],
    contractAmount: '5213806.95',
    rewardBudget: '500000.00',
    scheduleTemplate: 'ningbo',
    reportRules: null,
    status: 'draft',
    signedAt: null,
    asOf: null,
    version: 1,
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    tenderCode: 'NBZFCG2022B031G',
    tenderName: '宁波市长期护理保险委托经办服务项目',
    purchaser: '宁波市医疗保障局',
    lotName: '市区',
    regions: ['海曙', '江北', '鄞州'],
    basePopulation: 3994965,
    insurer: '中国人民财产保险股份有限公司宁波市分公司',
    ...overrides,
  });

export const milestone = (overrides: Partial<PaymentMilestone> = {}): PaymentMilestone =>
  answer(PaymentMilestoneSchema, {
    id: 1,
    contractId: 7,
    seq: 1,
    name: '年度委托经办费用（含固定费用）',
    base: 'contract',
    share: null,
    fixedAmount: null,
    remainder: true,
    trigger: 'on-signing',
    amountRule: null,
    period: null,
    source: 'seed 002 第二条',
    dueRule: { monthsAfterSigning: 1, day: 'end' },
    dueDate: null,
    status: 'pending',
    amount: '5213806.95',
    requested: null,
    appliedOn: null,
    paidOn: null,
    voucher: null,
    withheldReason: null,
    ...overrides,
  });

export const documentInfo = (overrides: Partial<DocumentInfo> = {}): DocumentInfo =>
  answer(DocumentInfoSchema, {
    id: 21,
    kind: 'contract',
    ownerType: 'contract',
    ownerId: 7,
    version: 1,
    sha256: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
    size: 153600,
    createdAt: '2026-11-20T03:00:00.000Z',
    createdBy: 2,
    ...overrides,
  });

/** A contract as POST and PATCH answer it: with its milestones (the service fee, and the reward waiting for the assessment). */
export const contract = (overrides: Partial<Contract> = {}): Contract =>
  answer(ContractSchema, {
    ...contractSummary(),
    milestones: [
      milestone(),
      milestone({
        id: 2,
        seq: 2,
        name: '年度绩效考核奖励',
        base: 'reward',
        trigger: 'after-assessment',
        amountRule: 'reward-rate',
        dueRule: null,
        status: 'pending',
        amount: '500000.00',
      }),
    ],
    ...overrides,
  });

/** GET /api/contracts/:id: the contract with its stored PDFs. */
export const contractDetail = (overrides: Partial<ContractDetail> = {}): ContractDetail =>
  answer(ContractDetailSchema, { ...contract(), documents: [documentInfo()], ...overrides });

const line = (overrides: Partial<LedgerLine>): LedgerLine =>
  answer(LedgerLineSchema, {
    id: 1,
    seq: 1,
    name: '年度委托经办服务费（含固定费用）',
    trigger: 'on-signing',
    status: 'payable',
    amount: '5213806.95',
    requested: null,
    appliedOn: null,
    dueDate: '2023-02-28',
    paidOn: null,
    voucher: null,
    withheldReason: null,
    isOverdue: true,
    due: '5213806.95',
    payable: '5213806.95',
    paid: '0.00',
    withheld: '0.00',
    outstanding: '5213806.95',
    overdue: '5213806.95',
    ...overrides,
  });

/** GET /api/contracts/:id/ledger of the signed contract: the service fee payable and overdue, the reward withheld. */
export const contractLedger = (overrides: Partial<ContractLedger> = {}): ContractLedger =>
  answer(ContractLedgerSchema, {
    contractId: 7,
    today: '2023-03-02',
    signedOn: '2023-01-10',
    lines: [
      line({}),
      line({
        id: 2,
        seq: 2,
        name: '验收款（50%）',
        trigger: 'after-acceptance',
        status: 'withheld',
        amount: '500000.00',
        dueDate: null,
        withheldReason: '2023-03-01验收未通过：资料不全',
        isOverdue: false,
        due: '500000.00',
        payable: '0.00',
        withheld: '500000.00',
        outstanding: '0.00',
        overdue: '0.00',
      }),
    ],
    totals: {
      due: '5713806.95',
      payable: '5213806.95',
      paid: '0.00',
      withheld: '500000.00',
      outstanding: '5213806.95',
      overdue: '5213806.95',
    },
    serviceEvaluations: [],
    acceptances: [{ id: 1, on: '2023-03-01', passed: false, note: '资料不全', claim: null, documents: [] }],
    ...overrides,
  });
