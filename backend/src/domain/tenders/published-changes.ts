import { fieldError, type FieldError } from '../errors';

/**
 * While a tender is published, bidders are pricing against it: only its description and its schedule
 * may still change, each change announced (澄清/更正公告). Evaluation settings, lots and schemes are
 * fixed from publication on.
 */
export const EDITABLE_WHEN_PUBLISHED = ['name', 'purchaser', 'agency', 'bidDeadline', 'openingTime', 'bidValidityDays'] as const;
/** What a clarification notice may change, and so the fields it lists. */
export type ClarifiedField = (typeof EDITABLE_WHEN_PUBLISHED)[number];
const EDITABLE: ReadonlySet<string> = new Set(EDITABLE_WHEN_PUBLISHED);

/** The schedule's times, as ISO-8601 text with an offset. */
export const SCHEDULE_FIELDS = ['bidDeadline', 'openingTime'] as const;
export type ScheduleField = (typeof SCHEDULE_FIELDS)[number];
export type Schedule = Record<ScheduleField, string>;

/**
 * 政府采购货物和服务招标投标管理办法 (财政部令第87号) art. 27: a clarification or change that may affect
 * the bids is announced at least 15 days before the bid deadline; with less notice the deadline is put off.
 */
export const MIN_NOTICE_DAYS = 15;
const DAY_MS = 86_400_000;

/**
 * What a published tender's change may not do: touch a field bidders price against; move the bid
 * deadline or the opening into the past; move either earlier unless the new time still leaves
 * MIN_NOTICE_DAYS of notice from now. Moving them later is always allowed.
 */
export function publishedChangeErrors(changed: readonly string[], before: Schedule, after: Schedule, now: Date): FieldError[] {
  const fixed = changed.filter((field) => !EDITABLE.has(field)).map((path) => fieldError(path, 'fixedOncePublished'));
  const schedule = SCHEDULE_FIELDS.filter((field) => changed.includes(field)).flatMap((field) => {
    const at = Date.parse(after[field]);
    if (at <= now.getTime()) return [fieldError(field, 'deadlinePassed')];
    if (at < Date.parse(before[field]) && at - now.getTime() < MIN_NOTICE_DAYS * DAY_MS) {
      return [fieldError(field, 'scheduleNoticeTooShort', { days: MIN_NOTICE_DAYS })];
    }
    return [];
  });
  return [...fixed, ...schedule];
}
