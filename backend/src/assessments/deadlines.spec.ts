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
});
