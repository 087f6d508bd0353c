import { D } from '../decimal';
import type { Num } from './dossier.types';

/** How the rows and the dossier write values: the rows keep decimals as text, the dossier leaves out what is absent. */

/**
 * A dossier number as the text a DECIMAL column keeps: a number's own text, without building a decimal
 * per score, except where that text has an exponent (String(5e-324) is "5e-324", which the dossier's
 * decimal text refuses on export): then decimal.js's plain notation.
 */
export const decimalText = (v: Num): string => {
  if (typeof v !== 'number') return v;
  const text = String(v);
  return text.includes('e') ? new D(v).toFixed() : text;
};

/** A column's null as the dossier's absent field. */
export const optional = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** "10.00" → "10"; "85.50" → "85.5": weights and marks read as people write them. */
export const trimZeros = (v: string): string => new D(v).toString();

/** Ratios keep two decimals at least ("0.20", "0.005"), as the dossier writes them. */
export const fraction = (v: string): string => {
  const s = new D(v).toString();
  const decimals = s.split('.')[1]?.length ?? 0;
  return decimals >= 2 ? s : new D(v).toFixed(2);
};
