import { D, fen } from '../domain/decimal';
import { formatCapitals } from '../domain/bids/capitals';

/**
 * How official documents write numbers and dates. Pure functions: the Handlebars helpers of the
 * templates call them, and so can anything else that must write the same way.
 */

/** Amounts in figures (小写): thousands separators and exactly two decimals, half-up to the 分. */
export function money(amount: string | number): string {
  const [yuan, cents] = fen(amount).split('.');
  return `${yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** Amounts in capitals (大写), rounded to the 分 first so that figures and capitals always agree. */
export function capitals(amount: string | number): string {
  return formatCapitals(fen(amount));
}

/** A fraction as a percentage without trailing zeros: 0.85 → 85%, 0.005 → 0.5%. */
export function percent(fraction: string | number): string {
  return `${new D(fraction).times(100).toString()}%`;
}

/** Integers with thousands separators (populations, head counts). */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * The calendar day in China (UTC+8, no daylight saving) as YYYY-MM-DD: contract years, due dates and
 * signing days are Chinese calendar days whatever the server's time zone.
 */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The minute in China, `2026-03-01 10:30`: opening times and windows as the bidders read them. */
export function chinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** 2026年11月25日, from a YYYY-MM-DD day or an instant (read as a China day). */
export function chineseDate(day: string | Date): string {
  const iso = day instanceof Date ? chinaDay(day) : day;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new Error(`not a date / 日期无效: ${iso}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}
