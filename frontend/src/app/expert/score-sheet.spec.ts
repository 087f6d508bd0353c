import { TestBed } from '@angular/core/testing';
import { SaveScoresSchema, type ScoreSheet as Sheet, ScoreSheetSchema, SheetSubmittedSchema } from '@domain/wire/panel';
import { answer, problem, sent } from '../testing/wire';
import { ScoreSheet } from './score-sheet';
import { useHttpTesting } from '../testing/http';

const sheet = answer(ScoreSheetSchema, {
  tender: { id: 3, code: 'NBZFCG2022B031G', name: '宁波市长期护理保险经办服务项目' },
  lot: { no: '1', name: '中心片区' },
  status: 'draft',
  version: 1,
  isLeader: false,
  criteria: [
    { no: '2', category: '基础能力', name: '偿付能力', max: '2', kind: 'objective' },
    { no: '3', category: '基础能力', name: '信用评级', max: '4', kind: 'objective' },
    { no: '13', category: '服务方案', name: '服务方案', max: '5', kind: 'subjective' },
    { no: '14', category: '服务方案', name: '人员配置', max: '3', kind: 'subjective' },
    { no: '15', category: '基础能力', name: '机构设置', max: '2', kind: 'subjective' },
  ],
  bids: [
    {
      bidId: 21,
      bidder: 'B1',
      bidderName: '人保财险宁波分公司',
      objective: { '2': '2', '3': '4' },
      scores: { '13': '4.0' },
      outliers: ['13'],
    },
    {
      bidId: 22,
      bidder: 'B2',
      bidderName: '国寿宁波分公司',
      objective: { '2': '1', '3': '3' },
      scores: {},
      outliers: [],
    },
  ],
});

const URL = '/api/tenders/3/lots/1/sheet';

