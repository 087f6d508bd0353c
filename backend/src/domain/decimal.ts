import Decimal from 'decimal.js';

/**
 * One Decimal flavour for the whole product: 40 significant digits so that price-score ratios
 * (B / P × weight) stay exact far beyond the 2 published decimals, and half-up rounding as the
 * spec requires for published scores and for amounts rounded to the 分.
 */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

export const dec = (v: Decimal.Value): Dec => new D(v);

/** Round an amount half-up to the 分 (0.01 元) and return it as a fixed two-decimal string. */
export const fen = (v: Decimal.Value): string => new D(v).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2);

/** Publish a score: half-up to `places` decimals, as a fixed decimal string. */
export const publish = (v: Decimal.Value, places = 2): string => new D(v).toDecimalPlaces(places, D.ROUND_HALF_UP).toFixed(places);
