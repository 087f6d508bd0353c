/**
 * The one label table: every code the product emits, as its users read it, in Chinese. The UI, the
 * PDFs and the Excel files render codes through it and nowhere else; English stays in the API docs.
 *
 * Two kinds of tables:
 * - plain tables map a code to its label. Each is typed `Record<Union, string>` over the domain's code
 *   union, so a code added to the domain without a label fails the build;
 * - parameterised tables render codes written `code` or `code:param:param…` (the flag `outlier:E2:13` is
 *   expert E2's outlying score on criterion 13). Each code's label is a function of its parameters.
 *
 * `label(kind, code)` renders one code; `labelOptions(kind)` lists a plain table for a select.
 * A code the table does not know is shown as it is, and a missing one (null) as a dash.
 */
import type { AuditAction } from './audit-actions';
import { isErrorCode, renderError } from './errors';
import type { DeadlineKind, FileKind, SchemeKind } from './assessments/assessment-codes';
import type { ItemRuleKind } from './assessments/scheme-items';
import type { BidSubmission, EnvelopeStatus } from './bids/intake';
import type { CorrectionReason, PriceField } from './bids/price-correction';
import type { RelationKind } from './bids/validity';
import type { AmountRule, Base, Trigger } from './contracts/payment-schedule';
import type { TenderDeadlineCode } from './calendar/deadlines';
import type { HolidayKind } from './calendar/working-days';
import type { LedgerColumn, LedgerGrouping } from './contracts/ledger';
import type { ReportKind, ReportStatus } from './contracts/periodic-reports';
import type { RetentionKind } from './contracts/retentions';
import type { DeficitRule } from './contracts/settlement';
import type { DeskKind } from './desk/desk';
import type { NotificationKind } from './desk/notifications';
import type { DocumentKind } from './documents';
import type { AwardRule, ContractKind, CriterionKind, LotPricing, PriceBasis, Rule } from './dossier/dossier.types';
import type { AwardEventKind, CancellationKind, LotStatus as LotResultStatus } from './evaluation/types';
import type { FactCode } from './evaluation/fact-catalogue';
import type { OrganizationKind } from './organizations';
import type {
  ChallengeStatus,
  AssessmentStatus,
  ContractStatus,
  LotStatus as LotOpeningStatus,
  MilestoneStatus,
  OpeningLineStatus,
  OpeningStatus,
  TenderStatus,
} from './lifecycles';
import type { Declaration, SheetProgress } from './panel/panel-codes';
import type { ClarifiedField } from './tenders/published-changes';
import type { Role } from './roles';
import type { AuditProblem, SecurityEventKind } from './security-events';

/** What is shown for a code that is absent (null, undefined or empty). */
export const NO_CODE = '—';

