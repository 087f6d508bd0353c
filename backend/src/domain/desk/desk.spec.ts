import { adminDesk, bureauDesk, byDue, expertDesk, insurerDesk, procurementDesk, type Clock } from './desk';
import { label } from '../labels';
import { MAIL_ATTEMPTS, mailRetryDelayMs, notificationMail, notificationText } from './notifications';

const clock: Clock = { today: '2026-03-10', now: new Date('2026-03-10T02:00:00Z') };
const kinds = (items: { kind: string }[]) => items.map((i) => i.kind);

describe('the desk (待办) of each role', () => {
  it('expert: declare first; then each opened lot not submitted, to score or (begun) to sign', () => {
    const items = expertDesk({
      seats: [
        { tender: { id: 1, name: '宁波长护' }, declared: false, lots: [{ no: '1', name: '中心片区', sheet: null }] },
        {
          tender: { id: 2, name: '沈阳大病' },
          declared: true,
          lots: [
            { no: '1', name: '甲', sheet: null },
            { no: '2', name: '乙', sheet: 'draft' },
            { no: '3', name: '丙', sheet: 'submitted' },
          ],
        },
      ],
    });
    expect(items.map((i) => [i.kind, i.link])).toEqual([
      ['declaration-due', '/expert/tenders/1'],
      ['sheet-to-score', '/expert/tenders/2/lots/1'],
      ['sheet-to-sign', '/expert/tenders/2/lots/2'],
    ]);
    expect(items[2].object.name).toBe('沈阳大病 第2包 乙');
  });

  it('procurement: opening due (overdue once its time is past), amounts, disputes, review, award, challenges', () => {
    const base = { awaitingAmounts: 0, disputes: 0, challenges: 0 };
    const items = procurementDesk(
      {
        tenders: [
          { id: 1, name: 'A', status: 'closed', openingTime: '2026-03-10T09:30:00+08:00', ...base },
          { id: 2, name: 'B', status: 'published', openingTime: '2026-03-11T09:30:00+08:00', ...base },
          { id: 3, name: 'C', status: 'published', openingTime: '2026-04-01T09:30:00+08:00', ...base },
          { id: 4, name: 'D', status: 'opened', openingTime: '2026-03-01T09:30:00+08:00', ...base, awaitingAmounts: 2, disputes: 1 },
          { id: 5, name: 'E', status: 'qualification', openingTime: '2026-03-01T09:30:00+08:00', ...base },
          { id: 6, name: 'F', status: 'evaluation', openingTime: '2026-03-01T09:30:00+08:00', ...base },
          { id: 7, name: 'G', status: 'awarded', openingTime: '2026-03-01T09:30:00+08:00', ...base, challenges: 3 },
        ],
      },
      clock,
    );
    expect(items.map((i) => [i.object.id, i.kind, i.overdue, i.count])).toEqual([
      [1, 'opening-due', true, undefined],
      [2, 'opening-due', false, undefined],
      [4, 'paper-amounts', false, 2],
      [4, 'dispute-to-answer', false, 1],
      [5, 'bids-to-review', false, undefined],
      [6, 'award-to-confirm', false, undefined],
      [7, 'challenge-to-answer', false, 3],
    ]);
    expect(items.find((i) => i.kind === 'award-to-confirm')!.link).toBe('/procurement/tenders/6/results');
  });

  it('bureau: signatures, payments (overdue past their day), applications, evaluations, assessments, objections, reports, settlements', () => {
    const c = { id: 9, name: '宁波长护 第1包 2026年度' };
    const items = bureauDesk(
      {
        contracts: [
          { ...c, id: 8, status: 'draft', premium: false, assessmentFinal: false, settled: false },
          { ...c, status: 'signed', premium: true, assessmentFinal: true, settled: false },
        ],
        milestones: [
          { contract: c, name: '首付款', status: 'payable', trigger: 'on-signing', dueDate: '2026-03-01', appliedOn: null },
          { contract: c, name: '二期', status: 'payable', trigger: 'on-date', dueDate: '2026-03-20', appliedOn: null },
          { contract: c, name: '一季度', status: 'pending', trigger: 'on-application', dueDate: null, appliedOn: '2026-03-05' },
          { contract: c, name: '二季度', status: 'pending', trigger: 'on-application', dueDate: null, appliedOn: null },
          { contract: c, name: '服务费', status: 'pending', trigger: 'after-service-evaluation', dueDate: null, appliedOn: null },
          { contract: c, name: '尾款', status: 'pending', trigger: 'after-acceptance', dueDate: null, appliedOn: null },
        ],
        assessments: [
          { id: 1, contract: c, status: 'open', objectionDeadline: null, unanswered: 0 },
          { id: 2, contract: c, status: 'submitted', objectionDeadline: null, unanswered: 0 },
          { id: 3, contract: c, status: 'published', objectionDeadline: '2026-03-20', unanswered: 2 },
          { id: 4, contract: c, status: 'published', objectionDeadline: '2026-03-05', unanswered: 0 },
          { id: 5, contract: c, status: 'published', objectionDeadline: '2026-03-20', unanswered: 0 },
        ],
        reportsToReceive: [{ contract: c, period: '月度报告 2026-02', dueDate: '2026-03-05' }],
        overdue: [{ contract: c, kind: 'monthly-report', period: '月度报告 2026-01', dueDate: '2026-02-05' }],
      },
      clock,
    );
    expect(kinds(items)).toEqual([
      'contract-to-sign',
      'settlement-due',
      'payment-payable',
      'payment-payable',
      'application-to-approve',
      'service-evaluation-due',
      'acceptance-due',
      'assessment-to-run',
      'assessment-to-publish',
      'objection-to-answer',
      'assessment-to-finalise',
      'report-to-receive',
      'deadline-overdue',
    ]);
    expect(items.filter((i) => i.kind === 'payment-payable').map((i) => [i.object.name, i.overdue])).toEqual([
      ['宁波长护 第1包 2026年度 首付款', true],
      ['宁波长护 第1包 2026年度 二期', false],
    ]);
    expect(items.find((i) => i.kind === 'deadline-overdue')).toMatchObject({ overdue: true, link: '/bureau/reports', due: '2026-02-05' });
  });

  it('insurer: electronic bids until the deadline, lines in the window, contracts, self-assessments, results in the objection period, reports', () => {
    const c = { id: 3, name: '宁波长护 第1包 2026年度' };
    const items = insurerDesk(
      {
        biddable: [
          { id: 1, name: '电子', bidDeadline: '2026-03-12T09:30:00+08:00', status: 'published', electronic: true, bids: 1 },
          { id: 2, name: '已截止', bidDeadline: '2026-03-09T09:30:00+08:00', status: 'published', electronic: true, bids: 0 },
          { id: 3, name: '纸质', bidDeadline: '2026-03-12T09:30:00+08:00', status: 'published', electronic: false, bids: 0 },
        ],
        openingLines: [
          { tender: { id: 4, name: '开标中' }, pending: 2, windowEndsAt: '2026-03-10T02:30:00.000Z' },
          { tender: { id: 5, name: '窗口已过' }, pending: 1, windowEndsAt: '2026-03-10T01:30:00.000Z' },
        ],
        contracts: [
          { ...c, status: 'draft' },
          { ...c, id: 4, status: 'signed' },
        ],
        assessments: [
          { id: 7, contract: c, status: 'open', objectionDeadline: null },
          { id: 8, contract: c, status: 'published', objectionDeadline: '2026-03-10' },
          { id: 9, contract: c, status: 'published', objectionDeadline: '2026-03-09' },
        ],
        reports: [
          { contract: c, kind: 'monthly', period: '2026-02', dueDate: '2026-03-05', status: 'overdue' },
          { contract: c, kind: 'monthly', period: '2026-03', dueDate: '2026-04-07', status: 'awaited' },
          { contract: c, kind: 'annual', period: '2026', dueDate: '2027-01-20', status: 'awaited' },
          { contract: c, kind: 'monthly', period: '2026-01', dueDate: '2026-02-05', status: 'received' },
        ],
      },
      clock,
    );
    expect(items.map((i) => [i.kind, i.object.id, i.overdue])).toEqual([
      ['bid-before-deadline', 1, false],
      ['opening-line-to-confirm', 4, false],
      ['contract-awaiting-signature', 3, false],
      ['self-assessment-due', 7, false],
      ['assessment-result', 8, false],
      ['report-overdue', 3, true],
      ['report-due', 3, false],
    ]);
    expect(items[0]).toMatchObject({ count: 1, link: '/insurer/tenders/1/bid' });
  });

  it('administrators: locked accounts for each, backups for the system administrator only', () => {
    const facts = {
      locked: [{ id: 5, username: 'clerk', displayName: '王采购', lockedUntil: '2026-03-10T02:15:00.000Z' }],
      backup: { scheduled: true, lastFailed: true, lastRunId: 12 },
    };
    expect(adminDesk('admin', facts).map((i) => [i.kind, i.link])).toEqual([
      ['locked-account', '/admin'],
      ['backup-failed', '/admin'],
    ]);
    expect(adminDesk('security-admin', facts).map((i) => [i.kind, i.link, i.object.name])).toEqual([
      ['locked-account', '/security', '王采购（clerk）'],
    ]);
    expect(kinds(adminDesk('admin', { locked: [], backup: { scheduled: false, lastFailed: false, lastRunId: null } }))).toEqual([
      'backup-not-scheduled',
    ]);
    expect(adminDesk('admin', { locked: [], backup: { scheduled: true, lastFailed: false, lastRunId: 3 } })).toEqual([]);
  });

  it('orders by due (days at their end, China time), undated last', () => {
    const item = (id: number, due: string | null) => ({
      kind: 'report-due' as const,
      object: { type: 'contract' as const, id, name: '' },
      due,
      overdue: false,
      link: '',
    });
    expect(
      byDue([item(1, null), item(2, '2026-03-10'), item(3, '2026-03-10T10:00:00+08:00'), item(4, '2026-03-09')]).map((i) => i.object.id),
    ).toEqual([4, 3, 2, 1]);
  });

  it('every kind has its Chinese label', () => {
    for (const k of ['sheet-to-score', 'payment-payable', 'report-overdue', 'locked-account'] as const)
      expect(label('deskKind', k)).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('notifications', () => {
  it('render from the label table, in Chinese, in the app and by e-mail', () => {
    expect(notificationText('opening-done', { name: '宁波长护' })).toEqual({ title: '已开标', body: '已开标：宁波长护' });
    const mail = notificationMail('payment-recorded', { name: '宁波长护 第1包 2026年度' }, new Date('2026-03-10T02:00:00Z'));
    expect(mail.subject).toBe('【医保服务采购与履约评价】付款已登记');
    expect(mail.text).toContain('付款已登记：宁波长护 第1包 2026年度');
    expect(mail.text).toContain('2026/3/10 10:00:00');
    expect(mail.text).not.toMatch(/[a-z]{4,}/i);
  });

  it('retry with a doubling wait, a bounded number of times', () => {
    expect([1, 2, 3, 4].map(mailRetryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(MAIL_ATTEMPTS).toBe(5);
  });
});
