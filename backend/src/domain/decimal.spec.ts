import { D, fen, larger, publish, smaller } from './decimal';

describe('decimal helpers', () => {
  it('rounds amounts half-up to the 分', () => {
    expect(fen('4913806.945')).toBe('4913806.95');
    expect(fen('1.005')).toBe('1.01');
    expect(fen('2')).toBe('2.00');
  });
  it('takes an amount already at the 分 as it is, and reads any other form', () => {
    expect(fen('4913806.94')).toBe('4913806.94');
    expect(fen('0.50')).toBe('0.50');
    expect(fen('007.50')).toBe('7.50');
    expect(fen('-0.50')).toBe('-0.50');
    expect(fen(12.5)).toBe('12.50');
  });
  it('publishes scores half-up', () => {
    expect(publish('84.995')).toBe('85.00');
    expect(publish('84.994999')).toBe('84.99');
  });
  it('larger and smaller give what D.max and D.min give, zeros and NaN included', () => {
    const values = ['1', '2', '-3', '0', '-0', '2.50', 'NaN', 'Infinity'].map((v) => new D(v));
    for (const x of values) {
      for (const y of values) {
        expect(Object.is(larger(x, y).s, D.max(x, y).s) && larger(x, y).toString()).toBe(D.max(x, y).toString());
        expect(Object.is(smaller(x, y).s, D.min(x, y).s) && smaller(x, y).toString()).toBe(D.min(x, y).toString());
      }
    }
  });
});