const PLAIN = {
  role: {
    admin: '系统管理员',
    'security-admin': '安全管理员',
    'audit-admin': '审计管理员',
    procurement: '采购中心',
    expert: '评审专家',
    bureau: '医保局',
    insurer: '保险公司',
  } satisfies Record<Role, string>,

  organizationKind: {
    insurer: '保险公司',
    bureau: '医疗保障局',
    procurement: '采购中心',
  } satisfies Record<OrganizationKind, string>,

  tenderStatus: {
    draft: '草稿',
    published: '已发布',
    closed: '已截止',
    opened: '已开标',
    qualification: '资格审查',
    evaluation: '评标中',
    awarded: '已定标',
    failed: '废标',
  } satisfies Record<TenderStatus, string>,

  /** How a tender takes its bids (DOMAIN.md §3). */
  bidSubmission: {
    electronic: '电子投标',
    paper: '纸质投标',
  } satisfies Record<BidSubmission, string>,

  envelopeStatus: {
    sealed: '已递交（密封）',
    superseded: '已被替换',
    withdrawn: '已撤回',
    opened: '已开标解密',
  } satisfies Record<EnvelopeStatus, string>,

  /** The fields a clarification notice (澄清/更正公告) of a published tender changes. */
  clarifiedField: {
    name: '项目名称',
    purchaser: '采购人',
    agency: '采购代理机构',
    bidDeadline: '投标截止时间',
    openingTime: '开标时间',
    bidValidityDays: '投标有效期（天）',
  } satisfies Record<ClarifiedField, string>,

  /** A lot at its opening (开标): opened with its tender, or not for too few bids. */
  lotOpening: {
    pending: '待开标',
    opened: '已开标',
    'not-opened': '未开标（投标人不足）',
  } satisfies Record<LotOpeningStatus, string>,

  /** A lot in the evaluation results. */
  lotResult: {
    awarded: '已中标',
    failed: '废标',
    'not-awarded': '未授予',
  } satisfies Record<LotResultStatus, string>,

  awardRule: {
    independent: '各标包独立评审',
    'sequential-exclusive': '按顺序评审，已中标者不再参与后续标包',
  } satisfies Record<AwardRule, string>,

  priceBasis: {
    service: '服务费总额',
    total: '投标总价',
  } satisfies Record<PriceBasis, string>,

  /** How a lot is priced (DOSSIER.md format 2). */
  lotPricing: {
    'unit-price': '按单价报价',
    'lump-sum': '按总价报价',
    rate: '按运营成本及盈利率报价',
  } satisfies Record<LotPricing, string>,

  contractKind: {
    'per-capita': '按人头付费',
    premium: '保费基金（大病保险）',
    'fixed-price': '固定总价',
  } satisfies Record<ContractKind, string>,

  criterionKind: {
    price: '价格分',
    objective: '客观分',
    subjective: '主观分',
  } satisfies Record<CriterionKind, string>,

  /** The kinds of objective rule (DOSSIER.md RULE). */
  ruleType: {
    perUnit: '按数量计分',
    bands: '分档计分',
    deductPerUnit: '按数量扣分',
    boolean: '具备即得分',
    const: '固定分值',
    gate: '达到门槛后计分',
    sum: '多项合计',
  } satisfies Record<Rule['type'], string>,

  /** The facts of the catalogue (evaluation/fact-catalogue.ts), as rule sentences and the bid review name them. */
  fact: {
    solvencyRatio: '偿付能力充足率',
    aRatings: '风险综合评级 A 类次数',
    penalties: '近三年行政处罚次数',
    complaintsPer100m: '亿元保费投诉量',
    certificates: '资质证书数量',
    branches: '服务网点数量',
    staffAboveMinimum: '专职经办人员超出最低配备人数',
    medicalAboveHalf: '医学专业人员超出半数人数',
    onboardWithinMonth: '经办人员一个月内到岗',
    ningboExperience: '具有本市长护险经办经验',
    pilotCities: '经办试点城市数',
    pilotCitiesAsLead: '主承办试点城市数',
    zhejiangCities: '省内经办地级市区域数',
    zhejiangCounties: '省内经办县级区域数',
    ningboInsuranceProjects: '本市医保合作项目数',
    innovationProjects: '重大保险创新项目数',
    researchProjects: '课题研究项数',
    assessmentStandard: '参与制定评估标准',
    industryStandard: '参与制定行业标准',
    careInvestmentYi: '养老护理投资额',
    careStrategicAgreement: '签订养老护理战略合作协议',
    systemModules: '信息系统功能模块数',
    systemPilotCities: '信息系统使用城市数',
    systemUsedInNingbo: '信息系统已在本市使用',
    cmmi3: '具有软件能力成熟度三级认证',
    mlps3: '通过等级保护三级',
    useSystemAndHardware: '承诺使用指定系统和硬件',
    infoPushCommitment: '承诺信息推送',
    confidentialityCommitment: '承诺数据保密',
    riskControlCommitment: '承诺网络安全风险防控',
    inspectionCommitment: '承诺开展稽核巡查',
    reportingCommitment: '承诺报送运行分析',
  } satisfies Record<FactCode, string>,

  /** Bid figures named by price corrections. */
  priceField: {
    unitPrice: '单价',
    serviceTotal: '服务费总额',
    total: '投标总价',
  } satisfies Record<PriceField, string>,

  /** Why a figure was corrected (DOMAIN.md §3, in the order the corrections run). */
  correctionReason: {
    openingSheetPrevails: '开标一览表与分项报价表不一致，以开标一览表为准',
    capitalsPrevail: '大写金额与小写金额不一致，以大写金额为准',
    misplacedDecimalPoint: '单价小数点明显错位，以服务费总价为准并修正单价',
    unitPricePrevails: '服务费总价与单价×基准人数不一致，以单价计算结果为准',
    totalFromParts: '投标总价与服务费总价加固定报价之和不一致，按合计修正',
  } satisfies Record<CorrectionReason, string>,

  /** A step of a lot's award chain. */
  awardEvent: {
    won: '中标',
    declined: '放弃中标',
    disqualified: '取消中标资格',
    'not-awarded': '未授予',
  } satisfies Record<AwardEventKind, string>,

  /** How a confirmed award ends before the contract. */
  cancellationKind: {
    declined: '放弃中标',
    disqualified: '取消中标资格',
  } satisfies Record<CancellationKind, string>,

  /** 回避声明 of a panel member. */
  declaration: {
    'no-conflict': '无利害关系',
    conflict: '已回避',
  } satisfies Record<Declaration, string>,

  /** A panel member's score sheet for one lot. */
  sheetStatus: {
    'not-started': '未开始',
    draft: '评分中',
    submitted: '已提交',
  } satisfies Record<SheetProgress, string>,

  /** An expert's own sheet, as the expert sees it: whether it can still be changed. */
  ownSheetStatus: {
    'not-started': '未开始',
    draft: '评分中（未提交）',
    submitted: '已提交（已锁定）',
  } satisfies Record<SheetProgress, string>,

  contractStatus: {
    draft: '草稿',
    signed: '已签订',
    terminated: '已终止',
  } satisfies Record<ContractStatus, string>,

  milestoneStatus: {
    pending: '待触发',
    payable: '可支付',
    paid: '已支付',
    withheld: '暂扣（条件未满足）',
  } satisfies Record<MilestoneStatus, string>,

  /** What releases a payment milestone (DOMAIN §6.1). */
  milestoneTrigger: {
    'on-signing': '合同签订后',
    'on-date': '按约定日期',
    'on-application': '按申请核准拨付',
    'after-service-evaluation': '服务考评合格后',
    'after-acceptance': '验收通过后',
    'after-assessment': '年度考核定稿后',
    'after-settlement': '年度清算后',
  } satisfies Record<Trigger, string>,

  /** What a milestone's share is a share of. */
  milestoneBase: {
    contract: '合同金额',
    fund: '年度资金',
    reward: '绩效奖励',
    deposit: '考核保证金',
  } satisfies Record<Base, string>,

  /** The ledger's amount columns (DOMAIN §6.1). */
  ledgerColumn: {
    due: '应付金额（元）',
    payable: '待支付（元）',
    paid: '已支付（元）',
    withheld: '暂缓支付（元）',
    outstanding: '未支付（元）',
    overdue: '逾期未付（元）',
  } satisfies Record<LedgerColumn, string>,

  /** What a yearly ledger sums by. */
  ledgerGrouping: {
    byInsurer: '按承办机构汇总',
    byLot: '按标包汇总',
    byBuyer: '按采购人汇总',
  } satisfies Record<LedgerGrouping, string>,
  /** How the final assessment sets an after-assessment milestone's amount. */
  amountRule: {
    'if-passed': '考核合格全额支付，不合格暂扣',
    'reward-rate': '按考核等级对应比例支付',
    'less-deduction': '考核不达标时扣减后支付',
    deposit: '考核合格返还保证金，不合格不予返还',
  } satisfies Record<AmountRule, string>,

  /** Who bears a policy-caused deficit of a premium fund (DOMAIN §6.2). */
  deficitRule: {
    shared: '医保基金与承办方按比例分摊',
    'within-allowance': '承办方在盈利率范围内承担，其余由风险调节金解决',
  } satisfies Record<DeficitRule, string>,

  /** What a premium fund keeps back each year (DOMAIN §6.1, Henan art. 22). */
  retentionKind: {
    reserve: '风险调节金',
    deposit: '年度考核保证金',
  } satisfies Record<RetentionKind, string>,

  assessmentStatus: {
    open: '待提交报告',
    submitted: '已提交自评',
    published: '已公布',
    final: '已定稿',
  } satisfies Record<AssessmentStatus, string>,

  schemeKind: {
    points: '计分制',
    deduction: '扣分制（等级）',
  } satisfies Record<SchemeKind, string>,

  /** How a points-scheme item earns its points. */
  itemRuleKind: {
    binary: '达标得满分',
    'k-of-n': '按子项计分',
    'per-case-deduction': '按例扣分',
    judgement: '酌情评分',
  } satisfies Record<ItemRuleKind, string>,

  /** A missed assessment deadline (DOMAIN.md §8). */
  deadlineKind: {
    report: '报告逾期',
    assessment: '考核逾期',
    'reward-payment': '奖励支付逾期',
    'monthly-report': '月度报表逾期',
    'half-year-report': '半年运行分析报告逾期',
    'annual-report': '年度运行分析报告逾期',
  } satisfies Record<DeadlineKind, string>,

  /** What each missed deadline means. */
  deadlineExplanation: {
    report: '保险机构未在合同年度结束后1个月内提交年度运行报告和自评',
    assessment: '未在考核方案规定的期限内（默认合同年度结束后3个月内）完成考核并公布结果',
    'reward-payment': '考核定稿后1个月内未支付绩效奖励',
    'monthly-report': '保险机构未在合同约定的期限内报送该月月度报表',
    'half-year-report': '保险机构未在合同约定的期限内报送半年运行分析报告',
    'annual-report': '保险机构未在合同约定的期限内报送年度运行分析报告',
  } satisfies Record<DeadlineKind, string>,

  /** A periodic report the contract asks for (DOMAIN.md §8). */
  reportKind: {
    monthly: '月度报表',
    'half-year': '半年运行分析报告',
    annual: '年度运行分析报告',
  } satisfies Record<ReportKind, string>,

  /** Where a periodic report stands. */
  reportStatus: {
    awaited: '待报送',
    overdue: '逾期未报',
    submitted: '已报送',
    received: '已签收',
  } satisfies Record<ReportStatus, string>,

  /** What waits on a user's desk (待办事项). */
  deskKind: {
    'declaration-due': '待作回避声明',
    'sheet-to-score': '待评分',
    'sheet-to-sign': '评分表待提交签字',
    'opening-due': '待开标',
    'paper-amounts': '纸质投标待录入报价',
    'dispute-to-answer': '开标记录异议待答复',
    'bids-to-review': '投标文件待审查',
    'challenge-to-answer': '质疑待答复',
    'award-to-confirm': '评标结果待确认',
    'contract-to-sign': '合同待签订',
    'application-to-approve': '付款申请待审核',
    'payment-payable': '款项待支付',
    'service-evaluation-due': '服务评价待开展',
    'acceptance-due': '验收待开展',
    'assessment-to-run': '年度考核待评分',
    'assessment-to-publish': '考核结果待公布',
    'objection-to-answer': '考核异议待答复',
    'assessment-to-finalise': '考核结果待定稿',
    'report-to-receive': '报告待签收',
    'deadline-overdue': '逾期事项',
    'settlement-due': '年度结算待办理',
    'bid-before-deadline': '投标截止前可递交电子投标',
    'opening-line-to-confirm': '开标记录待确认',
    'contract-awaiting-signature': '合同待签订',
    'self-assessment-due': '待提交自评',
    'report-due': '报告待报送',
    'report-overdue': '报告逾期未报',
    'assessment-result': '考核结果已公布（异议期内）',
    'locked-account': '账户已锁定',
    'backup-failed': '最近一次备份失败',
    'backup-not-scheduled': '未配置定时备份',
  } satisfies Record<DeskKind, string>,

  /** In-app notifications (站内消息) and their e-mails: the title of each. */
  notificationKind: {
    'opening-done': '已开标',
    'results-published': '评标结果已公布',
    'award-won': '中标通知',
    'assessment-published': '年度考核结果已公布',
    'objection-answered': '考核异议已答复',
    'objection-filed': '收到考核异议',
    'report-overdue': '报告逾期提醒',
    'payment-recorded': '付款已登记',
  } satisfies Record<NotificationKind, string>,

  fileKind: {
    report: '年度运行报告',
    evidence: '考核佐证材料',
    'self-evidence': '自评佐证材料',
  } satisfies Record<FileKind, string>,

  openingStatus: {
    confirming: '开标记录确认中',
    ended: '确认期已结束',
  } satisfies Record<OpeningStatus, string>,

  openingLineStatus: {
    pending: '待确认',
    confirmed: '已确认',
    'deemed-confirmed': '视为确认',
    disputed: '有异议待答复',
    answered: '异议已答复',
  } satisfies Record<OpeningLineStatus, string>,

  challengeStatus: {
    filed: '待答复',
    upheld: '质疑成立',
    rejected: '质疑不成立',
  } satisfies Record<ChallengeStatus, string>,

  /** A deadline of the tender that needs attention (domain/calendar/deadlines.ts). */
  tenderDeadline: {
    'validity-expiring': '投标有效期即将届满，请尽快定标',
    'validity-expired': '投标有效期已届满，须投标人书面同意延长有效期后方可定标',
    'challenge-period': '质疑期内',
    'challenge-unanswered': '有待答复的质疑',
    'reevaluation-required': '质疑成立，须重新评审',
  } satisfies Record<TenderDeadlineCode, string>,

  /** A day of the holiday table. */
  holidayKind: {
    holiday: '放假',
    workday: '调休上班',
  } satisfies Record<HolidayKind, string>,

  documentKind: {
    contract: '合同',
    'award-notice': '中标通知书',
    'evaluation-report': '评标报告',
    'assessment-report': '考核报告',
    'settlement-statement': '年度清算结算单',
  } satisfies Record<DocumentKind, string>,

  /** The sheets and fixed words of the log exports. */
  logSheet: {
    audit: '审计记录',
    security: '安全事件',
    system: '系统',
    unkeyed: '未用密钥签名',
  },

  /** The column headers of the workbooks (evaluation report, opening sheet, assessment template, results, history). */
  sheetColumn: {
    lot: '标包',
    status: '状态',
    winner: '中标候选人',
    basePrice: '评标基准价（元）',
    note: '说明',
    rank: '名次',
    bidder: '投标人',
    bidderName: '名称',
    evaluatedPrice: '评审价（元）',
    priceScore: '价格分',
    nonPriceScore: '非价格分',
    repeatedFailureDeduction: '多年考核不达标扣分',
    finalScore: '综合得分',
    valid: '有效',
    invalidReasons: '无效原因',
    flags: '标记',
    expert: '评审专家',
    criterion: '评分项',
    max: '满分',
    value: '分值',
    unitPrice: '单价(元/人/年)',
    serviceTotal: '服务费总额',
    total: '投标总价(小写)',
    totalCapitals: '投标总价(大写)',
    sme: '小微企业',
    validity: '有效性',
    reasons: '原因',
    itemNo: '序号',
    statementItem: '项目',
    amount: '金额（元）',
    amountCapitals: '金额（大写）',
    item: '考核项目',
    weight: '权重（扣分上限）',
    rule: '评分规则',
    points: '得分',
    deduction: '扣分',
    tenderCode: '项目编号',
    tenderName: '项目名称',
    insurer: '被考核单位',
    contractor: '承办机构',
    buyer: '采购人',
    contracts: '合同数',
    scheme: '考核方案',
    operatingCost: '运营成本（元）',
    maxReward: '最高奖励（元）',
    grade: '等级/结果',
    passed: '达标',
    rewardRate: '奖励比例',
    rewardAmount: '奖励金额（元）',
    deductionAmount: '扣减金额（元）',
    terminate: '提前解约',
    year: '年度',
    finalisedAt: '定稿日期',
  },

  /**
   * What an audit entry is about (its entityType). The records name it freely, so the table is keyed by
   * text; one not listed shows as it is.
   */
  auditEntity: {
    system: '系统',
    user: '用户',
    organization: '机构',
    holiday: '节假日',
    tender: '招标项目',
    lot: '标包',
    scheme: '评分表',
    bidder: '投标人',
    bid: '投标',
    opening: '开标',
    'opening-line': '开标记录',
    'panel-member': '评标委员会成员',
    'score-sheet': '评分表（专家）',
    score: '评分',
    challenge: '质疑',
    contract: '合同',
    milestone: '付款节点',
    assessment: '年度考核',
  } satisfies Record<string, string>,

  /** The columns of the audit record and the security log (viewer and Excel exports). */
  logColumn: {
    id: '序号',
    at: '时间',
    actor: '操作人',
    action: '操作',
    entityType: '对象',
    entityId: '对象编号',
    before: '变更前',
    after: '变更后',
    prevHash: '前一哈希',
    hash: '哈希',
    alg: '签名算法',
    kind: '事件类型',
    username: '用户',
    role: '角色',
    method: '请求方法',
    path: '请求路径',
    status: '应答状态',
    ip: 'IP 地址',
    userAgent: '客户端',
  },

  securityEvent: {
    refused: '拒绝访问',
    download: '下载',
    'bid-read': '查看投标',
    'mail-failed': '邮件发送失败',
  } satisfies Record<SecurityEventKind, string>,

  auditProblem: {
    modified: '记录被改动',
    'broken-link': '链接断开（记录被删除或调换）',
    truncated: '记录被截断（最新记录被删除）',
    unkeyed: '未用密钥签名（审计链被重建）',
    'other-key': '签名密钥不符',
    checkpoint: '与检查点不符',
  } satisfies Record<AuditProblem, string>,

  auditAction: {
    'auth.login': '登录',
    'auth.login-failed': '登录失败',
    'auth.locked': '账户锁定期间尝试登录',
    'user.create': '新建用户',
    'user.update': '修改用户',
    'user.reset-password': '重置密码',
    'user.role': '变更用户角色',
    'user.unlock': '解除账户锁定',
    'auth.logout': '退出登录',
    'auth.password-changed': '修改本人密码',
    'organization.create': '新建机构',
    'organization.update': '修改机构',
    'tender.create': '新建招标项目',
    'tender.update': '修改招标项目',
    'tender.clarification': '发布澄清/更正公告',
    'tender.reevaluate': '重新评审',
    'tender.publish': '发布招标项目',
    'tender.close': '投标截止',
    'tender.open': '开标',
    'tender.qualification': '进入资格审查',
    'tender.evaluation': '进入评标',
    'tender.confirm': '确认评标结果',
    'lot.open': '标包开标',
    'opening.start': '开标记录确认开始',
    'opening.paper-line': '录入纸质投标金额，开标记录增加一行',
    'opening.end': '开标记录确认期结束',
    'opening-line.confirm': '确认开标记录',
    'opening-line.dispute': '对开标记录提出异议',
    'opening-line.deem': '未在确认期内答复，视为确认开标记录',
    'opening-line.answer': '答复开标记录异议',
    'lot.create': '新建标包',
    'lot.update': '修改标包',
    'scheme.create': '新建评分办法',
    'bidder.create': '登记投标人',
    'bidder.update': '修改投标人',
    'bidder.remove': '移除投标人',
    'bid.submit': '递交投标文件',
    'bid.replace': '修改（替换）投标文件',
    'bid.withdraw': '撤回投标文件',
    'bid.unseal': '开标解密投标文件',
    'bid.paper-receipt': '签收纸质投标文件',
    'bid.paper-amounts': '录入纸质投标开标报价',
    'bid.paper-removed': '移除纸质投标开标报价',
    'bid.review': '审查投标文件',
    'dossier.import': '导入项目档案',
    'panel.add': '加入评标委员会',
    'panel.remove': '移出评标委员会',
    'panel.leader': '指定评审组长',
    'panel.conflict-declared': '声明回避',
    'panel.no-conflict-declared': '声明无利害关系',
    'score.set': '评分',
    'score.outlier-decision': '畸高畸低评分的处理决定',
    'sheet.submit': '提交评分表',
    'sheet.return': '退回评分表',
    'score-sheet.submit': '提交评分表',
    'score-sheet.return': '退回评分表',
    'evaluation.preview': '试算评审结果',
    'evaluation.confirm': '确认定标',
    'award.declined': '中标人放弃中标',
    'award.disqualified': '取消中标资格',
    'contract.create': '起草合同',
    'contract.draft-next-year': '起草下一年度合同',
    'contract.update': '修改合同',
    'contract.termination-mark': '标记合同提前终止',
    'contract.service-evaluation': '登记服务考评',
    'contract.acceptance': '登记验收',
    'contract.acceptance-document': '上传验收材料',
    'contract.settle': '年度清算',
    'milestone.application': '申请拨付',
    'contract.sign': '签订合同',
    'contract.terminate': '终止合同',
    'milestone.sign': '付款节点随合同签订转为可支付',
    'milestone.pay': '支付付款节点',
    'milestone.release': '付款节点转为可支付',
    'milestone.unblock': '解除付款暂缓',
    'milestone.withhold': '暂扣付款节点',
    'document.generate': '生成文书',
    'assessment.create': '发起年度考核',
    'assessment.self-assessment': '提交年度报告和自评',
    'assessment.self-evidence': '上传自评佐证材料',
    'assessment.submit': '提交年度报告',
    'assessment.score': '考核评分',
    'assessment.evidence': '上传考核佐证材料',
    'assessment.max-reward': '确定绩效奖励上限',
    'assessment.publish': '公布考核结果',
    'assessment.objection': '提出异议',
    'assessment.objection-answer': '答复异议',
    'assessment.finalise': '考核定稿',
    'reward-budget.split': '分配年度绩效奖励预算',
    'deadline.overdue': '期限逾期',
    'report.submit': '报送定期报告',
    'report.receive': '签收定期报告',
    'backup.create': '备份数据库',
    'backup.restore': '从备份恢复数据库',
    'tender.archive': '导出项目电子档案',
    'challenge.file': '提出质疑',
    'challenge.answer': '答复质疑',
    'holiday.add': '添加节假日（调休）',
    'holiday.remove': '删除节假日（调休）',
    'audit.keyed': '审计链启用密钥签名',
  } satisfies Record<AuditAction, string>,
};

