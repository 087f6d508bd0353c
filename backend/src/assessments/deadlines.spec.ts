import type { AssessmentStatus } from '../domain/lifecycles';
import { addDays, assessmentDue, DeadlineFacts, overdueItems, reportDue, rewardDue } from './deadlines';

describe('assessment deadlines (DOMAIN.md §8)', () => {
  it('report 1 month and assessment 3 months after the contract year; reward payment 1 month after the final result', () => {
    expect([reportDue(2024), assessmentDue(2024)]).toEqual(['2025-01-31', '2025-03-31']);
    expect([rewardDue('2025-04-15'), rewardDue('2025-01-31'), rewardDue('2024-01-31'), rewardDue('2025-12-20')]).toEqual([
      '2025-05-15',
      '2025-02-28',
      '2024-02-29',
      '2026-01-20',
    ]);
    // The scheme's due month: Henan (art. 36) May of the next year; the default is 3 months after the year.
    expect([
      assessmentDue(2024, { month: 5, yearOffset: 1 }),
      assessmentDue(2024, null),
      assessmentDue(2023, { month: 2, yearOffset: 1 }),
    ]).toEqual(['2025-05-31', '2025-03-31', '2024-02-29']);
    expect([addDays('2025-02-25', 10), addDays('2024-12-31', 1)]).toEqual(['2025-03-07', '2025-01-01']);
  });

  const contract = (
    contractId: number,
    assessment: DeadlineFacts['assessment'],
    contractStatus: DeadlineFacts['contractStatus'] = 'signed',
  ): DeadlineFacts => ({
    contractId,
    year: 2024,
    contractStatus,
    schemeDue: null,
    reports: [],
    assessment,
  });
  const a = (status: AssessmentStatus, extra: Partial<NonNullable<DeadlineFacts['assessment']>> = {}) => ({
    id: 10,
    status,
    finalDay: null,
    rewardMilestoneStatus: null,
    ...extra,
  });
  const kinds = (facts: DeadlineFacts[], today: string) =>
    overdueItems(facts, today).map((i) => [i.contractId, i.kind, i.dueDate, i.daysOverdue]);

  it('lists what is missed, from the day after the due day', () => {
    const facts = [
      contract(1, null),
      contract(2, a('open')),
      contract(3, a('submitted')),
      contract(4, a('published')),
      contract(5, a('final', { finalDay: '2025-04-10', rewardMilestoneStatus: 'payable' })),
      contract(6, a('final', { finalDay: '2025-04-10', rewardMilestoneStatus: 'paid' })),
      contract(7, null, 'draft'),
    ];
    expect(kinds(facts, '2025-01-31')).toEqual([]);
    expect(kinds(facts, '2025-02-01')).toEqual([
      [1, 'report', '2025-01-31', 1],
      [2, 'report', '2025-01-31', 1],
    ]);
    expect(kinds(facts, '2025-05-11')).toEqual([
      [1, 'report', '2025-01-31', 100],
      [1, 'assessment', '2025-03-31', 41],
      [2, 'report', '2025-01-31', 100],
      [2, 'assessment', '2025-03-31', 41],
      [3, 'assessment', '2025-03-31', 41],
      [5, 'reward-payment', '2025-05-10', 1],
    ]);
  });

  it('waits for the scheme’s month, and for each periodic report not in while the contract is in force', () => {
    const henan = (contractId: number, contractStatus: DeadlineFacts['contractStatus'] = 'signed'): DeadlineFacts => ({
      ...contract(contractId, a('submitted'), contractStatus),
      schemeDue: { month: 5, yearOffset: 1 },
      reports: [
        { kind: 'monthly', period: '2024-11', dueDate: '2024-12-05', submitted: true },
        { kind: 'monthly', period: '2024-12', dueDate: '2025-01-05', submitted: false },
        { kind: 'annual', period: '2024', dueDate: '2025-01-20', submitted: false },
      ],
    });
    const items = (today: string, facts = [henan(1), henan(2, 'terminated')]) =>
      overdueItems(facts, today).map((i) => [i.contractId, i.kind, i.period, i.dueDate, i.daysOverdue]);
    expect(items('2025-01-05')).toEqual([]);
    expect(items('2025-01-21')).toEqual([
      [1, 'monthly-report', '2024-12', '2025-01-05', 16],
      [1, 'annual-report', '2024', '2025-01-20', 1],
    ]);
    // Not in April, as a default scheme would be: on 1 June.
    expect(items('2025-05-31').filter((i) => i[1] === 'assessment')).toEqual([]);
    expect(items('2025-06-01').filter((i) => i[1] === 'assessment')).toEqual([[1, 'assessment', '', '2025-05-31', 1]]);
  });
});
