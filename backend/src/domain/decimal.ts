import Decimal from 'decimal.js';

/**
 * One Decimal flavour for the whole product: 40 significant digits so that price-score ratios
 * (B / P × weight) stay exact far beyond the 2 published decimals, and half-up rounding as the
 * spec requires for published scores and for amounts rounded to the 分.
 */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

export const dec = (v: Decimal.Value): Dec => new D(v);

/**
 * D.max and D.min of two decimals, the very same results (a NaN wins, of two zeros max gives +0 and min
 * −0), without the copy of each argument decimal.js makes: hot in the scoring of every bid.
 */
export const larger = (x: Dec, y: Dec): Dec => {
  if (y.isNaN()) return y;
  const k = x.cmp(y);
  return k === -1 || (k === 0 && x.s === -1) ? y : x;
};
export const smaller = (x: Dec, y: Dec): Dec => {
  if (y.isNaN()) return y;
  const k = x.cmp(y);
  return k === 1 || (k === 0 && x.s === 1) ? y : x;
};

/**
 * Round an amount half-up to the 分 (0.01 元) and return it as a fixed two-decimal string. Most amounts
 * already are one (every stored amount is): those are returned as they are, without decimal.js.
 */
export const fen = (v: Decimal.Value): string => (typeof v === 'string' && FEN.test(v) ? v : publish(v, 2));
const FEN = /^(?:0|[1-9]\d*)\.\d\d$/;

/**
 * Publish a score: half-up to `places` decimals, as a fixed decimal string. A decimal is not copied
 * first, and toFixed rounds it in the same step — except a negative value, which toFixed would print
 * as "-0.00" where it rounds to 0: that one is rounded first, as it always was.
 */
export function publish(v: Decimal.Value, places = 2): string {
  const d = v instanceof D ? v : new D(v);
  return d.isNeg() ? d.toDecimalPlaces(places, D.ROUND_HALF_UP).toFixed(places) : d.toFixed(places, D.ROUND_HALF_UP);
}

/**
 * A decimal as a whole number of units of 10^-places, exact for any finite value decimal.js reads
 * (plain text like "7.5" directly; exponents, hex and the like through decimal.js); null for anything else.
 * Sums of such units are exact and far cheaper than decimal.js arithmetic: the outlier check adds up scores this way.
 */
export function exactUnits(v: Decimal.Value): { units: bigint; places: number } | null {
  let text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v : v.toString();
  let m = PLAIN.exec(text);
  if (!m) {
    let d: Dec;
    try {
      d = new D(v);
    } catch {
      return null;
    }
    if (!d.isFinite()) return null;
    text = d.toFixed();
    m = PLAIN.exec(text)!;
  }
  const [, sign, whole, fraction = ''] = m;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign === '-' ? -units : units, places: fraction.length };
}
const PLAIN = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** Units of 10^-`from` as units of 10^-`to` (to ≥ from). */
export const rescale = (units: bigint, from: number, to: number): bigint => (to === from ? units : units * 10n ** BigInt(to - from));