/** A parameterised code's label from its parameters (`outlier:E2:13` → ['E2', '13']). */
type Render = (params: readonly string[]) => string;

/** `base` alone, or with its first parameter put in by `detailed`. */
const optional =
  (base: string, detailed: (param: string) => string): Render =>
  ([param]) =>
    param ? detailed(param) : base;

/** A failed check, with its note when there is one. */
const checkLabel = (what: string, check: string | undefined, note: string | undefined): string =>
  check ? `${what}：${check}${note ? `（${note}）` : ''}` : what;

/** How two bidders are related (the second parameter of `related-party`), from the first's side. */
const RELATIONS = {
  'same-person': '单位负责人为同一人',
  subsidiary: '为其直接控股的子公司',
  parent: '为其母公司',
  'same-group': '同一集团只允许一家分支机构投标',
} satisfies Record<RelationKind, string>;

/** Review and evaluation flags: signs for the panel, not verdicts (DOMAIN.md §3–§4, §7). */
export type FlagCode =
  'related-party' | 'same-ip' | 'same-contact' | 'abnormal-low' | 'declined' | 'disqualified' | 'outlier' | 'repeated-failure';

/** Why a bid is invalid: the codes of DOSSIER.md format 2, and a disqualification after the award. */
export type InvalidReasonCode =
  | 'unit-price-over-cap'
  | 'over-budget'
  | 'fixed-component-mismatch'
  | 'qualification'
  | 'compliance'
  | 'price-correction-rejected'
  | 'related-party'
  | 'abnormal-low'
  | 'consortium-not-allowed'
  | 'consortium-member-conflict'
  | 'collusion'
  | 'rate-over-cap'
  | 'disqualified';