describe('ScoreSheet', () => {
  const http = useHttpTesting();

  async function render(data: Sheet = sheet) {
    const fixture = TestBed.createComponent(ScoreSheet);
    fixture.componentRef.setInput('id', '3');
    fixture.componentRef.setInput('lotNo', '1');
    await fixture.whenStable();
    http.expectOne(URL).flush(answer(ScoreSheetSchema, data));
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const cell = (bid: number, criterion: string) =>
      page.querySelector<HTMLInputElement>(`input.score-input[data-bid="${bid}"][data-criterion="${criterion}"]`)!;
    const td = (bid: number, criterion: string) => page.querySelector<HTMLElement>(`td[data-bid="${bid}"][data-criterion="${criterion}"]`)!;
    const type = async (bid: number, criterion: string, value: string) => {
      const input = cell(bid, criterion);
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    const click = async (selector: string) => {
      page.querySelector<HTMLElement>(selector)!.click();
      await fixture.whenStable();
    };
    const total = (bid: number) => page.querySelector(`td.bid-total[data-bid="${bid}"]`)?.textContent?.trim();
    return { fixture, page, cell, td, type, click, total };
  }

  it('renders criteria grouped by category × bids, objective rows read-only with their points', async () => {
    const { page, cell, td, total } = await render();
    expect([...page.querySelectorAll('th.bid-head')].map((th) => th.textContent)).toEqual([
      expect.stringContaining('人保财险宁波分公司'),
      expect.stringContaining('国寿宁波分公司'),
    ]);
    expect([...page.querySelectorAll('.category-row th')].map((th) => th.textContent?.trim())).toEqual([
      '基础能力 （满分 8）',
      '服务方案 （满分 8）',
    ]);
    expect([...page.querySelectorAll('tr.criterion-row')].map((tr) => tr.getAttribute('data-criterion'))).toEqual([
      '2',
      '3',
      '15',
      '13',
      '14',
    ]);
    const header = page.querySelector('tr.criterion-row[data-criterion="13"] th')!.textContent;
    expect(header).toContain('服务方案');
    expect(header).toContain('满分 5');

    // objective: text, no input
    expect(td(21, '2').textContent?.trim()).toBe('2');
    expect(td(22, '3').textContent?.trim()).toBe('3');
    expect(td(21, '2').querySelector('input')).toBeNull();
    // subjective: one input per bid and criterion, own saved scores filled in
    expect(page.querySelectorAll('input.score-input').length).toBe(6);
    expect(cell(21, '13').value).toBe('4.0');
    expect(cell(22, '13').value).toBe('');

    // outlier highlighted with its warning
    expect(td(21, '13').classList).toContain('outlier');
    expect(td(21, '13').textContent).toContain('畸高畸低');
    expect(page.querySelector('.outlier-warning')?.textContent).toContain('由评审组长退回您的评分表复核修改');
    expect(td(22, '13').classList).not.toContain('outlier');

    // totals: objective + own subjective
    expect(total(21)).toBe('10');
    expect(total(22)).toBe('4');
  });

  it('rejects 5.1 on a max-5 criterion and 2.85, and sends only the valid cells on save', async () => {
    const { fixture, page, cell, type, click, total } = await render();
    await type(21, '14', '2.5');
    await type(22, '15', '1');
    await type(22, '13', '5.1');
    await type(21, '15', '2.85');

    expect(cell(22, '13').classList).toContain('invalid');
    expect(cell(21, '15').classList).toContain('invalid');
    expect(cell(21, '14').classList).not.toContain('invalid');
    const td = page.querySelector('td[data-bid="22"][data-criterion="13"]')!;
    expect(td.querySelector('.cell-error')?.textContent).toContain('不得超过该项满分5');
    expect(page.querySelector('td[data-bid="21"][data-criterion="15"] .cell-error')?.textContent).toContain('0.1');
    // invalid cells do not count in the totals
    expect(total(21)).toBe('12.5');
    expect(total(22)).toBe('5');

    await click('#save-sheet');
    const req = http.expectOne(`${URL}/scores`);
    expect(req.request.method).toBe('PUT');
    expect(sent(SaveScoresSchema, req.request.body)).toEqual({
      scores: [
        { bidId: 22, criterionNo: '15', value: '1' },
        { bidId: 21, criterionNo: '13', value: '4' },
        { bidId: 21, criterionNo: '14', value: '2.5' },
      ],
    });
    req.flush(
      answer(ScoreSheetSchema, {
        ...sheet,
        version: 2,
        bids: [
          { ...sheet.bids[0], scores: { '13': '4.0', '14': '2.5' } },
          { ...sheet.bids[1], scores: { '15': '1.0' } },
        ],
      }),
    );
    await fixture.whenStable();
    // saved values come back from the API; the invalid ones stay as typed, still red
    expect(cell(21, '14').value).toBe('2.5');
    expect(cell(22, '15').value).toBe('1.0');
    expect(cell(22, '13').value).toBe('5.1');
    expect(cell(22, '13').classList).toContain('invalid');
    expect(page.querySelector('.sheet-errors')?.textContent).toContain('2 个单元格');
  });

  it('maps a 400 error path back to its cell and lists it', async () => {
    const { fixture, page, td, type, click } = await render();
    await type(22, '14', '3');
    await click('#save-sheet');
    const req = http.expectOne(`${URL}/scores`);
    // entries: [21/13, 22/14]
    expect(req.request.body.scores[1]).toEqual({ bidId: 22, criterionNo: '14', value: '3' });
    req.flush(
      {
        statusCode: 400,
        message: '输入有误',
        errors: [{ path: 'scores[1].value', message: '不得超过该项满分3 / must not exceed the criterion max 3' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(td(22, '14').classList).toContain('invalid');
    expect(td(22, '14').querySelector('.cell-error')?.textContent).toContain('不得超过该项满分3');
    expect(td(21, '13').querySelector('.cell-error')).toBeNull();
    const listed = [...page.querySelectorAll('.sheet-errors .sheet-error')].map((li) => li.textContent);
    expect(listed).toEqual([expect.stringContaining('国寿宁波分公司 · 14 人员配置')]);

    // editing the cell clears its API error
    await type(22, '14', '2');
    expect(td(22, '14').querySelector('.cell-error')).toBeNull();
  });

  it('maps the unscored cells of a failed submit back to their cells', async () => {
    const { fixture, td, click } = await render();
    await click('#submit-sheet');
    await click('#confirm-submit');
    http.expectOne(`${URL}/submit`).flush(
      {
        statusCode: 400,
        message: '输入有误',
        errors: [{ path: 'B2.14', message: '未评分：国寿宁波分公司 / 人员配置 — not scored' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(td(22, '14').querySelector('.cell-error')?.textContent).toContain('未评分');
    expect(td(22, '13').querySelector('.cell-error')).toBeNull();
  });

  it('submits after confirmation and locks the sheet', async () => {
    const { fixture, page, click } = await render();
    await click('#submit-sheet');
    expect(page.querySelector('.confirm-box')?.textContent).toContain('锁定');
    await click('#confirm-submit');
    const req = http.expectOne(`${URL}/submit`);
    expect(req.request.method).toBe('POST');
    req.flush(answer(SheetSubmittedSchema, { status: 'submitted', submittedAt: '2022-06-01T03:00:00Z' }));
    await fixture.whenStable();
    expect(page.querySelector('#sheet-status')?.textContent?.trim()).toBe('已提交（已锁定）');
    expect(page.querySelectorAll('input.score-input').length).toBe(0);
    expect(page.querySelector('#save-sheet')).toBeNull();
    expect(page.querySelector('#submit-sheet')).toBeNull();
    expect(page.querySelector('td[data-bid="21"][data-criterion="13"] .score-value')?.textContent).toBe('4.0');
  });

  it('saves pending edits before submitting', async () => {
    const { fixture, type, click } = await render();
    await type(22, '13', '3.5');
    await click('#submit-sheet');
    await click('#confirm-submit');
    const save = http.expectOne(`${URL}/scores`);
    save.flush(sheet);
    await fixture.whenStable();
    http.expectOne(`${URL}/submit`).flush(answer(SheetSubmittedSchema, { status: 'submitted', submittedAt: '2022-06-01T03:00:00Z' }));
    await fixture.whenStable();
  });

  it('does not submit while a cell is invalid', async () => {
    const { page, type, click } = await render();
    await type(22, '13', '9');
    await click('#submit-sheet');
    expect(page.querySelector('#confirm-submit')).toBeNull();
    expect(page.querySelector('.sheet-errors')?.textContent).toContain('1 个单元格');
  });

  it('shows a submitted sheet read-only', async () => {
    const { page } = await render({ ...sheet, status: 'submitted' });
    expect(page.querySelector('#sheet-status')?.textContent?.trim()).toBe('已提交（已锁定）');
    expect(page.querySelectorAll('input.score-input').length).toBe(0);
  });

  it('moves down the column on Enter, then to the next column', async () => {
    const { cell } = await render();
    // editable rows in display order: 15, 13, 14
    cell(21, '15').focus();
    cell(21, '15').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(document.activeElement).toBe(cell(21, '13'));
    cell(21, '14').focus();
    cell(21, '14').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(document.activeElement).toBe(cell(22, '15'));
    cell(22, '15').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect(document.activeElement).toBe(cell(22, '13'));
  });

  it('shows why the sheet cannot be opened', async () => {
    const fixture = TestBed.createComponent(ScoreSheet);
    fixture.componentRef.setInput('id', '3');
    fixture.componentRef.setInput('lotNo', '1');
    await fixture.whenStable();
    http
      .expectOne(URL)
      .flush(problem(403, '请先作出回避声明 / declare conflicts of interest first'), { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role=alert]')?.textContent).toContain('请先作出回避声明');
  });
});
