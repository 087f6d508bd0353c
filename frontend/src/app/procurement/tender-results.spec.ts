import type { WritableSignal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { TenderStatus } from '@domain/lifecycles';
import {
  AwardHistorySchema,
  CancellationSchema,
  type AwardHistoryView,
  ReevaluationSchema,
  ScoreDistributionSchema,
  type TenderResults as Results,
} from '@domain/wire/evaluation';
import { TenderResults } from './tender-results';
import { useHttpTesting } from '../testing/http';
import { bidResult, lotResult, tenderResults } from '../testing/results';
import { bidderView, lotView, tenderDetail } from '../testing/tenders';
import { answer, sent } from '../testing/wire';
import { ChallengesSchema } from '@domain/wire/challenges';
import { useChartStubs } from '../testing/charts';
import { choose, fieldErrors, selectOptions, type } from '../testing/forms';
import { confirmPopover } from '../testing/overlay';

/** A lot's score distribution as the API answers it: a subjective criterion scored by two experts, an objective one by none. */
const distribution = (lot: string) =>
  answer(ScoreDistributionSchema, {
    lot,
    criteria: [
      {
        no: '13',
        category: '服务方案',
        name: '经办服务方案',
        kind: 'subjective',
        max: '20',
        bids: [
          {
            bidder: 'PICC',
            scores: [
              { expert: 'E1', value: '18.00' },
              { expert: 'E2', value: '16.50' },
            ],
            min: '16.50',
            q1: '16.88',
            median: '17.25',
            q3: '17.63',
            max: '18.00',
            mean: '17.25',
          },
        ],
      },
      { no: '2', category: '基础能力', name: '偿付能力', kind: 'objective', max: '2', bids: [] },
    ],
  });

const scored = (bidder: string, rank: number, finalScore: string) =>
  bidResult(bidder, {
    evaluatedPrice: '3910000.00',
    priceScore: '10.00',
    nonPriceScore: '80.50',
    finalScore,
    categoryScores: { 价格: '10.00', 基础能力: '12.00', 政保合作经验与能力: '30.50' },
    rank,
  });

const results: Results = tenderResults(
  'NBZFCG2022B031G',
  [
    lotResult('1', {
      basePrice: '3910000.00',
      // CPIC failed its assessments in two years: the panel applied the tender's 2-point deduction
      bids: [scored('PICC', 1, '90.50'), { ...scored('CPIC', 2, '88.00'), repeatedFailureDeduction: '2.00' }],
      winner: 'PICC',
      awardChain: [{ at: 0, event: 'won', bidder: 'PICC' }],
    }),
    lotResult('2', {
      basePrice: '2200000.00',
      setAside: [{ bidder: 'PICC', reason: '已中标标包1（按顺序评审，已中标者不再参与后续标包）' }],
      bids: [
        bidResult('PICC'),
        scored('CPIC', 1, '87.00'),
        scored('TPI', 2, '87.00'),
        bidResult('GPIC', { valid: false, invalidReasons: ['单价超过最高限价 1.23'], flags: ['same-ip', 'outlier:E2:13'] }),
      ],
      tieBreaks: [{ bidders: ['CPIC', 'TPI'], decidedBy: 'draw', seed: 'NBZFCG2022B031G/2', order: ['CPIC', 'TPI'] }],
      winner: 'CPIC',
      awardChain: [{ at: 0, event: 'won', bidder: 'CPIC' }],
    }),
    lotResult('3', { status: 'failed', failReason: '合格投标人不足3家' }),
  ],
  { errors: [{ lot: '2', expert: 'E2', criterion: '13', message: '畸高畸低评分尚未处理' }] },
);

describe('TenderResults', () => {
  const http = useHttpTesting();
  useChartStubs();

  const tenderOf = (status: TenderStatus) =>
    tenderDetail({
      id: 5,
      name: '宁波市长期护理保险委托协助经办',
      status,
      lots: [lotView('1', { name: '中心片区' }), lotView('2', { name: '北部片区' }), lotView('3', { name: '南部片区' })],
      bidders: [bidderView('PICC', '人保财险宁波分公司'), bidderView('CPIC', '太平洋财险宁波分公司', { id: 2 })],
    });
  let current: ComponentFixture<TenderResults>;

  async function render(status: TenderStatus = 'evaluation', history: AwardHistoryView[] = []) {
    const fixture = (current = TestBed.createComponent(TenderResults));
    fixture.componentRef.setInput('id', '5');
    await fixture.whenStable();
    http.expectOne('/api/tenders/5/results').flush(results);
    http.expectOne('/api/tenders/5').flush(tenderOf(status));
    http.expectOne('/api/tenders/5/results/history').flush(history);
    await fixture.whenStable();
    fixture.detectChanges();
    // Each lot with scored bids shows its score distribution.
    for (const lot of ['1', '2']) http.expectOne(`/api/tenders/5/lots/${lot}/score-distribution`).flush(distribution(lot));
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  it('says the report PDF is printing while the server prints it, then saves it and keeps it ready to save again', async () => {
    const page = await render();
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    page.querySelector<HTMLButtonElement>('#evaluation-report-pdf')!.click();
    const printing = new Blob(['{"status":"generating"}'], { type: 'application/json' });
    http.expectOne('/api/tenders/5/evaluation-report.pdf').flush(printing, { status: 202, statusText: 'Accepted' });
    await current.whenStable();
    current.detectChanges();
    expect(text(page.querySelector('#evaluation-report-state'))).toBe(
      '评标报告（PDF）正在后台生成，已等待 1 秒，生成后自动下载；可继续其他操作。',
    );
    expect(page.querySelector<HTMLButtonElement>('#evaluation-report-pdf')!.disabled).toBe(true);
    // Asked again a second later: printed now.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    http.expectOne('/api/tenders/5/evaluation-report.pdf').flush(new Blob(['%PDF-1.4']), {
      headers: {
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent('评标报告-NBZFCG2022B031G.pdf')}`,
        'X-Document-Version': '2',
      },
    });
    await current.whenStable();
    current.detectChanges();
    expect(saved).toEqual(['评标报告-NBZFCG2022B031G.pdf']);
    expect(text(page.querySelector('#evaluation-report-state'))).toBe(
      '评标报告（PDF）已生成并下载：评标报告-NBZFCG2022B031G.pdf （第2版） 再次下载',
    );
    page.querySelector<HTMLButtonElement>('#evaluation-report-save')!.click();
    expect(saved).toHaveLength(2);
    expect(page.querySelector<HTMLButtonElement>('#evaluation-report-pdf')!.disabled).toBe(false);
  });

  it('shows the set-aside bidder of a later lot with the reason', async () => {
    const page = await render();
    const lot2 = page.querySelector('.lot-result[data-lot="2"]')!;
    expect(text(lot2.querySelector('h2'))).toContain('标包 2 北部片区');
    expect(text(lot2.querySelector('.lot-status'))).toBe('拟中标');
    const setAside = [...lot2.querySelectorAll('.set-aside li')].map(text);
    expect(setAside).toEqual(['人保财险宁波分公司（PICC）：已中标标包1（按顺序评审，已中标者不再参与后续标包）']);
    expect(text(lot2.querySelector('.set-aside h3'))).toContain('让标');
  });

  it('shows the repeated-failure deduction the panel applied beside the final score', async () => {
    const page = await render();
    const rows = [...page.querySelectorAll('.lot-result[data-lot="1"] .ranking tbody tr')];
    expect(text(rows[1].querySelector('.final-score'))).toBe('88.00 已扣多年考核不达标2.00分');
    expect(rows[0].querySelector('.repeated-failure-deduction')).toBeNull();
  });

  it('ranks the bids, highlights the winner and breaks down the categories', async () => {
    const page = await render();
    const lot2 = page.querySelector('.lot-result[data-lot="2"]')!;
    const headers = [...lot2.querySelectorAll('.ranking th')].map(text);
    expect(headers).toContain('政保合作经验与能力');
    const rows = [...lot2.querySelectorAll('.ranking tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-bidder'))).toEqual(['CPIC', 'TPI', 'GPIC', 'PICC']);
    expect(rows[0].classList).toContain('winner');
    expect(text(rows[0].querySelector('.final-score'))).toBe('87.00');
    expect(text(rows[2].querySelector('.validity'))).toContain('无效');
    expect(text(rows[2].querySelector('.validity'))).toContain('单价超过最高限价 1.23');
    expect(text(rows[2].querySelector('.flags'))).toContain('同一IP');
    expect(text(rows[2].querySelector('.flags'))).toContain('畸高畸低（专家E2，第13项）');
    expect(text(lot2.querySelector('.tie-breaks'))).toContain('抽签');
    expect(text(lot2.querySelector('.seed'))).toBe('NBZFCG2022B031G/2');
    expect(text(lot2.querySelector('.lot-winner'))).toBe('太平洋财险宁波分公司（CPIC）');
  });

  it('says 拟中标 before the award is confirmed, never 已中标', async () => {
    const page = await render('evaluation');
    const lot2 = page.querySelector('.lot-result[data-lot="2"]')!;
    expect(text(lot2.querySelector('.lot-status'))).toBe('拟中标');
    expect(text(lot2.querySelector('.ranked-bid.winner .winner-tag'))).toBe('拟中标');
    expect(text(lot2.querySelector('.lot-summary .ant-descriptions-item-label'))).toBe('拟中标人');
  });

  it('shows failed lots with their reason and engine errors as warnings', async () => {
    const page = await render();
    const lot3 = page.querySelector('.lot-result[data-lot="3"]')!;
    expect(text(lot3.querySelector('.lot-status'))).toBe('废标');
    expect(text(lot3.querySelector('.fail-reason'))).toBe('合格投标人不足3家');
    expect(text(page.querySelector('.engine-errors li'))).toBe('标包 2 专家 E2 第 13 项 畸高畸低评分尚未处理');
    const order = [...page.querySelectorAll('.lot-result')].map((s) => s.getAttribute('data-lot'));
    expect(order).toEqual(['1', '2', '3']);
  });

  const round = answer(AwardHistorySchema, {
    round: 1,
    confirmedAt: '2026-03-10T02:00:00.000Z',
    confirmedBy: 'clerk',
    results,
    cancellations: [],
    lot: '1',
    reason: '质疑成立',
    reopenedAt: '2026-03-12T02:00:00.000Z',
    reopenedBy: 'clerk',
  });

  it('shows the awards that re-evaluations set aside, with who reopened which lot and why', async () => {
    const page = await render('evaluation', [round]);
    const shown = text(page.querySelector('.history-round[data-round="1"]'));
    expect(shown).toContain('第1次确认');
    expect(shown).toContain('标包 1：人保财险宁波分公司');
    expect(shown).toContain('2026-03-12 10:00 clerk 发起标包 1 重新评审：质疑成立');
    expect(page.querySelector('#reevaluate')).toBeNull();
  });

  it('re-evaluates a lot of a confirmed award only with a reason, after asking', async () => {
    const page = await render('awarded');
    expect(text(page.querySelector('.lot-result[data-lot="2"] .lot-status'))).toBe('已中标');
    // The upheld challenge holds the contracts until the lot is re-evaluated and the award confirmed again.
    http.expectOne('/api/tenders/5/challenges').flush(
      answer(ChallengesSchema, {
        period: { publishedOn: '2026-03-10', days: 7, endsOn: '2026-03-19', open: true, contractHold: 'reevaluation-required' },
        challenges: [
          {
            id: 1,
            bidder: 'CPIC',
            bidderName: '太平洋财险宁波分公司',
            lot: '1',
            text: '评分有误',
            filedAt: '2026-03-11T02:00:00.000Z',
            filedBy: 'cpic',
            status: 'upheld',
            reason: '质疑成立',
            answeredAt: '2026-03-12T01:00:00.000Z',
            answeredBy: 'clerk',
          },
        ],
      }),
    );
    await current.whenStable();
    expect(page.querySelector<HTMLButtonElement>('#reevaluate')!.disabled).toBe(true);
    const form = current.componentInstance as unknown as {
      reevaluateLot: WritableSignal<string>;
      reevaluateReason: WritableSignal<string>;
    };
    form.reevaluateLot.set('1');
    form.reevaluateReason.set('质疑成立，重新评审');
    current.detectChanges();
    await current.whenStable();
    page.querySelector<HTMLButtonElement>('#reevaluate')!.click();
    current.detectChanges();
    await current.whenStable();
    // Asked first, in NG-ZORRO's popconfirm: nothing is sent before the answer.
    expect(document.querySelector('.ant-popover')?.textContent).toContain('重新评审标包 1');
    http.expectNone('/api/tenders/5/lots/1/reevaluation');
    await confirmPopover(current);
    const req = http.expectOne('/api/tenders/5/lots/1/reevaluation');
    expect(sent(ReevaluationSchema, req.request.body)).toEqual({ reason: '质疑成立，重新评审' });
    req.flush(answer(AwardHistorySchema.array(), [round]));
    http.expectOne('/api/tenders/5/results').flush(results);
    http.expectOne('/api/tenders/5').flush(tenderOf('evaluation'));
    http.expectOne('/api/tenders/5/results/history').flush(answer(AwardHistorySchema.array(), [round]));
    await current.whenStable();
    current.detectChanges();
    expect(text(page.querySelector('[role="status"]'))).toContain('已发起标包 1 的重新评审');
    expect(page.querySelector('.history-round[data-round="1"]')).toBeTruthy();
    expect(page.querySelector('#reevaluate')).toBeNull();
  });

  it('registers a winner declining after asking, and shows the refusal under the reason', async () => {
    const page = await render('awarded');
    http.match('/api/tenders/5/challenges');
    expect((await selectOptions(current, 'nz-select.cancel-lot')).map((o) => o.getAttribute('title'))).toEqual([
      '标包 1：人保财险宁波分公司',
      '标包 2：太平洋财险宁波分公司',
    ]);
    await choose(current, 'nz-select.cancel-lot', '2');
    await choose(current, 'nz-select.cancel-kind', 'disqualified');
    await type(current, '#cancel-reason', '提供虚假材料');
    current.detectChanges();
    page.querySelector<HTMLButtonElement>('#save-cancellation')!.click();
    current.detectChanges();
    await current.whenStable();
    expect(document.querySelector('.ant-popover')?.textContent).toContain('登记标包 2中标人取消中标资格');
    http.expectNone('/api/tenders/5/lots/2/cancellations');
    await confirmPopover(current);
    const req = http.expectOne('/api/tenders/5/lots/2/cancellations');
    expect(sent(CancellationSchema, req.request.body)).toEqual({ bidder: 'CPIC', kind: 'disqualified', reason: '提供虚假材料' });
    req.flush(
      {
        statusCode: 400,
        message: '输入有误 / invalid input',
        errors: [{ path: 'reason', code: 'tooLong', params: { max: 500 }, message: 'x' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await current.whenStable();
    current.detectChanges();
    expect(fieldErrors(page, '#cancel-reason')).toEqual(['最多500个字符']);
    expect(fieldErrors(page, '#cancel-lot')).toEqual([]);
    expect(text(page.querySelector('.cancel-award .form-error'))).not.toContain('reason');
  });

  it('confirms the award only once asked in a popconfirm', async () => {
    const page = await render('evaluation');
    page.querySelector<HTMLButtonElement>('#confirm-award')!.click();
    current.detectChanges();
    await current.whenStable();
    expect(document.querySelector('.ant-popover')?.textContent).toContain('确认定标后评标结果将固定');
    http.expectNone('/api/tenders/5/evaluation/confirm');
    await confirmPopover(current);
    http.expectOne('/api/tenders/5/evaluation/confirm').flush(results);
    http.expectOne('/api/tenders/5').flush(tenderOf('awarded'));
    http.expectOne('/api/tenders/5/results/history').flush([]);
    await current.whenStable();
    current.detectChanges();
    http.match('/api/tenders/5/challenges');
    expect(text(page.querySelector('[role="status"]'))).toContain('已确认定标');
  });

  it('shows each scored lot’s score distribution: a criterion picked in a select, each expert’s score and the spread', async () => {
    const page = await render();
    const lot1 = page.querySelector('.score-distribution[data-lot="1"]')!;
    expect(text(lot1.querySelector('h3'))).toBe('标包 1 中心片区 评分分布');
    expect(page.querySelector('.score-distribution[data-lot="3"]')).toBeNull();
    // The first criterion the experts scored is shown, its bidders by name.
    expect(lot1.querySelector('.distribution-chart')).toBeTruthy();
    const row = lot1.querySelector('.distribution-table tr[data-bidder="PICC"]')!;
    expect([...row.querySelectorAll('td')].map((td) => text(td))).toEqual([
      '人保财险宁波分公司',
      'E1：18.00E2：16.50',
      '16.50',
      '17.25',
      '18.00',
      '17.25',
    ]);
    expect([...row.querySelectorAll('.expert-score')].map((s) => text(s))).toEqual(['E1：18.00', 'E2：16.50']);
    expect(lot1.querySelector('.criterion-select')?.textContent).toContain('第13项 服务方案·经办服务方案（主观分，满分20）');
    await choose(current, '.score-distribution[data-lot="1"] .criterion-select', '2');
    current.detectChanges();
    expect(text(lot1.querySelector('.no-scores'))).toBe('该评分项尚无专家评分。');
    expect(lot1.querySelector('.distribution-chart')).toBeNull();
  });
});
