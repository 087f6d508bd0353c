import { formatCapitals } from '@domain/bids/capitals';
import type { Num } from '@domain/dossier/dossier.types';

/**
 * Exact decimal arithmetic for the amounts the forms prefill (decimal strings in 元). The backend
 * recomputes and judges every figure; these helpers only save the clerk some typing, but they must
 * never round the way binary floats do (1.23 × 3,994,965 must give 4913806.95, not …94.999).
 */

const DECIMAL = /^\d+(\.\d+)?$/;

/** A decimal string as digits scaled by 10^scale, or null when it is not a plain non-negative decimal. */
function scaled(value: string): { digits: bigint; scale: number } | null {
  const text = value.trim().replace(/,/g, '');
  if (!DECIMAL.test(text)) return null;
  const [whole, fraction = ''] = text.split('.');
  return { digits: BigInt(whole + fraction), scale: fraction.length };
}

/** Rounds a scaled non-negative value half-up to the 分 and writes it with two decimals. */
function toCents(digits: bigint, scale: number): bigint {
  if (scale <= 2) return digits * 10n ** BigInt(2 - scale);
  const divisor = 10n ** BigInt(scale - 2);
  return (digits + divisor / 2n) / divisor;
}

function formatCents(cents: bigint): string {
  const text = cents.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** A plain non-negative decimal, normalised to two decimals (half-up), or null. */
export function normaliseAmount(value: string): string | null {
  const parsed = scaled(value);
  return parsed ? formatCents(toCents(parsed.digits, parsed.scale)) : null;
}

/** unit × count rounded half-up to the 分, e.g. the service total T = U × base population. */
export function multiplyAmount(unit: string, count: number | string): string | null {
  const u = scaled(unit);
  const n = scaled(String(count));
  if (!u || !n) return null;
  return formatCents(toCents(u.digits * n.digits, u.scale + n.scale));
}

/** The exact sum of amounts, to the 分; null if any of them is not a plain decimal. */
export function sumAmounts(values: string[]): string | null {
  let cents = 0n;
  for (const value of values) {
    const parsed = scaled(value);
    if (!parsed) return null;
    cents += toCents(parsed.digits, parsed.scale);
  }
  return formatCents(cents);
}

/** Thousands separators for display: "4870000.00" → "4,870,000.00". Non-numbers are returned as given. */
export function groupDigits(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const text = String(value);
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return text;
  return match[1] + match[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (match[3] ?? '');
}

/** A decimal share as a percentage: "0.23" → "23%", "0.125" → "12.5%". */
export function sharePercent(share: Num | null | undefined): string {
  if (share === null || share === undefined || share === '') return '—';
  const text = String(share).trim();
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return text;
  const fraction = (match[2] ?? '').padEnd(2, '0');
  const whole = (match[1] + fraction.slice(0, 2)).replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(2).replace(/0+$/, '');
  return `${whole}${rest ? '.' + rest : ''}%`;
}

/**
 * The capitals (大写金额) of an amount as typed — thousands separators and surrounding blanks allowed —
 * or null when it is not a non-negative amount with at most two decimals that capitals can write.
 */
export function amountCapitals(amount: string): string | null {
  const text = amount.trim().replace(/,/g, '');
  try {
    return formatCapitals(text);
  } catch {
    return null;
  }
}
