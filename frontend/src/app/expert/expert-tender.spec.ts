import { TestBed } from '@angular/core/testing';
import { ProblemSchema } from '@domain/wire/common';
import type { TenderResults } from '@domain/wire/evaluation';
import {
  DeclarationSchema,
  LotOutliersSchema,
  OutlierDecisionSchema,
  type PanelMe,
  PanelMemberViewSchema,
  PanelMeSchema,
  type PanelProgress,
  PanelProgressSchema,
  RecordedSchema,
  ReturnSheetSchema,
  SheetReturnedSchema,
} from '@domain/wire/panel';
import { answer, problem, sent } from '../testing/wire';
import { ExpertTender } from './expert-tender';
import { useHttpTesting } from '../testing/http';
import { bidResult, lotResult, tenderResults } from '../testing/results';
import { choose, fieldErrors, type } from '../testing/forms';

const member = answer(PanelMemberViewSchema, {
  id: 11,
  code: 'E1',
  name: '张伟',
  userId: 5,
  isLeader: false,
  declaration: null,
  declaredAt: null,
});

const me = answer(PanelMeSchema, {
  tender: { id: 3, code: 'NBZFCG2022B031G', name: '宁波市长期护理保险经办服务项目', status: 'evaluation' },
  member,
  bidders: [
    { code: 'B1', name: '中国人民财产保险股份有限公司宁波市分公司' },
    { code: 'B2', name: '中国人寿保险股份有限公司宁波市分公司' },
  ],
  lots: [
    { no: '1', name: '中心片区', sheet: 'submitted' },
    { no: '2', name: '北部片区', sheet: 'not-started' },
  ],
});

const results: TenderResults = tenderResults('NBZFCG2022B031G', [
  lotResult('1', {
    basePrice: '4800000.00',
    bids: [
      bidResult('B2', { evaluatedPrice: '4850000.00', priceScore: '9.90', nonPriceScore: '80.10', finalScore: '90.00', rank: 2 }),
      bidResult('B1', { evaluatedPrice: '4800000.00', priceScore: '10.00', nonPriceScore: '85.50', finalScore: '95.50', rank: 1 }),
    ],
    winner: 'B1',
  }),
  lotResult('2', { failReason: 'sheets-pending' }),
]);

const progress = answer(PanelProgressSchema.array(), [
  {
    ...member,
    declaration: 'no-conflict',
    sheets: [
      { lot: '1', status: 'submitted' },
      { lot: '2', status: 'not-started' },
    ],
  },
  {
    id: 12,
    code: 'E2',
    name: '李娜',
    userId: 6,
    isLeader: true,
    declaration: 'no-conflict',
    declaredAt: '2022-06-01T02:00:00Z',
    sheets: [
      { lot: '1', status: 'submitted' },
      { lot: '2', status: 'draft' },
    ],
  },
  {
    id: 13,
    code: 'E3',
    name: '王强',
    userId: 7,
    isLeader: false,
    declaration: 'conflict',
    declaredAt: '2022-06-01T02:00:00Z',
    sheets: [
      { lot: '1', status: 'submitted' },
      { lot: '2', status: 'not-started' },
    ],
  },
]);

