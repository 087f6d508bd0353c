/** The offset the product works in (China Standard Time); datetime-local inputs are read in it. */
export const CHINA_OFFSET = '+08:00';

/** "2026-12-20T09:30" (a datetime-local value) → "2026-12-20T09:30:00+08:00"; empty stays empty. */
export function localToIso(value: string): string {
  const text = value.trim();
  if (!text) return '';
  const withSeconds = /T\d{2}:\d{2}$/.test(text) ? `${text}:00` : text;
  return withSeconds + CHINA_OFFSET;
}

/** An ISO instant as a datetime-local value in Beijing time, for editing. */
export function isoToLocal(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  return new Date(time + 8 * 3600_000).toISOString().slice(0, 16);
}
