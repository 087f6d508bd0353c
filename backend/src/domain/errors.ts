/**
 * The catalogue of input errors. Every 400 names each offending field as `{ path, code, params, message }`:
 * `code` is a key of ERRORS and `params` fill its templates, so a screen renders any error in its own
 * language from code and params alone (`renderError`); `message` is the same error pre-rendered as
 * "English / 中文" for API clients and logs. The Chinese is what users read.
 */

export type Lang = 'en' | 'zh';
export type ParamValue = string | number | readonly string[];
type Params = Record<string, ParamValue>;

interface Template<P extends Params> {
  en: (p: P) => string;
  zh: (p: P) => string;
}

const fixed = (en: string, zh: string): Template<Record<never, never>> => ({ en: () => en, zh: () => zh });
const template = <P extends Params>(en: (p: P) => string, zh: (p: P) => string): Template<P> => ({ en, zh });

/** What an error is about, when its template names it (`unknown scheme "X"`, `duplicate lot "1"`). */
export const SUBJECTS = {
  scheme: { en: 'scheme', zh: '评分表' },
  criterion: { en: 'criterion', zh: '评分项' },
  lot: { en: 'lot', zh: '标包' },
  evaluationOrder: { en: 'evaluation order', zh: '评审顺序' },
  component: { en: 'fixed component', zh: '固定报价项' },
  bidder: { en: 'bidder', zh: '投标人' },
  bid: { en: 'bid (bidder, lot)', zh: '投标（投标人, 标包）' },
  expert: { en: 'expert', zh: '评审专家' },
  score: { en: 'score (expert, bidder, lot, criterion)', zh: '评分（专家, 投标人, 标包, 评分项）' },
  draw: { en: 'draw for lot', zh: '标包抽签' },
  category: { en: 'category', zh: '评分类别' },
  assessmentScheme: { en: 'assessment scheme', zh: '考核方案' },
  assessmentItem: { en: 'assessment item', zh: '考核项' },
  assessment: { en: 'assessment (lot, year)', zh: '考核（标包, 年度）' },
  band: { en: 'grade band', zh: '考核等级' },
  hundredPoints: { en: 'of 100 points', zh: '总分100分' },
  criterionMax: { en: 'the criterion maximum', zh: '该项满分' },
  itemMax: { en: "the item's maximum", zh: '该项分值' },
  schemeCode: { en: 'scheme code', zh: '评分表编号' },
  lotNo: { en: 'lot number', zh: '标包号' },
  bidderCode: { en: 'bidder code', zh: '投标人编号' },
  bidderOrganization: { en: 'insurer organisation (one bidder entry each)', zh: '投标单位' },
  scheduleTemplate: { en: 'payment-schedule template', zh: '付款方式模板' },
  retention: { en: 'retention', zh: '预留资金' },
  report: { en: 'periodic report', zh: '定期报告' },
  contract: { en: 'contract (lot, year)', zh: '合同（标包, 年度）' },
  milestone: { en: 'payment milestone', zh: '付款节点' },
} as const;
export type Subject = keyof typeof SUBJECTS;

/** Why a text is not readable as Chinese capital numerals (domain/bids/capitals.ts). */
export const CAPITALS_REASONS = {
  readByPlace: template<{ figures: string; canonical: string }>(
    (p) => `read by place as ${p.figures}, written ${p.canonical}`,
    (p) => `按位读作${p.figures}，应写作${p.canonical}`,
  ),
  noDigitBefore: template<{ mark: string }>(
    (p) => `no digit before ${p.mark}`,
    (p) => `${p.mark}前缺少数字`,
  ),
  twoDigits: fixed('two digits in a row', '数字连写'),
  unexpectedCharacter: template<{ character: string }>(
    (p) => `unexpected character "${p.character}"`,
    (p) => `无法识别的字符“${p.character}”`,
  ),
  missingUnit: fixed('missing 元, 角 or 分', '缺少元、角或分'),
  tooLarge: fixed('amount too large', '金额过大'),
};
export type CapitalsReason = keyof typeof CAPITALS_REASONS;

/** The password policy (domain/passwords.ts): each rule a password can break. */
export const PASSWORD_RULES = {
  tooShort: { en: 'at least 12 characters', zh: '至少12个字符' },
  tooLong: { en: 'at most 128 characters', zh: '最多128个字符' },
  classes: { en: 'use three of: upper, lower, digit, symbol', zh: '需包含大写、小写、数字、符号中的至少三类' },
  username: { en: 'must not contain the username', zh: '不得包含用户名' },
  common: { en: 'too common a password', zh: '属于常见弱密码' },
  demo: { en: 'must not be the published demo password', zh: '不得使用公开的演示密码' },
  unchanged: { en: 'must differ from the current password', zh: '新密码不得与当前密码相同' },
};
export type PasswordRule = keyof typeof PASSWORD_RULES;

/** The forms a code or name must take (`pattern`), named by rule so that each language spells it out. */
export const PATTERN_RULES = {
  username: { en: '3-64 letters, digits or _.-', zh: '3至64位字母、数字或_.-' },
  organizationCode: { en: '1-64 letters, digits, _ or -', zh: '1至64位字母、数字、_或-' },
  email: {
    en: 'an e-mail address such as name@example.cn (at most 254 characters)',
    zh: '电子邮箱地址，如name@example.cn（不超过254个字符）',
  },
};
export type PatternRule = keyof typeof PATTERN_RULES;

