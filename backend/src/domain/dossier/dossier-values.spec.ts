import { decimalText } from './dossier-values';

describe('decimalText', () => {
  it('keeps text and a plain number as they are written', () => {
    expect(decimalText('12.50')).toBe('12.50');
    expect(decimalText(12.5)).toBe('12.5');
    expect(decimalText(-3)).toBe('-3');
  });

  it('writes a number JavaScript prints with an exponent in plain notation (found by the import fuzz test, seed 1507669518)', () => {
    expect(decimalText(5e-7)).toBe('0.0000005');
    expect(decimalText(1e21)).toBe('1000000000000000000000');
    expect(decimalText(5e-324)).toMatch(/^0\.0{323}5$/);
  });
});
