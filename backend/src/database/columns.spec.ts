import fc from 'fast-check';
import { D } from '../domain/decimal';
import { padded } from './columns';

describe('padded (the decimal column read without decimal.js)', () => {
  it('gives what decimal.js gives, or leaves the value to it', () => {
    const text = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 100),
      fc.stringMatching(/^-?\d{1,6}(\.\d{0,7})?$/),
      fc.constantFrom('0', '-0', '0.0', '-0.00', '007.5', '1e3', '12.', '.5', 1e21, -0, 0.1 + 0.2),
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 6 }), (v, scale) => {
        const fast = padded(v, scale);
        if (fast !== null) expect(fast).toBe(new D(v).toFixed(scale));
      }),
      { numRuns: 5000 },
    );
  });

  it('takes the plain values a database returns', () => {
    expect(padded('7.5', 1)).toBe('7.5');
    expect(padded(7, 2)).toBe('7.00');
    expect(padded('120000.5', 2)).toBe('120000.50');
    expect(padded(3, 0)).toBe('3');
    expect(padded('1.005', 2)).toBeNull();
    expect(padded('-1.5', 2)).toBeNull();
  });
});
