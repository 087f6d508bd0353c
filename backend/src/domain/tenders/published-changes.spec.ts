import { EDITABLE_WHEN_PUBLISHED, MIN_NOTICE_DAYS, publishedChangeErrors } from './published-changes';

const now = new Date('2026-03-01T00:00:00+08:00');
const at = (days: number, seconds = 0) => new Date(now.getTime() + days * 86_400_000 + seconds * 1000).toISOString();
const schedule = { bidDeadline: at(20), openingTime: at(20) };
const codes = (errors: { path: string; code: string }[]) => errors.map((e) => `${e.path}:${e.code}`);

describe('publishedChangeErrors (87号令 art. 27)', () => {
  it('lets the deadline and the opening move later at any time', () => {
    expect(publishedChangeErrors(['bidDeadline', 'openingTime'], schedule, { bidDeadline: at(40), openingTime: at(41) }, now)).toEqual([]);
  });

  it('lets them move earlier while at least 15 days of notice are left', () => {
    const earlier = { bidDeadline: at(MIN_NOTICE_DAYS), openingTime: at(MIN_NOTICE_DAYS, 60) };
    expect(publishedChangeErrors(['bidDeadline', 'openingTime'], schedule, earlier, now)).toEqual([]);
  });

  it('refuses an earlier time with less notice: the opening 35 s ahead, or 15 days less a second', () => {
    const attack = { bidDeadline: at(0, 30), openingTime: at(0, 35) };
    expect(codes(publishedChangeErrors(['bidDeadline', 'openingTime'], schedule, attack, now))).toEqual([
      'bidDeadline:scheduleNoticeTooShort',
      'openingTime:scheduleNoticeTooShort',
    ]);
    const justShort = { ...schedule, openingTime: at(MIN_NOTICE_DAYS, -1) };
    expect(codes(publishedChangeErrors(['openingTime'], schedule, justShort, now))).toEqual(['openingTime:scheduleNoticeTooShort']);
  });

  it('refuses a time in the past, and every field bidders price against', () => {
    const past = { ...schedule, bidDeadline: at(-1) };
    expect(codes(publishedChangeErrors(['bidDeadline', 'priceWeight'], schedule, past, now))).toEqual([
      'priceWeight:fixedOncePublished',
      'bidDeadline:deadlinePassed',
    ]);
  });

  it('keeps the description and the validity editable', () => {
    const description = EDITABLE_WHEN_PUBLISHED.filter((f) => f !== 'bidDeadline' && f !== 'openingTime');
    expect(description).toEqual(['name', 'purchaser', 'agency', 'bidValidityDays']);
    expect(publishedChangeErrors(description, schedule, schedule, now)).toEqual([]);
  });
});
