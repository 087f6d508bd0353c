import { capitals, chinaDay, chineseDate, count, money, percent } from './format';

describe('document formats', () => {
  it('money: thousands separators and two decimals, half-up to the 分', () => {
    expect(money('4534662.9')).toBe('4,534,662.90');
    expect(money('999.995')).toBe('1,000.00');
    expect(money('0')).toBe('0.00');
    expect(money('100000')).toBe('100,000.00');
  });

  it('capitals agree with the figures, rounding first', () => {
    expect(capitals('4534662.90')).toBe('肆佰伍拾叁万肆仟陆佰陆拾贰元玖角');
    expect(capitals('300000')).toBe('叁拾万元整');
    expect(capitals('0.005')).toBe('壹分');
  });

  it('percent, count and Chinese dates', () => {
    expect([percent('0.85'), percent('0.005'), percent('1.00'), percent('0.30')]).toEqual(['85%', '0.5%', '100%', '30%']);
    expect(count(3994965)).toBe('3,994,965');
    expect(chineseDate('2026-11-25')).toBe('2026年11月25日');
    expect(chineseDate('2023-01-05T09:30:00+08:00')).toBe('2023年1月5日');
    expect(() => chineseDate('25.11.2026')).toThrow();
  });

  it('days are China days whatever the server’s time zone', () => {
    // 16:30 UTC on 30 November is already 1 December in China.
    expect(chinaDay(new Date('2023-11-30T16:30:00Z'))).toBe('2023-12-01');
    expect(chineseDate(new Date('2023-11-30T15:59:59Z'))).toBe('2023年11月30日');
  });
});
