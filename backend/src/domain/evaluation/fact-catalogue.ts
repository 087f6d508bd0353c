/**
 * The fact catalogue: the bid facts objective rules (DOSSIER.md RULE) are written over, as the scoring
 * tables of the seeds use them. The rule builder offers these facts by name, the bid review asks for
 * them one input each, and a rule is read back as a sentence in their words. Each fact's name is in
 * the label table (labels.ts `fact`); a rule may still name a fact outside the catalogue (a dossier
 * from elsewhere), which is then shown by its code.
 */
import type { FactKind } from '../dossier/dossier.schema';

export interface CatalogueFact {
  code: string;
  /** A count or measure (number), or a yes/no (boolean, read by `boolean` rules only). */
  kind: FactKind;
  /** The unit of a number, shown by its input and in rule sentences ("%", "个", "亿元"). */
  unit?: string;
  /** "Each one" of a counted fact, for per-unit sentences: 每项行政处罚扣 2 分. */
  each?: string;
  /** What to enter, shown under the input. */
  hint: string;
}

export const FACT_CATALOGUE = [
  // finances and compliance
  { code: 'solvencyRatio', kind: 'number', unit: '%', hint: '最近一期综合偿付能力充足率，如 210' },
  { code: 'aRatings', kind: 'number', unit: '个', each: '每个 A 类评级', hint: '近四个季度监管部门风险综合评级为 A 类的季度数' },
  { code: 'penalties', kind: 'number', unit: '次', each: '每项行政处罚', hint: '近三年受到的行政处罚次数，无则填 0' },
  { code: 'complaintsPer100m', kind: 'number', unit: '件', hint: '监管部门通报的亿元保费投诉量' },
  { code: 'certificates', kind: 'number', unit: '个', each: '每个资质证书', hint: '与本项目相关的有效资质证书数量' },
  // service capacity
  { code: 'branches', kind: 'number', unit: '个', each: '每个服务网点', hint: '在服务地区设立的服务网点数量' },
  {
    code: 'staffAboveMinimum',
    kind: 'number',
    unit: '人',
    each: '每增加 1 名专职经办人员',
    hint: '专职经办人员超出招标文件最低配备的人数，未达最低配备填负数',
  },
  {
    code: 'medicalAboveHalf',
    kind: 'number',
    unit: '人',
    each: '每增加 1 名医学专业人员',
    hint: '医学相关专业人员超过经办人员半数的人数，未达半数填负数',
  },
  { code: 'onboardWithinMonth', kind: 'boolean', hint: '承诺中标后一个月内经办人员全部到岗' },
  // experience
  { code: 'ningboExperience', kind: 'boolean', hint: '在本市有长期护理保险经办经验' },
  { code: 'pilotCities', kind: 'number', unit: '个', each: '每个试点城市', hint: '经办长期护理保险的国家级试点城市数' },
  { code: 'pilotCitiesAsLead', kind: 'number', unit: '个', each: '每个主承办试点城市', hint: '其中作为主承办方的试点城市数' },
  { code: 'zhejiangCities', kind: 'number', unit: '个', each: '每个地级市区域', hint: '省内经办长期护理保险的地级市市级区域数' },
  { code: 'zhejiangCounties', kind: 'number', unit: '个', each: '每个县级区域', hint: '省内经办长期护理保险的县级区域数' },
  {
    code: 'ningboInsuranceProjects',
    kind: 'number',
    unit: '个',
    each: '每个医保合作项目',
    hint: '与本市各级医保部门合作开展的医保业务项目数（不含长期护理保险）',
  },
  { code: 'innovationProjects', kind: 'number', unit: '项', each: '每项保险创新项目', hint: '列入本市重大保险创新项目的项目数' },
  { code: 'researchProjects', kind: 'number', unit: '项', each: '每项课题研究', hint: '参与的医疗保障相关课题研究项数' },
  { code: 'assessmentStandard', kind: 'boolean', hint: '参与制定长期护理保险评估标准' },
  { code: 'industryStandard', kind: 'boolean', hint: '参与制定行业标准或规范' },
  { code: 'careInvestmentYi', kind: 'number', unit: '亿元', hint: '在养老护理领域的投资额' },
  { code: 'careStrategicAgreement', kind: 'boolean', hint: '与养老护理机构签订战略合作协议' },
  // information systems
  { code: 'systemModules', kind: 'number', unit: '个', each: '每个系统模块', hint: '信息系统具备的指定功能模块数' },
  { code: 'systemPilotCities', kind: 'number', unit: '个', each: '每个使用城市', hint: '信息系统在其他试点城市使用的城市数' },
  { code: 'systemUsedInNingbo', kind: 'boolean', hint: '信息系统已在本市使用' },
  { code: 'cmmi3', kind: 'boolean', hint: '软件能力成熟度（CMMI）三级及以上认证' },
  { code: 'mlps3', kind: 'boolean', hint: '信息系统安全等级保护三级备案' },
  { code: 'useSystemAndHardware', kind: 'boolean', hint: '承诺使用医保部门指定的信息系统和硬件' },
  { code: 'infoPushCommitment', kind: 'boolean', hint: '承诺按要求推送信息' },
  { code: 'confidentialityCommitment', kind: 'boolean', hint: '承诺做好数据信息保密' },
  { code: 'riskControlCommitment', kind: 'boolean', hint: '承诺落实网络安全风险防控' },
  // commitments
  { code: 'inspectionCommitment', kind: 'boolean', hint: '承诺开展稽核巡查' },
  { code: 'reportingCommitment', kind: 'boolean', hint: '承诺按时报送运行分析报告' },
] as const satisfies readonly CatalogueFact[];

export type FactCode = (typeof FACT_CATALOGUE)[number]['code'];

const BY_CODE = new Map<string, CatalogueFact>(FACT_CATALOGUE.map((fact) => [fact.code, fact]));

/** The catalogue's entry of a fact, or undefined for a fact outside it. */
export const catalogueFact = (code: string): CatalogueFact | undefined => BY_CODE.get(code);

/** The facts a rule of this kind may read: yes/no facts for `boolean` rules, numbers for the others. */
export const factsOfKind = (kind: FactKind): CatalogueFact[] => FACT_CATALOGUE.filter((fact) => fact.kind === kind);