const quoted = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');
const integerRange = (p: { min: number; max?: number }) =>
  p.max === undefined
    ? { en: `must be an integer ≥ ${p.min}`, zh: `必须是不小于${p.min}的整数` }
    : { en: `must be an integer from ${p.min} to ${p.max}`, zh: `必须是${p.min}至${p.max}之间的整数` };

export const ERRORS = {
  // The form of a value
  required: fixed('is required', '必填'),
  object: fixed('must be an object', '必须是对象'),
  array: fixed('must be an array', '必须是数组'),
  nonEmptyArray: fixed('must be a non-empty array', '必须是非空数组'),
  tooMany: template<{ max: number }>(
    (p) => `must have at most ${p.max} entries`,
    (p) => `最多${p.max}项`,
  ),
  text: fixed('must be a non-empty string', '必须是非空字符串'),
  string: fixed('must be a string', '必须是字符串'),
  tooLong: template<{ max: number }>(
    (p) => `must be at most ${p.max} characters`,
    (p) => `最多${p.max}个字符`,
  ),
  boolean: fixed('must be true or false', '必须是true或false'),
  integer: template<{ min: number; max?: number }>(
    (p) => integerRange(p).en,
    (p) => integerRange(p).zh,
  ),
  wholeNumber: fixed('must be a whole number', '须为整数'),
  oneOf: template<{ values: readonly string[] }>(
    (p) => `must be one of ${quoted(p.values)}`,
    (p) => `必须是${p.values.join('、')}之一`,
  ),
  number: fixed('must be a number or a decimal string', '必须是数字或十进制数字字符串'),
  amount: fixed('must be a decimal string such as "4870000.00"', '必须是十进制数字字符串，如"4870000.00"'),
  amountNotNumber: fixed(
    'must be a decimal string such as "4870000.00", not a number (binary floats lose 分)',
    '金额必须写成字符串，如"4870000.00"',
  ),
  positive: fixed('must be > 0', '必须大于0'),
  nonNegative: fixed('must be ≥ 0', '不得为负数'),
  fraction: fixed('must be between 0 and 1', '必须在0到1之间'),
  belowOne: fixed('must be below 1', '必须小于1'),
  toTheFen: fixed('must have at most 2 decimals (to the 分)', '最多两位小数（精确到分）'),
  twoDecimals: fixed('must be a number with at most two decimals', '须为最多两位小数的数值'),
  inTenths: fixed('must be in steps of 0.1 (at most one decimal)', '须以0.1为单位（最多一位小数）'),
  below: template<{ limit: string }>(
    (p) => `must be below ${p.limit}`,
    (p) => `须小于${p.limit}`,
  ),
  atMost: template<{ max: string; of: Subject }>(
    (p) => `must be at most ${p.max} (${SUBJECTS[p.of].en})`,
    (p) => `不得超过${p.max}（${SUBJECTS[p.of].zh}）`,
  ),
  amountLimit: fixed('must be below 1000000000000 (one trillion)', '须小于1万亿'),
  dateTime: fixed(
    'must be an ISO 8601 date-time with offset, e.g. "2022-09-28T09:30:00+08:00"',
    '须为带时区的ISO 8601时间，如"2022-09-28T09:30:00+08:00"',
  ),
  date: fixed('must be a calendar date YYYY-MM-DD', '须为YYYY-MM-DD格式的有效日期'),
  pattern: template<{ rule: PatternRule }>(
    (p) => `must be ${PATTERN_RULES[p.rule].en}`,
    (p) => `须为${PATTERN_RULES[p.rule].zh}`,
  ),
  storedSize: fixed('is too large: at most 65535 bytes as JSON', '内容过大：JSON最多65535字节'),
  tooDeep: template<{ max: number }>(
    (p) => `is nested more than ${p.max} levels deep`,
    (p) => `嵌套超过${p.max}层`,
  ),
  unknownField: fixed('unknown field', '不接受此字段'),
  invalidJson: template<{ detail: string }>(
    (p) => `is not valid JSON (${p.detail})`,
    () => '不是有效的JSON',
  ),
  invalidBody: template<{ detail: string }>(
    (p) => `is not a request body this endpoint reads (${p.detail})`,
    () => '请求内容无法读取',
  ),
  invalid: fixed('is invalid', '无效'),

  // References and uniqueness
  unknown: template<{ what: Subject; code: string }>(
    (p) => `unknown ${SUBJECTS[p.what].en} "${p.code}"`,
    (p) => `未知的${SUBJECTS[p.what].zh}“${p.code}”`,
  ),
  notOneOfKnown: template<{ what: Subject; known: readonly string[] }>(
    (p) => `unknown ${SUBJECTS[p.what].en}; one of ${p.known.join(', ')}`,
    (p) => `未知的${SUBJECTS[p.what].zh}，可选：${p.known.join(', ')}`,
  ),
  duplicate: template<{ what: Subject; key: string; first: string }>(
    (p) => `duplicate ${SUBJECTS[p.what].en} "${p.key}" (first at ${p.first})`,
    (p) => `重复的${SUBJECTS[p.what].zh}“${p.key}”（首次出现于${p.first}）`,
  ),
  taken: template<{ what: Subject }>(
    (p) => `${SUBJECTS[p.what].en} already taken in this tender`,
    (p) => `${SUBJECTS[p.what].zh}已存在`,
  ),
  tenderCodeTaken: template<{ code: string }>(
    (p) => `tender code already exists: ${p.code}`,
    () => '项目编号已存在',
  ),
  codesCollide: fixed(
    'two codes count as the same here (they differ only in case, width, accents or trailing spaces)',
    '存在仅大小写、全半角、重音或末尾空格不同的编号，系统视为相同',
  ),

  // The dossier's rules (DOSSIER.md)
  formatVersion: fixed('must be 1 or 2', '必须为1或2'),
  forPricing: template<{ pricing: 'unit-price' | 'lump-sum' | 'rate' }>(
    (p) => `is not used on a ${p.pricing} lot`,
    (p) => `${{ 'unit-price': '按单价报价', 'lump-sum': '按总价报价', rate: '按费率报价' }[p.pricing]}的标包不使用此项`,
  ),
  memberSelf: fixed('must not be the consortium itself', '不能是联合体自身'),
  memberConsortium: fixed('must be a single company, not another consortium', '须为单一单位，不能是另一联合体'),
  openingBeforeDeadline: fixed('must not be before tender.bidDeadline', '开标时间不得早于投标截止时间'),
  tieBreaker: fixed('must be "price", "draw" or {"category": …}', '须为"price"、"draw"或{"category": …}'),
  ruleRequired: fixed('is required for an objective criterion', '客观评分项必须有计分规则'),
  ruleNotAllowed: fixed('only objective criteria have a rule', '只有客观评分项才有计分规则'),
  ruleMaximum: template<{ ruleMax: string; max: string }>(
    (p) => `can award up to ${p.ruleMax}, above the criterion maximum ${p.max}`,
    (p) => `规则最高可得${p.ruleMax}分，超过该项满分${p.max}分`,
  ),
  perUnitCap: fixed('is required: without a cap the rule has no maximum', '必填：无上限则该规则没有最高分'),
  bandCondition: fixed('must have exactly one of min, gt, max, lt', '须有且仅有min、gt、max、lt之一'),
  factUsage: template<{ fact: string; usedAs: 'number' | 'boolean' }>(
    (p) => `"${p.fact}" is used elsewhere in the scheme as ${p.usedAs === 'number' ? 'a number' : 'a yes/no fact'}`,
    (p) => `事实“${p.fact}”在本评分表其他规则中按${p.usedAs === 'number' ? '数值' : '是否'}使用`,
  ),
  priceCriteria: template<{ found: number }>(
    (p) => `must have exactly one price criterion (found ${p.found})`,
    (p) => `须有且仅有一个价格评分项（现有${p.found}个）`,
  ),
  priceWeight: template<{ weight: string }>(
    (p) => `must equal tender.priceWeight (${p.weight})`,
    (p) => `须等于价格权重${p.weight}`,
  ),
  priceScore: fixed('price scores are computed, not entered', '价格分由系统计算，不得录入'),
  noBid: template<{ bidder: string; lot: string }>(
    (p) => `bidder ${p.bidder} has no bid on lot ${p.lot}`,
    (p) => `投标人${p.bidder}未投标包${p.lot}`,
  ),
  parentSelf: fixed('must not be the bidder itself', '不能是投标人自身'),
  capitals: template<{ text: string; reason: CapitalsReason } & Params>(
    (p) => `not valid Chinese capital numerals: "${p.text}" (${CAPITALS_REASONS[p.reason].en(p as never)})`,
    (p) => `大写金额无效：“${p.text}”（${CAPITALS_REASONS[p.reason].zh(p as never)}）`,
  ),
  factValue: fixed('must be a number or true/false', '必须是数字或true/false'),
  factNumber: fixed('must be a number: the scoring rules count it', '须为数字：计分规则按数值计算'),
  factBoolean: fixed('must be true or false: the scoring rules use it as yes/no', '须为true或false：计分规则按是否计算'),
  seed: fixed('must be a non-empty string or a number', '必须是非空字符串或数字'),
  bandsDescending: template<{ previous: string }>(
    (p) => `must be below the previous band's min ${p.previous}`,
    (p) => `须低于上一档的下限${p.previous}`,
  ),
  lowestBand: fixed('the lowest band must start at 0 so that every score has a grade', '最低一档须从0分起，使每个得分都有等级'),
  contractYear: template<{ first: number; last: number }>(
    (p) => `must be a contract year of the tender (${p.first}–${p.last})`,
    (p) => `须为本项目的合同年度（${p.first}–${p.last}年）`,
  ),
  notForPoints: fixed('is not used by a points scheme', '得分制考核不使用扣分'),
  notForDeduction: fixed('is not used by a deduction scheme', '扣分制考核不使用得分'),
  kOfNMax: template<{ n: number; pointsEach: string; max: string }>(
    (p) => `${p.n} sub-items × ${p.pointsEach} must equal the item's maximum ${p.max}`,
    (p) => `${p.n}项子指标 × 每项${p.pointsEach}分须等于该项分值${p.max}`,
  ),
  judgementOnly: fixed(
    "a deduction scheme's items are judged: they take no other rule",
    '扣分制考核的各项均为酌情扣分，不能设其他评分规则',
  ),
  noRepeatedFailureDeduction: fixed(
    'the tender sets no repeated-failure deduction to apply or waive',
    '本项目未设置多年考核不达标扣分，无需决定',
  ),
  notRepeatedFailure: fixed(
    'the bidder has not failed its annual assessment in two or more years: no deduction is proposed',
    '该投标人未有两年及以上年度考核不达标，不提示扣分',
  ),
  itemUnscored: template<{ no: string }>(
    (p) => `item ${p.no} has no input: a points scheme scores every item`,
    (p) => `第${p.no}项未录入：得分制考核须逐项评分`,
  ),

  // Tender set-up, bids and the panel
  fixedOncePublished: fixed('cannot change once the tender is published', '招标项目发布后不可修改'),
  deadlinePassed: fixed('must be in the future', '投标截止时间须晚于当前时间'),
  scheduleNoticeTooShort: template<{ days: number }>(
    (p) => `may move earlier only with at least ${p.days} days' notice left (MOF Order 87 art. 27); a later time is always possible`,
    (p) => `提前投标截止或开标时间须距今至少${p.days}日（财政部令第87号第二十七条）；推迟不受此限`,
  ),
  awardConfirmed: fixed(
    'the award is confirmed: sheets and scores are locked until procurement orders a re-evaluation',
    '评标结果已确认，评分表和评分已锁定；如需变更，须由采购中心发起重新评审',
  ),
  declarationRequired: fixed(
    "declare that you have no conflict of interest before reading the tender's bids, scores or results",
    '请先作出无利害关系的回避声明，方可查看本项目的投标、评分和评标结果',
  ),
  recused: fixed(
    "you declared a conflict of interest: the tender's bids, scores and results are closed to you",
    '您已声明回避，不能查看本项目的投标、评分和评标结果',
  ),
  sheetsMissing: template<{ lot: string; values: readonly string[] }>(
    (p) => `lot ${p.lot}: the sheets of ${p.values.join(', ')} are not submitted`,
    (p) => `第${p.lot}包：${p.values.join('、')}的评分表尚未提交`,
  ),
  panelEmpty: template<{ lot: string }>(
    (p) => `lot ${p.lot}: no expert on the panel has scored it`,
    (p) => `第${p.lot}包：评标委员会没有可评分的专家`,
  ),
  repeatedFailureUndecided: template<{ lot: string; bidder: string }>(
    (p) => `lot ${p.lot}: the panel has not applied or waived the repeated-failure deduction proposed for bidder ${p.bidder}`,
    (p) => `第${p.lot}包：投标人${p.bidder}的多年考核不达标扣分尚未由评标委员会决定扣减或不扣减`,
  ),
  outliersUnresolved: template<{ lot: string; count: number }>(
    (p) => `lot ${p.lot}: ${p.count} abnormally high/low score(s) neither returned nor decided by the panel`,
    (p) => `第${p.lot}包：${p.count}项畸高畸低评分尚未退回复核或记录评标委员会表决结论`,
  ),
  contractSigned: template<{ lot: string; values: readonly string[] }>(
    (p) =>
      `lot ${p.lot}: the contract of ${p.values.join(', ')} is signed; it must be terminated through its procedure before the lot is re-evaluated`,
    (p) => `第${p.lot}包${p.values.join('、')}年度合同已签订，须先依程序终止合同，方可重新评审`,
  ),
  outliersPending: fixed(
    'abnormally high/low scores are judged once every sheet of the lot is submitted',
    '该标包的评分表全部提交后才判定畸高畸低',
  ),
  notAnOutlier: fixed('that score is not flagged as abnormally high/low', '该评分未被提示为畸高畸低'),
  alreadyBid: template<{ bidder: string; lot: string }>(
    (p) => `bidder ${p.bidder} already bid on lot ${p.lot}`,
    (p) => `投标人${p.bidder}已对标包${p.lot}投标（每标包限一份）`,
  ),
  insurerOrganization: fixed('must be an insurer organisation', '须为保险公司机构'),
  organizationRequired: fixed('insurer users need an organisation', '保险公司用户须指定所属机构'),
  organizationNotFound: fixed('organisation not found', '机构不存在'),
  organizationKindInUse: fixed('the organisation has users or bidders: its kind cannot change', '该机构已有用户或投标人，不能变更机构类型'),
  expertUser: fixed('must be an expert user', '须为评审专家用户'),
  alreadyOnPanel: fixed('already on the panel', '已在评审委员会中'),
  scoreValue: fixed('a score is ≥ 0 in steps of 0.1', '分值须为非负数，以0.1为单位'),
  subjectiveCriterion: fixed('must be a subjective criterion', '须为主观评分项'),
  validBidOfLot: fixed('must be a valid bid of this lot', '须为本标包的有效投标'),
  notScored: template<{ bidder: string; criterion: string }>(
    (p) => `${p.bidder} / ${p.criterion} — not scored`,
    (p) => `未评分：${p.bidder} / ${p.criterion}`,
  ),
  password: template<{ failed: readonly PasswordRule[] }>(
    (p) => p.failed.map((rule) => PASSWORD_RULES[rule].en).join('; '),
    (p) => p.failed.map((rule) => PASSWORD_RULES[rule].zh).join('；'),
  ),
  currentPassword: fixed('wrong current password', '当前密码不正确'),
  passwordChangeRequired: fixed('change your password first', '请先修改密码'),
  administratorRole: fixed('administrator roles are granted by the security administrator', '管理员角色只能由安全管理员授予'),
  selfAdministration: fixed('an administrator cannot disable itself or take its own role away', '管理员不能停用自己或变更自己的角色'),
  lastAdministrator: fixed(
    'the last active administrator of its kind cannot be disabled or given another role',
    '不能停用或变更最后一名在用的该类管理员',
  ),

  // Contracts
  contractTerm: template<{ first: number; last: number }>(
    (p) => `year must be within the contract term ${p.first}-${p.last}`,
    (p) => `合同年度须在服务期${p.first}-${p.last}内`,
  ),
  populationFixed: fixed('population can be changed only on a draft', '合同已签订，参保人数不能再修改'),
  populationBeforeSigning: fixed('enter the population on 1 January before signing', '签订前须录入当年1月1日参保人数'),
  retentionsOverFund: fixed('the retentions add up to more than the whole fund', '预留比例合计超过资金总额'),
  shareOnlyShared: fixed('only a shared deficit rule takes the insurer’s share', '仅“按比例分摊”的亏损规则录入承办方分摊比例'),
  // Payment schedules (DOSSIER.md SCHEDULE)
  dueRule: fixed(
    'must be { month 1-12, day 1-31 or "end", yearOffset } or { monthsAfterSigning, day }',
    '须为{ month 1-12, day 1-31或"end", yearOffset }或{ monthsAfterSigning, day }',
  ),
  dueDay: fixed('must be a day 1-31 or "end"', '须为1-31日或"end"（月末）'),
  shareAmountOrRemainder: fixed('give exactly one of share, amount and remainder', '比例、固定金额、余额三者须且只能填写一项'),
  amountComesLater: template<{ trigger: string }>(
    (p) => `a ${p.trigger} milestone takes its amount when it happens: no share, amount or remainder`,
    () => '该付款节点的金额于事件发生时确定（申请核准额或清算结果），不填比例、金额或余额',
  ),
  amountRuleAfterAssessment: fixed('only an after-assessment milestone takes an amount rule', '只有“年度考核后”的付款节点才设金额规则'),
  sharesOverWhole: template<{ base: string; sum: string }>(
    (p) => `the shares of the ${p.base} base add up to ${p.sum}, more than the whole`,
    (p) => `同一基数（${p.base}）的比例合计${p.sum}，超过1`,
  ),
  oneRemainder: template<{ base: string }>(
    (p) => `only one milestone of the ${p.base} base takes the remainder`,
    (p) => `同一基数（${p.base}）只能有一个付款节点取余额`,
  ),
  depositWithoutRetention: fixed('a deposit milestone needs a deposit retention', '以考核保证金为基数的付款节点须设考核保证金预留'),
  lessDeductionOnPremium: fixed(
    'a premium fund takes the deduction through the settlement, not through less-deduction',
    '保费资金的考核扣减在年度清算中计算，不用“扣减后支付”规则',
  ),
  effectiveDateYear: template<{ year: number }>(
    (p) => `must lie in the contract year ${p.year}`,
    (p) => `生效日期须在合同年度${p.year}年内`,
  ),
  noBasePopulation: template<{ lot: string }>(
    (p) => `lot ${p.lot} has no base population to draw the contract's amounts on`,
    (p) => `第${p.lot}包没有基准参保人数，无法计算合同金额`,
  ),
  notForKind: template<{ kind: string }>(
    (p) => `is not used by a ${p.kind} contract`,
    (p) => `${{ 'per-capita': '按人头付费', premium: '保费资金', 'fixed-price': '固定总价' }[p.kind] ?? p.kind}合同不使用此项`,
  ),
  scheduleNotForLot: template<{ lot: string; lots: readonly string[] }>(
    (p) => `the schedule is for lots ${p.lots.join(', ')}, not lot ${p.lot}`,
    (p) => `该付款方式适用于第${p.lots.join('、')}包，不适用于第${p.lot}包`,
  ),
  scheduleForKind: template<{ kind: string }>(
    (p) =>
      p.kind === 'premium'
        ? 'a premium contract needs a schedule with a deficit rule and no less-deduction milestone'
        : `a ${p.kind} contract cannot pay out of a fund, a deposit or a settlement`,
    (p) =>
      p.kind === 'premium'
        ? '保费资金合同的付款方式须设亏损分担规则，且不用“扣减后支付”规则'
        : '非保费资金合同的付款方式不能以年度资金、考核保证金或清算为付款依据',
  ),
  noMoveTo: template<{ to: string }>(
    (p) => `no change leads to ${p.to}`,
    (p) => `状态不能改为${p.to}`,
  ),
  beforeSigning: template<{ signedOn: string }>(
    (p) => `is before the contract was signed (${p.signedOn})`,
    (p) => `早于合同签订日（${p.signedOn}）`,
  ),
  laterThanToday: fixed('cannot be later than today', '不能晚于今天'),
  overApprovable: template<{ max: string }>(
    (p) => `is more than what remains of the fund net of retentions (${p.max})`,
    (p) => `超过年度资金扣除预留后的剩余额度（${p.max}元）`,
  ),
  noWinner: template<{ lot: string }>(
    (p) => `lot ${p.lot} has no winner: it has no contract`,
    (p) => `第${p.lot}包无中标人，不能签订合同`,
  ),
  notSigned: fixed(
    'the contract is not signed (no signedOn): nothing happens under it yet',
    '合同尚未签订（无签订日期），不能记录履约事项',
  ),
  outsideTerm: template<{ start: string; end: string }>(
    (p) => `lies outside the contract term (${p.start} to ${p.end})`,
    (p) => `不在合同期限内（${p.start}至${p.end}）`,
  ),
  settlementWithoutAssessment: template<{ lot: string; year: number }>(
    (p) => `the year is settled after its assessment: the dossier has no assessment of lot ${p.lot} for ${p.year}`,
    (p) => `年度清算须在考核之后：档案中没有第${p.lot}包${p.year}年度的考核`,
  ),
  operatingCostIsAllowance: template<{ allowance: string }>(
    (p) => `on a premium contract the operating cost is the allowance A = allowanceRate × F (${p.allowance})`,
    (p) => `保费资金合同的运营成本即运营成本及盈利额A = 费率 × 年度资金（${p.allowance}元）`,
  ),
  notOnApplication: fixed('names a milestone that is not paid on application', '该付款节点不是按申请拨付的节点'),
  noMilestoneForPeriod: template<{ period: string }>(
    (p) => `no payment of the contract is released by an evaluation of period "${p.period}"`,
    (p) => `本合同没有以“${p.period}”期间考评为付款条件的付款节点`,
  ),

  // The opening and its record (开标, 开标记录确认)
  openingTimeNotReached: template<{ at: string }>(
    (p) => `the bids are opened at the opening time (${p.at}), not before`,
    (p) => `开标时间（${p.at}）未到，不能开标`,
  ),
  openingWindowOpen: template<{ until: string }>(
    (p) => `the bidders confirm the opening record until ${p.until}: the review starts after that`,
    (p) => `开标记录确认期至${p.until}，确认期结束前不得进入评审`,
  ),
  openingWindowEnded: template<{ until: string }>(
    (p) => `the opening record's confirmation window ended at ${p.until}`,
    (p) => `开标记录确认期已于${p.until}结束`,
  ),
  openingDisputesUnanswered: template<{ count: number }>(
    (p) => `${p.count} dispute(s) of the opening record are not answered yet: the review starts after the answers`,
    (p) => `尚有${p.count}项开标记录异议未答复，答复前不得进入评审`,
  ),
  paperAmountsMissing: template<{ count: number }>(
    (p) => `${p.count} paper bid(s) received have no amounts entered yet: the review starts after they are entered and confirmed`,
    (p) => `尚有${p.count}份已签收的纸质投标文件未录入唱标金额，录入并经确认前不得进入评审`,
  ),
  openingLineNotOwn: fixed('a bidder confirms or disputes only its own line', '只能确认或质疑本单位的开标记录'),

  // Deadlines and challenges (domain/calendar)
  resultsNotPublished: fixed('the results are not published yet', '评标结果尚未公布'),
  sheetsPending: template<{ lot: string }>(
    (p) => `the score sheets of lot ${p.lot} are not all in yet`,
    (p) => `标包${p.lot}的评分表尚未全部提交`,
  ),
  challengePeriodEnded: template<{ until: string }>(
    (p) => `the challenge period ended on ${p.until}`,
    (p) => `质疑期已于${p.until}届满，不再受理质疑`,
  ),
  challengePeriodOpen: template<{ until: string }>(
    (p) => `contracts wait for the end of the challenge period (${p.until})`,
    (p) => `质疑期至${p.until}，期满前不得签订合同`,
  ),
  challengeUnanswered: fixed('a challenge is not answered yet: no contract before the answer', '尚有未答复的质疑，答复前不得签订合同'),
  reevaluationRequired: fixed('a challenge was upheld: the award must be re-evaluated first', '质疑成立，须重新评审后方可签订合同'),
  holidayTaken: template<{ date: string }>(
    (p) => `${p.date} is already in the holiday table`,
    (p) => `${p.date}已在节假日表中`,
  ),

  // Assessments
  noSuchItem: template<{ no: string }>(
    (p) => `the scheme has no item "${p.no}"`,
    (p) => `考核方案中没有第“${p.no}”项`,
  ),
  itemTwice: template<{ no: string }>(
    (p) => `item ${p.no} is given twice`,
    (p) => `第${p.no}项重复录入`,
  ),
  deductionsOnly: fixed('a deduction scheme records deductions only', '扣分制考核只录入扣分'),
  pointsOnly: fixed('a points scheme records points only', '计分制考核只录入得分'),
  ruleInput: template<{ no: string; rule: string; field: string }>(
    (p) => `item ${p.no}'s rule (${p.rule}) does not take ${p.field}`,
    (p) => `第${p.no}项的评分规则（${p.rule}）不使用${p.field}`,
  ),
  pointsOrInput: template<{ input: string }>(
    (p) => `give points or ${p.input}, not both`,
    (p) => `得分与${p.input}只能录入其一`,
  ),
  rulePoints: template<{ values: readonly string[] }>(
    (p) => `the item's rule gives one of ${p.values.join(', ')}`,
    (p) => `按该项评分规则只能为 ${p.values.join(', ')}`,
  ),
  itemsTooLong: template<{ max: number }>(
    (p) => `the items with their notes are too long to store (at most ${p.max} bytes as JSON)`,
    (p) => `考核项及说明过长（JSON最多${p.max}字节）`,
  ),
  rewardBudget: fixed('the yearly budget must be above 0 and at most 1,000,000', '年度奖励预算须大于0且不超过1,000,000元'),
  contractAmountsZero: fixed(
    'the contract amounts add up to 0: the budget cannot be split by them',
    '合同金额合计为0，无法按合同金额分配奖励预算',
  ),
  // The evaluator's notes on an assessment's result (domain/assessments/assessment.ts): what the bureau must fix
  assessmentSchemeNamed: template<{ scheme: string; used: string }>(
    (p) => `the assessment names scheme ${p.scheme}, evaluated with ${p.used}`,
    (p) => `考核指定的方案为${p.scheme}，实际按${p.used}计算`,
  ),
  itemPointsRange: template<{ no: string; value: string; max: string }>(
    (p) => `item ${p.no}: points ${p.value} outside 0..${p.max}`,
    (p) => `第${p.no}项得分${p.value}超出0至${p.max}的范围`,
  ),
  negativeDeduction: template<{ no: string; value: string }>(
    (p) => `item ${p.no}: deduction ${p.value} is negative (counted as 0)`,
    (p) => `第${p.no}项扣分${p.value}为负数（按0计）`,
  ),
  operatingCostMissing: fixed(
    'the operating cost is missing: the deduction cannot be computed',
    '须录入运营成本（含盈利），否则无法计算考核扣减',
  ),
  belowGradeBands: template<{ score: string }>(
    (p) => `score ${p.score} is below every grade band`,
    (p) => `得分${p.score}低于所有考核等级的下限`,
  ),
  noMaxReward: fixed(
    "no maximum reward (the assessment's maximum reward or the lot reward budget)",
    '本标包未设绩效考核奖励上限，无法计算奖励金额',
  ),
  fileRequired: fixed('a file is required', '须上传文件'),
  fileTooLarge: template<{ max: string }>(
    (p) => `the file is larger than ${p.max}`,
    (p) => `文件超过${p.max}`,
  ),
  fileType: template<{ types: readonly string[] }>(
    (p) => `the file must be one of ${p.types.join(', ')}, its content matching its extension`,
    (p) => `文件类型须为 ${p.types.join(', ')}，且内容与扩展名相符`,
  ),
  xlsxRequired: fixed('the file must be an .xlsx workbook', '须为Excel（.xlsx）文件'),
  archiveInvalid: fixed('the file is not a readable Office (ZIP) archive', '文件不是可读取的Office（ZIP）文件'),
  archiveEntries: template<{ max: number }>(
    (p) => `the file holds more than ${p.max} parts`,
    (p) => `文件包含的部件超过${p.max}个`,
  ),
  unpacksTooLarge: template<{ max: string }>(
    (p) => `the file unpacks to more than ${p.max}`,
    (p) => `文件解压后超过${p.max}`,
  ),
  officeParts: template<{ parts: string }>(
    (p) => `the file lacks the parts every such file has: ${p.parts}`,
    (p) => `文件缺少必要部件：${p.parts}`,
  ),
  pdfActive: template<{ found: string }>(
    (p) => `the PDF carries script, automatic actions or embedded files (${p.found}); print it to a plain PDF first`,
    (p) => `PDF含有脚本、自动操作或嵌入文件（${p.found}），请另存为普通PDF后上传`,
  ),
  tooManyRows: template<{ max: number }>(
    (p) => `the sheet has more than ${p.max} rows`,
    (p) => `工作表超过${p.max}行`,
  ),
  fileLimit: template<{ max: number }>(
    (p) => `at most ${p.max} files here; this one is refused`,
    (p) => `此处最多上传${p.max}个文件，本次不予接收`,
  ),
  // Periodic reports (domain/contracts/periodic-reports.ts)
  reportPeriod: template<{ kind: string; example: string }>(
    (p) => `not a period of a ${p.kind} report of the contract year (e.g. ${p.example})`,
    (p) => `不是本合同年度${p.kind === 'monthly' ? '月度' : p.kind === 'half-year' ? '半年' : '年度'}报告的报告期（如${p.example}）`,
  ),
  reportNotRequired: template<{ kind: string }>(
    (p) => `the contract does not ask for ${p.kind} reports`,
    (p) => `合同未约定报送${p.kind === 'monthly' ? '月度报表' : p.kind === 'half-year' ? '半年运行分析报告' : '年度运行分析报告'}`,
  ),
  reportReceived: fixed('the report has been received; it can no longer be replaced', '该报告已签收，不能再替换'),
  contractNotInForce: fixed('the contract is not in force (signed)', '合同未签订或已终止'),
  objectionOpen: template<{ item: string }>(
    (p) => (p.item ? `item ${p.item} already has an open objection` : 'the result already has an open objection'),
    (p) => (p.item ? `第${p.item}项已有未答复的异议` : '已有未答复的对考核结果的异议'),
  ),
  objectionLimit: template<{ max: number }>(
    (p) => `at most ${p.max} objections per assessment`,
    (p) => `每项考核最多提出${p.max}条异议`,
  ),
  writeRateLimit: template<{ limit: number; retryAfter: number }>(
    (p) => `more than ${p.limit} changes a minute: try again in ${p.retryAfter} s`,
    (p) => `每分钟操作超过${p.limit}次，请${p.retryAfter}秒后再试`,
  ),

  notPremiumFund: fixed('only a premium-fund contract is settled (DOMAIN §6.2)', '仅保费资金类（大病保险）合同进行年度清算'),
  assessmentNotFinal: template<{ year: number }>(
    (p) => `the ${p.year} assessment is not final yet: settle after it is`,
    (p) => `${p.year}年度考核结果尚未定稿，定稿后方可清算`,
  ),
  alreadySettled: template<{ year: number }>(
    (p) => `the ${p.year} settlement has been made; it is not made twice`,
    (p) => `${p.year}年度清算已完成，不得重复清算`,
  ),
  notSettled: template<{ year: number }>(
    (p) => `the ${p.year} settlement has not been made`,
    (p) => `${p.year}年度尚未清算`,
  ),

  workbookUnreadable: fixed('the file is not a readable workbook', '无法读取该Excel文件'),
  // Bids as they arrive (电子投标, 纸质投标)
  bidDeadlinePassed: template<{ deadline: string }>(
    (p) => `the bid deadline (${p.deadline}) has passed: no bid is received after it`,
    (p) => `已过投标截止时间（${p.deadline}），不再接收投标`,
  ),
  bidsNotOpen: fixed('bids are received only while the tender is published', '招标项目发布后、投标截止前方可投标'),
  electronicBidsOnly: fixed('this tender takes electronic bids: its bidders submit them', '本项目采用电子投标，由投标人自行递交'),
  paperBidsOnly: fixed('this tender takes paper bids only', '本项目采用纸质投标'),
  notYourBidder: fixed('your organisation is not a registered bidder of this tender', '贵单位不是本项目登记的投标人'),
  noBidToWithdraw: fixed('there is no submitted bid on this lot to withdraw', '该标包没有可撤回的投标'),
  paperReceived: fixed('an envelope of this bidder on this lot is already received', '该投标人对该标包的投标文件已签收'),
  receivedAfterDeadline: fixed('must not be after the bid deadline or in the future', '不得晚于投标截止时间或当前时间'),
  noPaperReceipt: fixed(
    'no paper envelope of this bidder on this lot was received before the deadline',
    '该投标人未在截止前递交该标包的纸质投标文件',
  ),
  amountsAtOpening: fixed(
    'the amounts of paper bids are entered at the opening, once the tender is opened',
    '纸质投标的报价在开标后、资格审查前按开标一览表录入',
  ),
  scoringStarted: fixed('scoring has started: the panel stays as it is', '评审已开始评分，不能再移除评审专家'),
  bidderRegistrationClosed: fixed(
    'bidders are registered, edited and removed only before the bid deadline',
    '投标截止后不能再修改或移除投标人',
  ),
  bidderHasBids: fixed('the bidder has bids or envelopes on this tender: it is not removed', '该投标人已有投标或已递交投标文件，不能移除'),
  electronicBidWithdrawn: fixed(
    'an electronic bid belongs to its bidder, who withdraws it before the deadline',
    '电子投标属于投标人，只能由投标人在截止前撤回',
  ),
  paperLineAnswered: fixed(
    'the bidder has confirmed or disputed this line of the opening record: the amounts stay',
    '投标人已确认或对该开标记录提出异议，报价不能再移除',
  ),
  lotNotOpened: template<{ lot: string }>(
    (p) => `lot ${p.lot} was not opened: its bids stay sealed`,
    (p) => `标包${p.lot}未开标，投标保持密封`,
  ),
  bidSealKeyMissing: fixed(
    'BID_SEAL_KEY is not set: electronic bids cannot be sealed or opened',
    '未配置投标加密密钥（BID_SEAL_KEY），无法加密或解密电子投标',
  ),
  bidSealKeyMismatch: template<{ needed: string; configured: string }>(
    (p) => `the bids were sealed under the BID_SEAL_KEY of id ${p.needed}; the key set has id ${p.configured}: nothing was opened`,
    (p) => `投标以标识为${p.needed}的投标加密密钥（BID_SEAL_KEY）加密，当前配置的密钥标识为${p.configured}，无法解密，未开标`,
  ),
  envelopeBroken: template<{ hash: string }>(
    (p) => `the envelope ${p.hash} does not open: it was altered; nothing was opened`,
    (p) => `电子投标文件${p.hash}无法解密（已被篡改），未开标`,
  ),
  notTheTemplate: template<{ assessment: number }>(
    (p) => `the file is not the template of assessment ${p.assessment}`,
    (p) => `该文件不是本考核（编号${p.assessment}）的评分模板`,
  ),
} satisfies Record<string, Template<never>>;

