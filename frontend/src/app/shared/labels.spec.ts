import { allLabelledCodes, errorLabel, label, type LabelKind, labelOptions, NO_CODE } from '@domain/labels';
import { LabelPipe } from './label.pipe';

/** ASCII words users would not read; IP (as in IP地址) is how Chinese users name it too. */
const foreignWords = (text: string) => (text.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => word !== 'IP');

describe('the label table (domain/labels.ts)', () => {
  const codes = allLabelledCodes();

  it('has codes of every kind', () => {
    const kinds = new Set(codes.map((c) => c.kind));
    for (const kind of [
      'role',
      'tenderStatus',
      'lotResult',
      'flag',
      'invalidReason',
      'setAsideReason',
      'lotFailReason',
      'tieBreak',
      'auditAction',
    ]) {
      expect(kinds).toContain(kind);
    }
  });

  it.each(codes.map(({ kind, code }) => [kind, code] as const))('renders %s %s in Chinese', (kind, code) => {
    // Every code of every kind, so the kind is only known at run time here.
    const text = (label as (kind: LabelKind, code: string) => string)(kind, code);
    expect(text.trim()).not.toBe('');
    expect(text).not.toBe(code);
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(foreignWords(text)).toEqual([]);
  });

  it('renders parameterised codes with their parameters', () => {
    expect(label('flag', 'outlier:E2:13')).toBe('畸高畸低（专家E2，第13项）');
    expect(label('flag', 'same-ip:B')).toBe('与投标人B同一IP地址投标');
    expect(label('flag', 'same-contact:C')).toBe('与投标人C同一联系人');
    expect(label('flag', 'repeated-failure:2023:2024')).toBe('多年考核不达标（2023、2024年）');
    expect(label('invalidReason', 'qualification:营业执照')).toBe('资格审查未通过：营业执照');
    expect(label('invalidReason', 'disqualified:2')).toBe('中标后被取消资格（第2包）');
    expect(label('invalidReason', 'qualification:保险许可证:已过期')).toBe('资格审查未通过：保险许可证（已过期）');
    expect(label('invalidReason', 'unit-price-over-cap:1.24:1.23')).toBe('单价1.24元超过最高限价1.23元');
    expect(label('invalidReason', 'over-budget:1250000.00:1200000.00')).toBe('报价1250000.00元超过最高预算金额1200000.00元');
    expect(label('invalidReason', 'rate-over-cap:0.048:0.045')).toBe('运营成本及盈利率0.048超过最高费率0.045');
    expect(label('invalidReason', 'related-party:E:same-group')).toBe('与投标人E存在关联关系（同一集团只允许一家分支机构投标）');
    expect(label('invalidReason', 'consortium-member-conflict:T')).toBe('联合体成员T另行投标或参加其他联合体');
    expect(label('invalidReason', 'collusion')).toBe('评标委员会认定串通投标');
    expect(label('lotFailReason', 'sheets-pending')).toBe('评分未全部提交，结果暂不可见');
    expect(label('setAsideReason', 'won-earlier-lot:1')).toBe('已中标第1包，不再参与后续标包');
    expect(label('lotFailReason', 'not-opened:3')).toBe('开标时投标人不足3家，标包未开标');
    expect(label('tieBreak', '商务部分')).toBe('商务部分得分高者优先');
  });

  it('shows a missing code as a dash and an unknown one as it is', () => {
    expect(label('tenderStatus', null)).toBe(NO_CODE);
    expect(label('flag', undefined)).toBe(NO_CODE);
    expect(label('flag', 'something-new:X')).toBe('something-new:X');
  });

  it('lists a table for selects in its order', () => {
    expect(labelOptions('assessmentStatus')).toEqual([
      { value: 'open', label: '待提交报告' },
      { value: 'submitted', label: '已提交自评' },
      { value: 'published', label: '已公布' },
      { value: 'final', label: '已定稿' },
    ]);
  });

  it('renders a field error of a 400 in Chinese from its code and params, else by its message', () => {
    expect(errorLabel({ path: 'lots[1].maxUnitPrice', message: 'must be > 0 / 必须大于0', code: 'positive', params: {} })).toBe(
      '必须大于0',
    );
    expect(
      errorLabel({
        path: 'lots[2].scheme',
        message: 'unknown scheme "NB-LOT9" / 未知的评分表“NB-LOT9”',
        code: 'unknown',
        params: { what: 'scheme', code: 'NB-LOT9' },
      }),
    ).toBe('未知的评分表“NB-LOT9”');
    expect(errorLabel({ path: 'tender.code', message: '项目编号必填' })).toBe('项目编号必填');
  });

  it('is what the label pipe renders', () => {
    const pipe = new LabelPipe();
    expect(pipe.transform('evaluation', 'tenderStatus')).toBe('评标中');
    expect(pipe.transform('abnormal-low', 'flag')).toBe('异常低价');
    expect(pipe.transform(null, 'contractStatus')).toBe(NO_CODE);
  });
});