/** Why a valid bid takes no part in a lot (lot exclusion and declined awards, DOMAIN.md §5). */
export type SetAsideCode = 'won-earlier-lot' | 'declined-earlier-lot' | 'declined-this-lot';

/** Why a lot has no winner (DOMAIN.md §3, §5). */
export type LotFailCode = 'not-opened' | 'too-few-valid' | 'nothing-competes' | 'nobody-left' | 'sheets-pending';

const PARAMETERISED = {
  flag: {
    'related-party': () => '关联投标人',
    'same-ip': optional('同一IP地址投标', (bidder) => `与投标人${bidder}同一IP地址投标`),
    'same-contact': optional('同一联系人', (bidder) => `与投标人${bidder}同一联系人`),
    'abnormal-low': () => '异常低价',
    declined: () => '放弃中标',
    disqualified: () => '取消中标资格',
    outlier: ([expert, criterion]) =>
      expert && criterion ? `畸高畸低（专家${expert}，第${criterion}项）` : expert ? `畸高畸低（专家${expert}）` : '畸高畸低',
    'repeated-failure': (years) => (years.length ? `多年考核不达标（${years.join('、')}年）` : '多年考核不达标'),
  } satisfies Record<FlagCode, Render>,

  invalidReason: {
    'unit-price-over-cap': ([price, cap]) => (price && cap ? `单价${price}元超过最高限价${cap}元` : '单价超过最高限价'),
    'over-budget': ([total, budget]) => (total && budget ? `报价${total}元超过最高预算金额${budget}元` : '报价超过最高预算金额'),
    'fixed-component-mismatch': optional('固定报价项与固定金额不符', (name) => `固定报价项“${name}”与固定金额不符`),
    qualification: ([check, note]) => checkLabel('资格审查未通过', check, note),
    compliance: ([check, note]) => checkLabel('符合性审查未通过', check, note),
    'price-correction-rejected': () => '投标人未确认价格修正',
    'related-party': ([bidder, kind]) =>
      bidder
        ? `与投标人${bidder}存在关联关系${kind && kind in RELATIONS ? `（${RELATIONS[kind as RelationKind]}）` : ''}`
        : '与其他投标人存在关联关系',
    'abnormal-low': () => '评标委员会认定报价明显低于成本（不合理超低价）',
    'consortium-not-allowed': () => '本项目不接受联合体投标',
    'consortium-member-conflict': optional('联合体成员另行投标', (member) => `联合体成员${member}另行投标或参加其他联合体`),
    collusion: () => '评标委员会认定串通投标',
    'rate-over-cap': ([rate, cap]) => (rate && cap ? `运营成本及盈利率${rate}超过最高费率${cap}` : '费率超过最高限价'),
    disqualified: optional('中标后被取消资格', (lot) => `中标后被取消资格（第${lot}包）`),
  } satisfies Record<InvalidReasonCode, Render>,

  setAsideReason: {
    'won-earlier-lot': optional('已中标前序标包，不再参与后续标包', (lot) => `已中标第${lot}包，不再参与后续标包`),
    'declined-earlier-lot': optional('已放弃前序标包中标，丧失后续标包资格', (lot) => `已放弃第${lot}包中标，丧失后续标包资格`),
    'declined-this-lot': () => '已放弃本标包中标',
  } satisfies Record<SetAsideCode, Render>,

  /** A periodic report's period, as `kind:period` (`monthly:2026-03` → 2026年3月). */
  reportPeriod: {
    monthly: optional('月度', (p) => `${p.slice(0, 4)}年${Number(p.slice(5, 7))}月`),
    'half-year': optional('半年度', (p) => `${p.slice(0, 4)}年${p.endsWith('H1') ? '上' : '下'}半年`),
    annual: optional('年度', (p) => `${p}年度`),
  } satisfies Record<ReportKind, Render>,

  lotFailReason: {
    'not-opened': optional('开标时投标人不足，标包未开标', (min) => `开标时投标人不足${min}家，标包未开标`),
    'too-few-valid': optional('评审后有效投标不足，标包废标', (min) => `评审后有效投标不足${min}家，标包废标`),
    'nothing-competes': () => '排除后无剩余有效投标，标包不授予',
    'nobody-left': () => '无可递补的中标候选人，标包不授予',
    /** An expert's view before every sheet of the lot is in. */
    'sheets-pending': () => '评分未全部提交，结果暂不可见',
  } satisfies Record<LotFailCode, Render>,
};

