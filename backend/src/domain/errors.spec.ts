import { CAPITALS_REASONS, ERRORS, ErrorCode, fieldError, PASSWORD_RULES, PATTERN_RULES, renderError, SUBJECTS } from './errors';

/** Params of every kind a template reads, so each code renders in both languages. */
const sample = new Proxy({} as Record<string, unknown>, {
  get: (_, key) =>
    ({
      what: 'scheme',
      of: 'criterionMax',
      reason: 'readByPlace',
      usedAs: 'number',
      failed: Object.keys(PASSWORD_RULES),
      values: ['a', 'b'],
      known: ['ningbo', 'henan'],
      types: ['pdf', 'png'],
      pricing: 'rate',
      rule: 'username',
      lots: ['1', '2'],
    })[key as string] ?? '7',
});

describe('the error catalogue', () => {
  it.each(Object.keys(ERRORS) as ErrorCode[])('%s renders in English and in Chinese', (code) => {
    const en = renderError(code, sample as never, 'en');
    const zh = renderError(code, sample as never, 'zh');
    expect(en.length).toBeGreaterThan(0);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).not.toContain('undefined');
    expect(zh).not.toContain('undefined');
  });

  it('names every subject, capitals reason, password rule and pattern in both languages', () => {
    for (const label of [...Object.values(SUBJECTS), ...Object.values(PASSWORD_RULES), ...Object.values(PATTERN_RULES)]) {
      expect(label.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(label.en).toMatch(/[a-z]/);
    }
    for (const reason of Object.values(CAPITALS_REASONS)) expect(reason.zh(sample as never)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('sends code and params with the message rendered from them, English then Chinese', () => {
    expect(fieldError('lots[2].scheme', 'unknown', { what: 'scheme', code: 'NB-LOT9' })).toEqual({
      path: 'lots[2].scheme',
      code: 'unknown',
      params: { what: 'scheme', code: 'NB-LOT9' },
      message: 'unknown scheme "NB-LOT9" / 未知的评分表“NB-LOT9”',
    });
    expect(fieldError('year', 'integer', { min: 2000, max: 2100 }).message).toBe(
      'must be an integer from 2000 to 2100 / 必须是2000至2100之间的整数',
    );
    expect(renderError('password', { failed: ['tooShort', 'classes'] }, 'zh')).toBe(
      '至少12个字符；需包含大写、小写、数字、符号中的至少三类',
    );
  });
});
