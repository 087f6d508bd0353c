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
      to: (v: string | null | undefined) => (v == null ? v : new D(v).toFixed(scale)),
      from: (v: string | number | null) => (v == null ? null : new D(v).toFixed(scale)),
    },
  };
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