describe('ExpertTender', () => {
  const http = useHttpTesting();

  async function render(panel: PanelMe) {
    const fixture = TestBed.createComponent(ExpertTender);
    fixture.componentRef.setInput('id', '3');
    await fixture.whenStable();
    http.expectOne('/api/tenders/3/panel/me').flush(answer(PanelMeSchema, panel));
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const click = async (selector: string) => {
      page.querySelector<HTMLElement>(selector)!.click();
      await fixture.whenStable();
    };
    return { fixture, page, click };
  }

  it('asks for the declaration first, listing the bidders and showing no lots', async () => {
    const { page } = await render(me);
    expect(page.querySelector('#declaration-form')).toBeTruthy();
    const bidders = [...page.querySelectorAll('.bidder-list li')].map((li) => li.textContent?.trim());
    expect(bidders[0]).toContain('中国人民财产保险股份有限公司宁波市分公司');
    expect(bidders[1]).toContain('中国人寿保险股份有限公司宁波市分公司');
    expect(page.querySelector('#declare-none')).toBeTruthy();
    expect(page.querySelector('#declare-conflict')).toBeTruthy();
    expect(page.querySelector<HTMLButtonElement>('#submit-declaration')!.disabled).toBe(true);
    expect(page.querySelector('.sheet-link')).toBeNull();
  });

  it('posts a no-conflict declaration after confirmation and switches to the lots and results', async () => {
    const { page, click, fixture } = await render(me);
    await click('#declare-none');
    await click('#submit-declaration');
    expect(page.querySelector('.confirm-box')?.textContent).toContain('不存在利害关系');
    await click('#confirm-declaration');
    const req = http.expectOne('/api/tenders/3/panel/me/declaration');
    expect(req.request.method).toBe('POST');
    expect(sent(DeclarationSchema, req.request.body)).toEqual({ conflict: false });
    req.flush(answer(PanelMemberViewSchema, { ...member, declaration: 'no-conflict', declaredAt: '2022-06-01T02:00:00Z' }));
    await fixture.whenStable();
    http.expectOne('/api/tenders/3/results').flush(results);
    http.expectOne('/api/tenders/3/panel').flush(progress);
    await fixture.whenStable();

    expect(page.querySelector('#declaration-form')).toBeNull();
    const links = [...page.querySelectorAll('a.sheet-link')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/expert/tenders/3/lots/1', '/expert/tenders/3/lots/2']);
    expect([...page.querySelectorAll('.sheet-state')].map((s) => s.textContent?.trim())).toEqual(['已提交（已锁定）', '未开始']);

    const lot1 = page.querySelector('.lot-result[data-lot="1"]')!;
    const rows = [...lot1.querySelectorAll('.ranking tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent?.trim()),
    );
    expect(rows[0][0]).toBe('1');
    expect(rows[0][1]).toContain('中国人民财产保险股份有限公司宁波市分公司');
    expect(rows[0][1]).toContain('推荐中标');
    expect(rows[1][0]).toBe('2');
    const lot2 = page.querySelector('.lot-result[data-lot="2"]')!;
    expect(lot2.querySelector('.results-hidden')?.textContent).toContain('全部评分表提交后可查看');
    expect(lot2.querySelector('.ranking')).toBeNull();
  });

  it('posts a conflict with its note and shows that the expert has left the panel', async () => {
    const { page, click, fixture } = await render(me);
    await click('#declare-conflict');
    const note = page.querySelector<HTMLTextAreaElement>('#declaration-note')!;
    note.value = '曾在B1任职';
    note.dispatchEvent(new Event('input'));
    await click('#submit-declaration');
    expect(page.querySelector('.confirm-box')?.textContent).toContain('退出本项目评审委员会');
    await click('#confirm-declaration');
    const req = http.expectOne('/api/tenders/3/panel/me/declaration');
    expect(sent(DeclarationSchema, req.request.body)).toEqual({ conflict: true, note: '曾在B1任职' });
    req.flush(answer(PanelMemberViewSchema, { ...member, declaration: 'conflict', declaredAt: '2022-06-01T02:00:00Z' }));
    await fixture.whenStable();
    expect(page.querySelector('#declaration-form')).toBeNull();
    expect(page.querySelector('.conflict-notice')?.textContent).toContain('已退出本项目评审委员会');
    expect(page.querySelector('.sheet-link')).toBeNull();
  });

  it('shows a refused note under the note field', async () => {
    const { page, click, fixture } = await render(me);
    await click('#declare-conflict');
    await type(fixture, '#declaration-note', '曾在B1任职');
    await click('#submit-declaration');
    await click('#confirm-declaration');
    http.expectOne('/api/tenders/3/panel/me/declaration').flush(
      {
        statusCode: 400,
        message: '输入有误 / invalid input',
        errors: [{ path: 'note', code: 'tooLong', params: { max: 500 }, message: 'x' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    fixture.detectChanges();
    expect(fieldErrors(page, '#declaration-note')).toEqual(['最多500个字符']);
    expect(page.querySelector('#declaration-form')).toBeTruthy();
  });

  it('shows the lots straight away when the declaration was made before', async () => {
    const { page, fixture } = await render({ ...me, member: { ...member, declaration: 'no-conflict' } });
    http.expectOne('/api/tenders/3/results').flush(results);
    http.expectOne('/api/tenders/3/panel').flush(progress);
    await fixture.whenStable();
    expect(page.querySelector('#declaration-form')).toBeNull();
    expect(page.querySelectorAll('a.sheet-link').length).toBe(2);
  });

  it('asks no panel list before the declaration nor after a conflict', async () => {
    const { page } = await render(me);
    expect(page.querySelector('#panel-progress')).toBeNull();
    http.expectNone('/api/tenders/3/panel');
    const recused = await render({ ...me, member: { ...member, declaration: 'conflict' } });
    expect(recused.page.querySelector('#panel-progress')).toBeNull();
    http.expectNone('/api/tenders/3/panel');
  });

  describe('评审组进度', () => {
    const leaderMe: PanelMe = {
      ...me,
      member: { ...member, id: 12, code: 'E2', name: '李娜', userId: 6, isLeader: true, declaration: 'no-conflict' },
    };

    async function renderBoard(panel: PanelMe, members: PanelProgress[] = progress) {
      const r = await render(panel);
      http.expectOne('/api/tenders/3/results').flush(results);
      http.expectOne('/api/tenders/3/panel').flush(answer(PanelProgressSchema.array(), members));
      await r.fixture.whenStable();
      const select = (css: string, value: string) => choose(r.fixture, css, value);
      return { ...r, select, type: (css: string, value: string) => type(r.fixture, css, value) };
    }

    const cell = (page: HTMLElement, memberId: number, lot: string) =>
      page.querySelector<HTMLElement>(`td.progress-cell[data-member="${memberId}"][data-lot="${lot}"]`)!;

    it('renders every member × lot sheet state with the submitted counts', async () => {
      const { page } = await renderBoard({ ...me, member: { ...member, declaration: 'no-conflict' } });
      const rows = [...page.querySelectorAll('#panel-progress tr.member-row')];
      expect(rows.length).toBe(3);
      expect(rows[0].textContent).toContain('E1 张伟');
      expect(rows[0].textContent).toContain('（本人）');
      expect(rows[1].textContent).toContain('组长');
      expect(rows[2].textContent).toContain('已回避');
      expect(cell(page, 11, '1').textContent?.trim()).toBe('已提交');
      expect(cell(page, 11, '2').textContent?.trim()).toBe('未开始');
      expect(cell(page, 12, '1').textContent?.trim()).toBe('已提交');
      expect(cell(page, 12, '2').textContent?.trim()).toBe('评分中');
      expect(cell(page, 13, '1').textContent?.trim()).toBe('—');
      const summary = [...page.querySelectorAll('td.lot-summary')].map((td) => td.textContent?.trim());
      expect(summary).toEqual(['2 / 2', '0 / 2']);
    });

    it('gives a non-leader no actions', async () => {
      const { page } = await renderBoard({ ...me, member: { ...member, declaration: 'no-conflict' } });
      expect(page.querySelector('#panel-progress .progress')).toBeTruthy();
      expect(page.querySelectorAll('button.return-sheet').length).toBe(0);
      expect(page.querySelector('#outlier-vote')).toBeNull();
      expect(page.querySelector('#outlier-lot')).toBeNull();
      expect(page.querySelector('#save-outlier-decision')).toBeNull();
    });

    it('lets the leader return a submitted sheet with a reason, then refreshes the progress', async () => {
      const { page, click, type, fixture } = await renderBoard(leaderMe);
      const buttons = [...page.querySelectorAll<HTMLButtonElement>('button.return-sheet')];
      // Only the submitted sheets of members still on the panel.
      expect(buttons.map((b) => [b.dataset['member'], b.dataset['lot']])).toEqual([
        ['11', '1'],
        ['12', '1'],
      ]);
      await click('button.return-sheet[data-member="11"][data-lot="1"]');
      expect(page.querySelector('.return-box')?.textContent).toContain('E1 张伟 的第1包（中心片区）评分表');
      expect(page.querySelector<HTMLButtonElement>('#confirm-return')!.disabled).toBe(true);
      await type('#return-reason', '第13项评分与其他专家差异较大，请复核');
      await click('#confirm-return');

      const req = http.expectOne('/api/tenders/3/lots/1/sheets/11/return');
      expect(req.request.method).toBe('POST');
      expect(sent(ReturnSheetSchema, req.request.body)).toEqual({ reason: '第13项评分与其他专家差异较大，请复核' });
      req.flush(answer(SheetReturnedSchema, { status: 'draft' }));
      await fixture.whenStable();
      const refreshed = progress.map((m) =>
        m.id === 11
          ? {
              ...m,
              sheets: [
                { lot: '1', status: 'draft' as const },
                { lot: '2', status: 'not-started' as const },
              ],
            }
          : m,
      );
      http.expectOne('/api/tenders/3/panel').flush(answer(PanelProgressSchema.array(), refreshed));
      await fixture.whenStable();

      expect(page.querySelector('.return-notice')?.textContent).toContain('已退回E1 张伟 的第1包');
      expect(page.querySelector('.return-box')).toBeNull();
      expect(cell(page, 11, '1').textContent?.trim()).toBe('评分中');
      expect(page.querySelector('button.return-sheet[data-member="11"]')).toBeNull();
    });

    it("marks the leader's own lot as a draft again when the leader returns their own sheet", async () => {
      const { page, click, type, fixture } = await renderBoard({
        ...leaderMe,
        lots: [{ no: '1', name: '中心片区', sheet: 'submitted' }, me.lots[1]],
      });
      await click('button.return-sheet[data-member="12"][data-lot="1"]');
      await type('#return-reason', '本人复核');
      await click('#confirm-return');
      http.expectOne('/api/tenders/3/lots/1/sheets/12/return').flush(answer(SheetReturnedSchema, { status: 'draft' }));
      await fixture.whenStable();
      http.expectOne('/api/tenders/3/panel').flush(progress);
      await fixture.whenStable();
      expect(page.querySelector('.sheet-state')?.textContent?.trim()).toBe('评分中（未提交）');
    });

    it('shows a refused reason under the reason field and keeps the box open', async () => {
      const { page, click, type, fixture } = await renderBoard(leaderMe);
      await click('button.return-sheet[data-member="11"][data-lot="1"]');
      await type('#return-reason', '请复核');
      await click('#confirm-return');
      http.expectOne('/api/tenders/3/lots/1/sheets/11/return').flush(
        {
          statusCode: 400,
          message: '输入有误 / invalid input',
          errors: [{ path: 'reason', code: 'tooLong', params: { max: 500 }, message: 'x' }],
        },
        { status: 400, statusText: 'Bad Request' },
      );
      await fixture.whenStable();
      fixture.detectChanges();
      expect(fieldErrors(page, '#return-reason')).toEqual(['最多500个字符']);
      expect(page.querySelector('.return-box')).toBeTruthy();
    });

    it('shows a 409 on return and reloads the progress', async () => {
      const { page, click, type, fixture } = await renderBoard(leaderMe);
      await click('button.return-sheet[data-member="11"][data-lot="1"]');
      await type('#return-reason', '请复核');
      await click('#confirm-return');
      http
        .expectOne('/api/tenders/3/lots/1/sheets/11/return')
        .flush(problem(409, '该评分表未提交 / that sheet is not submitted'), { status: 409, statusText: 'Conflict' });
      await fixture.whenStable();
      http.expectOne('/api/tenders/3/panel').flush(progress);
      await fixture.whenStable();
      expect(page.querySelector('.return-error')?.textContent).toContain('该评分表未提交');
      expect(page.querySelector('.return-box')).toBeNull();
    });

    const flagged = {
      panelMemberId: 11,
      member: 'E1',
      memberName: '张伟',
      bidId: 22,
      bidder: 'B2',
      bidderName: '国寿宁波分公司',
      criterionNo: '13',
      criterionName: '服务方案',
      max: '5',
      value: '0.5',
      othersMean: '2.8666666666666666667',
      decision: null,
    };

    it('tells the leader the outliers wait for every sheet of the lot', async () => {
      const { page, select, fixture } = await renderBoard(leaderMe);
      await select('nz-select.outlier-lot', '2');
      http
        .expectOne('/api/tenders/3/lots/2/outliers')
        .flush(answer(LotOutliersSchema, { lot: '2', complete: false, missing: ['E2'], outliers: [] }));
      await fixture.whenStable();
      expect(page.querySelector('.outlier-pending')?.textContent).toContain('E2');
      expect(page.querySelector('tr.outlier-row')).toBeNull();
    });

    it('records the panel’s decision on a flagged score, then shows it decided', async () => {
      const { page, select, type, click, fixture } = await renderBoard(leaderMe);
      await select('nz-select.outlier-lot', '1');
      http
        .expectOne('/api/tenders/3/lots/1/outliers')
        .flush(answer(LotOutliersSchema, { lot: '1', complete: true, missing: [], outliers: [flagged] }));
      await fixture.whenStable();
      const row = page.querySelector('tr.outlier-row[data-member="11"][data-bid="22"][data-criterion="13"]')!;
      expect(row.textContent).toContain('国寿宁波分公司（B2）');
      expect(row.textContent).toContain('2.87');
      await click('tr.outlier-row button.decide-flagged');
      expect(page.querySelector<HTMLButtonElement>('#save-outlier-decision')!.disabled).toBe(true);
      await type('#outlier-decision', '经评标委员会多数表决，维持原评分');
      await click('#save-outlier-decision');

      const req = http.expectOne('/api/tenders/3/lots/1/outlier-decisions');
      expect(req.request.method).toBe('POST');
      expect(sent(OutlierDecisionSchema, req.request.body)).toEqual({
        panelMemberId: 11,
        bidId: 22,
        criterionNo: '13',
        decision: '经评标委员会多数表决，维持原评分',
      });
      req.flush(answer(RecordedSchema, { recorded: true }));
      await fixture.whenStable();
      const decision = { decision: '经评标委员会多数表决，维持原评分', decidedBy: 'expert2', decidedAt: '2026-03-01T02:00:00.000Z' };
      http
        .expectOne('/api/tenders/3/lots/1/outliers')
        .flush(answer(LotOutliersSchema, { lot: '1', complete: true, missing: [], outliers: [{ ...flagged, decision }] }));
      await fixture.whenStable();
      expect(page.querySelector('.outlier-notice')?.textContent).toContain('已记录表决结论');
      expect(page.querySelector('.outlier-notice')?.textContent).toContain('国寿宁波分公司');
      expect(page.querySelector('tr.outlier-row .outlier-decided')).toBeTruthy();
      expect(page.querySelector('#outlier-decision')).toBeNull();
    });

    it('returns a flagged score’s sheet through the return box', async () => {
      const { page, select, click, fixture } = await renderBoard(leaderMe);
      await select('nz-select.outlier-lot', '1');
      http
        .expectOne('/api/tenders/3/lots/1/outliers')
        .flush(answer(LotOutliersSchema, { lot: '1', complete: true, missing: [], outliers: [flagged] }));
      await fixture.whenStable();
      await click('tr.outlier-row button.return-flagged');
      expect(page.querySelector('.return-box')?.textContent).toContain('E1 张伟 的第1包（中心片区）评分表');
    });

    it('shows the API error when the outlier decision is refused', async () => {
      const { page, select, type, click, fixture } = await renderBoard(leaderMe);
      await select('nz-select.outlier-lot', '1');
      http
        .expectOne('/api/tenders/3/lots/1/outliers')
        .flush(answer(LotOutliersSchema, { lot: '1', complete: true, missing: [], outliers: [flagged] }));
      await fixture.whenStable();
      await click('tr.outlier-row button.decide-flagged');
      await type('#outlier-decision', '维持原评分');
      await click('#save-outlier-decision');
      http.expectOne('/api/tenders/3/lots/1/outlier-decisions').flush(
        answer(ProblemSchema, {
          statusCode: 409,
          code: 'awardConfirmed',
          params: {},
          message: 'the award is confirmed / 评标结果已确认',
        }),
        { status: 409, statusText: 'Conflict' },
      );
      await fixture.whenStable();
      expect(page.querySelector('.outlier-error')?.textContent).toContain('评标结果已确认，评分表和评分已锁定');
    });
  });
});
