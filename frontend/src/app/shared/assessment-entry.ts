/** Client-side checks and display helpers for annual assessments (年度考核, DOMAIN.md §7); their labels are in domain/labels.ts. */
import type { FieldError } from '../core/api-error';
import type { SchemeKind } from '@domain/assessments/assessment-codes';
import type { ItemRule, ItemScore, SchemeItem } from '@domain/wire/assessments';
import { sharePercent } from './money';

export const FILE_ACCEPT = '.pdf,.jpg,.jpeg,.png,.xlsx,.docx';
export const FILE_MAX_BYTES = 10 * 1024 * 1024;

/** A file the assessment will accept (by extension and size; the server also checks the content), or why not. */
export function fileProblem(file: File): string | null {
  if (!/\.(pdf|jpe?g|png|xlsx|docx)$/i.test(file.name)) return '文件类型须为 PDF、JPG、PNG、Excel（.xlsx）或 Word（.docx）';
  if (file.size > FILE_MAX_BYTES) return '文件不能超过10MB';
  if (file.size === 0) return '文件为空';
  return null;
}

/** A file size for display: bytes below 1 KB, else KB or MB. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Today in China (YYYY-MM-DD), the day the objection period is judged on. */
export function chinaToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A rate as a percentage: "0.80" → "80%", "0.005" → "0.5%". */
export const ratePercent = sharePercent;

/** A score for display: "85.00" → "85", "84.90" → "84.9". */
export function scoreText(score: string | null | undefined): string {
  if (score === null || score === undefined || score === '') return '—';
  return /^\d+\.\d+$/.test(score) ? score.replace(/\.?0+$/, '') : score;
}

/** How a points item earns its points, in words. */
export function ruleText(rule: ItemRule | undefined, max: string): string {
  switch (rule?.kind) {
    case 'binary':
      return `达到得${max}分，否则0分`;
    case 'k-of-n':
      return `${rule.n}项子指标，每项${rule.pointsEach}分`;
    case 'per-case-deduction':
      return `每发现一例扣${rule.perCase}分，扣完为止`;
    default:
      return `酌情评分0–${max}分`;
  }
}

const DECIMAL = /^\d+(\.\d{1,2})?$/;

/** A non-negative decimal with at most two places as hundredths, or null. */
function toHundredths(text: string): number | null {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const [whole, fraction = ''] = t.split('.');
  if (fraction.length > 2 && /[1-9]/.test(fraction.slice(2))) return null;
  return Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
}

const fromHundredths = (n: number) => (n % 100 === 0 ? String(n / 100) : (n / 100).toFixed(n % 10 === 0 ? 1 : 2));

/** The points a rule can give (as decimal strings), or null when any value in 0..max can be given. */
export function possiblePoints(item: SchemeItem): string[] | null {
  const max = toHundredths(item.max) ?? 0;
  const rule = item.rule;
  let values: number[] | null = null;
  if (rule?.kind === 'binary') values = [0, max];
  else if (rule?.kind === 'k-of-n') {
    const each = toHundredths(rule.pointsEach) ?? 0;
    values = Array.from({ length: rule.n + 1 }, (_, k) => Math.min(k * each, max));
  } else if (rule?.kind === 'per-case-deduction') {
    const per = toHundredths(rule.perCase) ?? 1;
    const cases = Math.ceil(max / per);
    values = Array.from({ length: cases + 1 }, (_, c) => Math.max(max - c * per, 0));
  }
  return values && [...new Set(values)].sort((a, b) => a - b).map(fromHundredths);
}

/**
 * What is wrong with an entered item value, or null when it is acceptable: points 0..max and a value
 * its rule can give; a deduction ≥ 0 (above the weight it is capped, which is a warning, not an error).
 * Empty is acceptable (the item is not scored yet).
 */
export function itemValueProblem(kind: SchemeKind, item: SchemeItem, raw: string | null | undefined): string | null {
  const text = (raw ?? '').toString().trim();
  if (!text) return null;
  if (text.startsWith('-')) return '不能为负数';
  if (!DECIMAL.test(text)) return '须为最多两位小数的数值';
  if (kind === 'deduction') return null;
  const value = toHundredths(text)!;
  const max = toHundredths(item.max) ?? 0;
  if (value > max) return `不能超过该项分值${item.max}`;
  const possible = possiblePoints(item);
  if (possible && !possible.some((p) => toHundredths(p) === value)) return `按评分规则只能为 ${possible.join('、')}`;
  return null;
}

/** Whether a deduction exceeds the item's weight (it is then counted only up to the weight). */
export function deductionCapped(item: SchemeItem, raw: string | null | undefined): boolean {
  const value = toHundredths((raw ?? '').toString());
  const weight = toHundredths(item.max);
  return value !== null && weight !== null && value > weight;
}

/**
 * The score the entered values give, before saving (the server's figure is the one that counts):
 * points: the sum of the entered points; deduction: 100 less each deduction capped at its weight.
 */
export function provisionalScore(kind: SchemeKind, items: SchemeItem[], values: Record<string, string>): string {
  let total = 0;
  for (const item of items) {
    const v = toHundredths(values[item.no] ?? '');
    if (v === null) continue;
    total += kind === 'points' ? v : Math.min(v, toHundredths(item.max) ?? 0);
  }
  const score = kind === 'points' ? total : Math.max(10000 - total, 0);
  return fromHundredths(score);
}

/** The value an item score records: points or a deduction, by scheme kind. */
export function itemValue(score: ItemScore | undefined, kind: 'points' | 'deduction'): string {
  const value = kind === 'points' ? score?.points : score?.deduction;
  return value === undefined || value === null ? '' : scoreText(String(value));
}

/** Request error paths such as `items[2].points` or `rows[5].deduction`, by the index in brackets. */
export function errorsByIndex(errors: FieldError[], field: string): Map<number, string[]> {
  const found = new Map<number, string[]>();
  const pattern = new RegExp(`^${field}\\[(\\d+)\\]`);
  for (const e of errors) {
    const match = pattern.exec(e.path);
    if (!match) continue;
    const index = Number(match[1]);
    found.set(index, [...(found.get(index) ?? []), e.message]);
  }
  return found;
}
