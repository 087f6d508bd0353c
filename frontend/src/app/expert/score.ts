/**
 * Exact decimal helpers for the score sheet. Scores are 0..max in steps of 0.1 (DOMAIN.md §4); the
 * backend judges every value again, these only keep obviously wrong cells from being sent and add up
 * the column totals without binary-float rounding.
 */

interface Scaled {
  digits: bigint;
  scale: number;
}

const PLAIN = /^\d+(\.\d+)?$/;

function parse(text: string): Scaled | null {
  const value = text.trim();
  if (!PLAIN.test(value)) return null;
  const [whole, fraction = ''] = value.split('.');
  return { digits: BigInt(whole + fraction), scale: fraction.length };
}

function rescale(value: Scaled, scale: number): bigint {
  return value.digits * 10n ** BigInt(scale - value.scale);
}

function format(value: Scaled): string {
  if (value.scale === 0) return value.digits.toString();
  const text = value.digits.toString().padStart(value.scale + 1, '0');
  const whole = text.slice(0, -value.scale);
  const fraction = text.slice(-value.scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** The outcome of checking one cell: empty (not scored yet), a valid score, or a reason it is invalid. */
export type ScoreCheck = { state: 'empty' } | { state: 'valid'; value: string } | { state: 'invalid'; message: string };

/**
 * Checks a typed score against the criterion's max: a plain number, 0..max, a multiple of 0.1.
 * A valid value is normalised to what the API takes ("3", "3.5"; "2.50" → "2.5").
 */
export function checkScore(text: string, max: string): ScoreCheck {
  const value = text.trim();
  if (value === '') return { state: 'empty' };
  const parsed = parse(value);
  if (!parsed) return { state: 'invalid', message: `请输入0～${max}之间的数字` };
  const normal = parse(format(parsed))!;
  if (normal.scale > 1) return { state: 'invalid', message: '分值须以0.1为单位' };
  const limit = parse(max);
  if (limit) {
    const scale = Math.max(normal.scale, limit.scale);
    if (rescale(normal, scale) > rescale(limit, scale)) {
      return { state: 'invalid', message: `不得超过该项满分${max}` };
    }
  }
  return { state: 'valid', value: format(normal) };
}

/** The exact sum of decimal strings; values that are not plain decimals are skipped. */
export function sumScores(values: string[]): string {
  let total: Scaled = { digits: 0n, scale: 0 };
  for (const text of values) {
    const value = parse(text);
    if (!value) continue;
    const scale = Math.max(total.scale, value.scale);
    total = { digits: rescale(total, scale) + rescale(value, scale), scale };
  }
  return format(total);
}