export type ErrorCode = keyof typeof ERRORS;
export type ErrorParams<C extends ErrorCode> = Parameters<(typeof ERRORS)[C]['en']>[0];

/** One offending field of a 400. */
export interface FieldError {
  /** `lots[1].maxUnitPrice`; `$` is the whole body. */
  path: string;
  code: ErrorCode;
  params: Params;
  /** "English / 中文", rendered from code and params. */
  message: string;
}

/** An error in one language, from its code and params (what the UI shows). */
export function renderError(code: ErrorCode, params: Readonly<Record<string, unknown>>, lang: Lang): string {
  return (ERRORS[code] as Template<Params>)[lang](params as Params);
}

export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.hasOwn(ERRORS, code);

/** Code and params as the API sends them: `message` rendered bilingually. */
export function fieldError<C extends ErrorCode>(path: string, code: C, ...[params]: OptionalParams<C>): FieldError {
  const given: Params = params ?? {};
  return { path, code, params: given, message: `${renderError(code, given, 'en')} / ${renderError(code, given, 'zh')}` };
}

/** Params may be left out for the codes that take none. */
export type OptionalParams<C extends ErrorCode> = keyof ErrorParams<C> extends never ? [params?: ErrorParams<C>] : [params: ErrorParams<C>];

/** The summary of every 400. */
export const INVALID_INPUT = '输入有误 / invalid input';
