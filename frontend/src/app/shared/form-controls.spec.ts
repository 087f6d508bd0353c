import { amountText, dayText, yuanFormatter, yuanParser } from './form-controls';

describe('form controls', () => {
  it('shows an amount with ¥ and separators and reads it back', () => {
    expect(yuanFormatter(1234567.5)).toBe('¥ 1,234,567.5');
    expect(yuanParser('¥ 1,234,567.5')).toBe(1234567.5);
  });

  it('sends an amount as the exact two-place decimal string the API expects', () => {
    expect(amountText(90)).toBe('90.00');
    expect(amountText(0.1 + 0.2)).toBe('0.30');
    expect(amountText(4913806.95)).toBe('4913806.95');
    expect(amountText(null)).toBe('');
  });

  it('sends the day shown by the picker as YYYY-MM-DD', () => {
    expect(dayText(new Date(2025, 0, 1, 0, 30))).toBe('2025-01-01');
    expect(dayText(new Date(2025, 11, 31, 23, 59))).toBe('2025-12-31');
    expect(dayText(null)).toBe('');
  });
});
