import { groupDigits, normaliseAmount } from './money';

/** An amount in nz-input-number as the clerk reads it: 90 → "¥ 90", 1234.5 → "¥ 1,234.5". */
export const yuanFormatter = (value: number): string => `¥ ${groupDigits(value)}`;

/** Back from what the formatter shows to the figure. */
export const yuanParser = (text: string): number => Number(text.replace(/[¥,\s]/g, ''));

/**
 * The API's exact decimal string (two places) for what nz-input-number holds, or '' when empty.
 * The number is at most nzPrecision=2 places: its shortest decimal text is the one typed.
 */
export function amountText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : (normaliseAmount(String(value)) ?? '');
}

/** nz-date-picker's day as the wire's YYYY-MM-DD (the day shown, not the UTC one), or '' when none. */
export function dayText(value: Date | null | undefined): string {
  if (!value) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}
