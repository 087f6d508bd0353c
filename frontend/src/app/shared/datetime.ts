/** The offset the product works in (China Standard Time); date pickers are read in it. */
export const CHINA_OFFSET = '+08:00';

/** An ISO instant as Beijing wall-clock text, "2026-12-20T09:30". */
export function isoToLocal(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  return new Date(time + 8 * 3600_000).toISOString().slice(0, 16);
}

/** A date picker's value, its wall-clock read as Beijing time → "2026-12-20T09:30:00+08:00"; none → "". */
export function pickedToIso(value: Date | null): string {
  if (!value) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  return `${date}T${pad(value.getHours())}:${pad(value.getMinutes())}:00${CHINA_OFFSET}`;
}

/** An ISO instant as a date picker's value showing its Beijing wall-clock, whatever the browser's zone. */
export function isoToPicked(iso: string): Date | null {
  const local = isoToLocal(iso);
  if (!local) return null;
  const [year, month, day, hour, minute] = local.split(/[-T:]/).map(Number);
  return new Date(year, month - 1, day, hour, minute);
}
