import { groupDigits, multiplyAmount, normaliseAmount, sumAmounts } from './money';

describe('money', () => {
  it('multiplies exactly and rounds half-up to the 分', () => {
    expect(multiplyAmount('1.23', 3994965)).toBe('4913806.95');
    expect(multiplyAmount('1.22', 3994965)).toBe('4873857.30');
    expect(multiplyAmount('1.005', 1)).toBe('1.01');
    expect(multiplyAmount('0.1234', 3)).toBe('0.37');
    expect(multiplyAmount('x', 3)).toBeNull();
  });

  it('adds amounts exactly', () => {
    expect(sumAmounts(['4873857.30', '300000.00', '500000'])).toBe('5673857.30');
    expect(sumAmounts(['0.1', '0.2'])).toBe('0.30');
    expect(sumAmounts(['1', 'a'])).toBeNull();
  });

  it('normalises and groups', () => {
    expect(normaliseAmount('1,000.5')).toBe('1000.50');
    expect(groupDigits('4870000.00')).toBe('4,870,000.00');
    expect(groupDigits(3994965)).toBe('3,994,965');
    expect(groupDigits(null)).toBe('—');
  });
});