type Plain = typeof PLAIN;
type Parameterised = typeof PARAMETERISED;
export type PlainKind = keyof Plain;
export type LabelKind = PlainKind | keyof Parameterised | 'tieBreak';
/** The codes of a kind: its union for a plain table; any text for the others (parsed when rendered). */
export type CodeOf<K extends LabelKind> = K extends PlainKind ? keyof Plain[K] & string : string;

/** Renders one code of a kind in Chinese. */
export function label<K extends LabelKind>(kind: K, code: CodeOf<K> | null | undefined): string {
  if (code === null || code === undefined || code === '') return NO_CODE;
  if (kind === 'tieBreak') return tieBreakLabel(code);
  if (kind in PARAMETERISED) {
    const [head, ...params] = code.split(':');
    const render = (PARAMETERISED[kind as keyof Parameterised] as Record<string, Render>)[head];
    return render ? render(params) : code;
  }
  return (PLAIN[kind as PlainKind] as Record<string, string>)[code] ?? code;
}

/** The status table of each lifecycle (domain/lifecycles.ts `entity`), for a refusal that names the state a record is in. */
const LIFECYCLE_STATUS: Record<string, PlainKind> = {
  tender: 'tenderStatus',
  lot: 'lotOpening',
  opening: 'openingStatus',
  'opening-line': 'openingLineStatus',
  'score-sheet': 'sheetStatus',
  contract: 'contractStatus',
  milestone: 'milestoneStatus',
  assessment: 'assessmentStatus',
  challenge: 'challengeStatus',
};

