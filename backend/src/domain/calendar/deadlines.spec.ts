import { OFFICIAL_HOLIDAYS } from './holidays';
import { challengePeriodEnd, contractHold, validityEnd, validityWarning } from './deadlines';
import { workingCalendar } from './working-days';

const calendar = workingCalendar(OFFICIAL_HOLIDAYS);

describe('bid validity', () => {
  it('ends the validity days after the opening day', () => {
    expect(validityEnd('2026-07-01', 90)).toBe('2026-09-29');
  });

  it('warns within 5 working days of the end, counted over the National Day week, and once it has passed', () => {
    // Ends Wednesday 14 Oct 2026; from Tuesday 29 Sep there are 7 working days left (Wed 30, Thu 8, Fri 9, Sat 10, Mon 12 …).
    expect(validityWarning('2026-10-14', '2026-09-29', calendar)).toBeNull();
    // From Wed 30 Sep: Thu 8, Fri 9, Sat 10 (调休), Mon 12, Tue 13, Wed 14 → 6.
    expect(validityWarning('2026-10-14', '2026-09-30', calendar)).toBeNull();
    // From Thu 1 Oct (a holiday): the same 6 days left; from Thu 8 Oct: 5.
    expect(validityWarning('2026-10-14', '2026-10-01', calendar)).toBeNull();
    expect(validityWarning('2026-10-14', '2026-10-08', calendar)).toBe('validity-expiring');
    expect(validityWarning('2026-10-14', '2026-10-14', calendar)).toBe('validity-expiring');
    expect(validityWarning('2026-10-14', '2026-10-15', calendar)).toBe('validity-expired');
  });
});

describe('challenge period and the contract hold', () => {
  const confirmedAt = '2026-02-12T02:00:00.000Z';
  const periodEnd = challengePeriodEnd('2026-02-12', 7, calendar);

  it('runs 7 working days after publication, over the Spring Festival to the adjusted Saturday', () => {
    expect(periodEnd).toBe('2026-02-28');
  });

  it('holds contracts while the period runs, then releases them', () => {
    expect(contractHold({ today: '2026-02-28', periodEnd, confirmedAt, challenges: [] })).toBe('challenge-period');
    expect(contractHold({ today: '2026-03-01', periodEnd, confirmedAt, challenges: [] })).toBeNull();
  });

  it('holds them while a challenge waits for its answer, even after the period', () => {
    const challenges = [{ status: 'filed' as const, answeredAt: null }];
    expect(contractHold({ today: '2026-03-10', periodEnd, confirmedAt, challenges })).toBe('challenge-unanswered');
    const rejected = [{ status: 'rejected' as const, answeredAt: '2026-03-02T02:00:00.000Z' }];
    expect(contractHold({ today: '2026-03-10', periodEnd, confirmedAt, challenges: rejected })).toBeNull();
  });

  it('holds them after an upheld challenge until the award is confirmed again', () => {
    const upheld = [{ status: 'upheld' as const, answeredAt: '2026-03-02T02:00:00.000Z' }];
    expect(contractHold({ today: '2026-03-10', periodEnd, confirmedAt, challenges: upheld })).toBe('reevaluation-required');
    // Confirmed again after the re-evaluation: the new award's own period runs.
    const again = '2026-03-09T02:00:00.000Z';
    const newEnd = challengePeriodEnd('2026-03-09', 7, calendar);
    expect(contractHold({ today: '2026-03-10', periodEnd: newEnd, confirmedAt: again, challenges: upheld })).toBe('challenge-period');
    expect(contractHold({ today: '2026-03-19', periodEnd: newEnd, confirmedAt: again, challenges: upheld })).toBeNull();
  });
});
