import { ColumnOptions } from 'typeorm';
import { D } from '../domain/decimal';

/**
 * Money is DECIMAL in the database and a fixed-decimal string in the code. SQLite has no exact
 * DECIMAL storage, so values are normalised to `scale` places on the way out; amounts up to
 * 999,999,999,999.99 keep every digit either way.
 */
export function decimalColumn(scale = 2, precision = 18, nullable = false): ColumnOptions {
  return {
    type: 'decimal',
    precision,
    scale,
    nullable,
    transformer: {
      to: (v: string | null | undefined) => (v == null ? v : (padded(v, scale) ?? new D(v).toFixed(scale))),
      from: (v: string | number | null) => (v == null ? null : (padded(v, scale) ?? new D(v).toFixed(scale))),
    },
  };
}

const PLAIN_NON_NEGATIVE = /^(?:0|[1-9]\d*)(?:\.(\d+))?$/;

/**
 * `new D(v).toFixed(scale)` for the common case, a plain non-negative value with at most `scale`
 * decimals (MySQL's DECIMAL text, SQLite's numbers, most values written): its digits padded with zeros — the same text
 * without decimal.js, which a large tender's 100,000s of scores would otherwise pay per row. Null
 * for anything else (rounding, signs, exponents), which decimal.js handles.
 */
export function padded(v: string | number, scale: number): string | null {
  const text = typeof v === 'number' ? String(v) : v;
  const m = PLAIN_NON_NEGATIVE.exec(text);
  if (!m) return null;
  const places = m[1]?.length ?? 0;
  if (places > scale) return null;
  return places === scale ? text : `${text}${places === 0 && scale > 0 ? '.' : ''}${'0'.repeat(scale - places)}`;
}

/** JSON stored as text: portable across SQLite and MySQL, read back as objects. */
export function jsonColumn(nullable = false): ColumnOptions {
  return {
    type: 'text',
    nullable,
    transformer: {
      to: (v: unknown) => (v === undefined ? undefined : v === null ? null : JSON.stringify(v)),
      from: (v: string | null) => (v == null ? null : JSON.parse(v)),
    },
  };
}