/** A lifecycle's state in Chinese (`tender`, `opened` → 已开标). */
export function lifecycleStateLabel(entity: string, state: string): string {
  const kind = LIFECYCLE_STATUS[entity];
  return kind ? label(kind, state as never) : state;
}

/** How a tie was decided: by price, by a category's subtotal (the category is named as the scheme names it), or by a draw. */
function tieBreakLabel(decidedBy: string): string {
  if (decidedBy === 'price') return '报价低者优先';
  if (decidedBy === 'draw') return '抽签决定';
  return `${decidedBy}得分高者优先`;
}

/** A plain table's codes with their labels, in the table's order (for selects and filters). */
export function labelOptions<K extends PlainKind>(kind: K): { value: CodeOf<K>; label: string }[] {
  return Object.entries(PLAIN[kind] as Record<string, string>).map(([value, text]) => ({ value: value as CodeOf<K>, label: text }));
}

/** Every code of every table, for the table's own tests. */
export function allLabelledCodes(): { kind: LabelKind; code: string }[] {
  return [
    ...Object.entries(PLAIN).flatMap(([kind, table]) => Object.keys(table).map((code) => ({ kind: kind as LabelKind, code }))),
    ...Object.entries(PARAMETERISED).flatMap(([kind, table]) => Object.keys(table).map((code) => ({ kind: kind as LabelKind, code }))),
    ...['price', 'draw'].map((code) => ({ kind: 'tieBreak' as const, code })),
  ];
}

/**
 * One field error of a 400 as the user reads it: rendered in Chinese from its code and params by the
 * error catalogue (domain/errors.ts); an error without a code of the catalogue shows its message.
 */
export function errorLabel(error: { path: string; message: string; code?: string; params?: Record<string, unknown> }): string {
  return isErrorCode(error.code) ? renderError(error.code, error.params ?? {}, 'zh') : error.message;
}
