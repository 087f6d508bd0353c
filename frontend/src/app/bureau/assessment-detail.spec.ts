import { TestBed } from '@angular/core/testing';
import { AnswerSchema, type AssessmentDetail, AssessmentFileSchema, ScoreItemsSchema } from '@domain/wire/assessments';
import { answer, sent } from '../testing/wire';
import { fieldError } from '@domain/errors';
import { chinaToday } from '../shared/assessment-entry';
import { DEDUCTION_SCHEME, detail, result } from '../testing/assessments';
import { BureauAssessmentDetail } from './assessment-detail';
import { useHttpTesting } from '../testing/http';
import { confirmPopover } from '../testing/overlay';
import { choose } from '../testing/forms';

const day = (offset: number) => new Date(Date.parse(`${chinaToday()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

describe('BureauAssessmentDetail', () => {
  const http = useHttpTesting();

  async function open(data: AssessmentDetail = detail()) {
    const fixture = TestBed.createComponent(BureauAssessmentDetail);
    fixture.componentRef.setInput('id', '5');
    await fixture.whenStable();
    http.expectOne('/api/assessments/5').flush(data);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  async function type(fixture: { whenStable(): Promise<unknown> }, el: HTMLInputElement | HTMLTextAreaElement, value: string) {
    el.value = value;
    el.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  const score = (page: HTMLElement, no: string) => page.querySelector<HTMLInputElement>(`input.item-score[data-item="${no}"]`)!;
  const note = (page: HTMLElement, no: string) => page.querySelector<HTMLInputElement>(`input.item-note[data-item="${no}"]`)!;
  const count = (page: HTMLElement, no: string) => page.querySelector<HTMLInputElement>(`input.item-count[data-item="${no}"]`)!;
  const met = (page: HTMLElement, no: string) => page.querySelector<HTMLInputElement>(`label.item-met[data-item="${no}"] input`)!;
  const gives = (page: HTMLElement, no: string) => page.querySelector(`tr.item[data-item="${no}"] .item-result`)?.textContent?.trim();
  /** The message under the input in the form control around `el`. */
  const tip = (el: Element | null) => el?.closest('nz-form-control')?.querySelector('.ant-form-item-explain-error')?.textContent?.trim();
  /** The message under the item's entry (its score, deduction or rule input). */
  const entryTip = (page: HTMLElement, no: string) =>
    tip(page.querySelector(`tr.item[data-item="${no}"] :is(input.item-score, input.item-count, label.item-met)`));

  it('shows the deadlines, the scheme items and the insurer’s self-assessment', async () => {
    const { page } = await open(
      detail({
        status: 'submitted',
        selfAssessment: {
          items: [{ no: '1', points: '9.00', note: '一例差错' }],
          summary: '全年运行平稳',
          submittedAt: '2025-01-20T02:00:00.000Z',
          score: '9.00',
          grade: '不达标',
        },
      }),
    );
    expect(page.querySelector('.assessment-status')?.textContent).toBe('已提交自评');
    expect(page.querySelector('.report-due')?.textContent).toBe('2025-01-31');
    expect(page.querySelector('.assessment-due')?.textContent).toBe('2025-03-31');
    const rows = [...page.querySelectorAll('tr.item')];
    expect(rows.map((r) => r.getAttribute('data-item'))).toEqual(['1', '2', '3', '17']);
    expect(rows[0].querySelector('.max')?.textContent).toBe('10');
    expect(rows[0].querySelector('.self-value')?.textContent).toBe('9');
    expect(rows[0].querySelector('.rule')?.textContent).toContain('每发现一例扣1分');
    expect(page.querySelector('.self-summary')?.textContent).toContain('全年运行平稳');
    expect(page.querySelector('#operating-cost')).not.toBeNull();
  });

  it('takes the input each item rule needs, labelled, with the points it gives beside it', async () => {
    const { fixture, page } = await open();
    expect(score(page, '1')).toBeNull();
    expect(score(page, '2')).toBeNull();
    expect(score(page, '3')).toBeNull();
    expect(met(page, '2').type).toBe('checkbox');
    expect(met(page, '2').closest('label')?.textContent?.trim()).toBe('达到');
    expect(count(page, '1').closest('label')?.textContent).toContain('发现例数');
    expect(count(page, '3').closest('label')?.textContent).toContain('达到项数');
    expect(count(page, '3').closest('label')?.textContent).toContain('/ 2');
    expect(score(page, '17').getAttribute('aria-label')).toBe('第17项得分');
    for (const input of page.querySelectorAll<HTMLInputElement>('tr.item input')) {
      expect(input.closest('label')?.textContent?.trim() || input.getAttribute('aria-label')).toMatch(/^[^A-Za-z]+$/);
    }
    expect(gives(page, '2')).toBe('得分 —');
    await type(fixture, count(page, '1'), '3');
    expect(gives(page, '1')).toBe('得分 7');
    await type(fixture, count(page, '1'), '12');
    expect(gives(page, '1')).toBe('得分 0');
    met(page, '2').click();
    await fixture.whenStable();
    expect(gives(page, '2')).toBe('得分 4');
    met(page, '2').click();
    await fixture.whenStable();
    expect(gives(page, '2')).toBe('得分 0');
    await type(fixture, count(page, '3'), '2');
    expect(gives(page, '3')).toBe('得分 10');
    expect(page.querySelector('.provisional-score')?.textContent).toBe('10');
  });

  it('rejects points over the maximum and counts that are not whole or above the sub-items, without sending anything', async () => {
    const { fixture, page } = await open();
    await type(fixture, score(page, '17'), '11');
    expect(entryTip(page, '17')).toBe('不能超过该项分值10');
    await type(fixture, count(page, '3'), '3');
    expect(entryTip(page, '3')).toBe('不能超过子指标数2');
    await type(fixture, count(page, '1'), '1.5');
    expect(entryTip(page, '1')).toBe('须为0或正整数');
    expect(page.querySelector('tr.item[data-item="1"]')?.classList).toContain('invalid');
    expect(gives(page, '1')).toBe('得分 —');
    page.querySelector<HTMLButtonElement>('#save-items')!.click();
    await fixture.whenStable();
    expect(page.querySelector('.save-error')?.textContent).toContain('部分录入有误');
    http.expectNone('/api/assessments/5/items');
  });

  it('saves the entered items and operating cost, then shows the outcome the server computed', async () => {
    const { fixture, page } = await open();
    await type(fixture, count(page, '1'), '1');
    await type(fixture, note(page, '1'), '抽查发现一例差错');
    met(page, '2').click();
    await type(fixture, count(page, '3'), '1');
    await type(fixture, score(page, '17'), '8.5');
    expect(page.querySelector('.provisional-score')?.textContent).toBe('26.5');
    await type(fixture, page.querySelector<HTMLInputElement>('#operating-cost')!, '1,500,000');
    page.querySelector<HTMLButtonElement>('#save-items')!.click();
    const req = http.expectOne('/api/assessments/5/items');
    expect(req.request.method).toBe('PUT');
    expect(sent(ScoreItemsSchema, req.request.body)).toEqual({
      items: [
        { no: '1', cases: 1, note: '抽查发现一例差错' },
        { no: '2', met: true },
        { no: '3', achieved: 1 },
        { no: '17', points: '8.5' },
      ],
      operatingCost: '1500000.00',
    });
    req.flush(
      detail({
        items: [
          { no: '1', points: '9.00', cases: 1, note: '抽查发现一例差错' },
          { no: '2', points: '4.00', met: true },
          { no: '3', points: '5.00', achieved: 1 },
          { no: '17', points: '8.50' },
        ],
        operatingCost: '1500000.00',
        result: result({ score: '26.50', grade: '不达标', passed: false, deductionAmount: '7500.00', complete: true, unscored: [] }),
      }),
    );
    await fixture.whenStable();
    expect(page.querySelector('.page-notice')?.textContent).toContain('已保存');
    expect(page.querySelector('.outcome-score')?.textContent).toBe('26.5');
    expect(page.querySelector('.outcome-grade')?.textContent).toContain('不达标');
    expect(page.querySelector('.outcome-deduction')?.textContent).toContain('7,500.00');
    expect(page.querySelector('.outcome-deduction')?.textContent).toContain('柒仟伍佰元整');
    expect(score(page, '17').value).toBe('8.5');
    expect(count(page, '1').value).toBe('1');
    expect(met(page, '2').checked).toBe(true);
    expect(count(page, '3').value).toBe('1');
    expect(page.querySelector<HTMLButtonElement>('#publish')?.disabled).toBe(false);
  });

  it('says in Chinese that a failed points result needs its operating cost (the evaluator notes it by a code)', async () => {
    const { page } = await open(
      detail({
        result: result({ score: '26.50', passed: false, unscored: [], errors: [fieldError('operatingCost', 'operatingCostMissing')] }),
      }),
    );
    expect(page.querySelector('.incomplete')?.textContent).toContain('须录入运营成本（含盈利）');
    expect(page.querySelector('.publish-hint')?.textContent).toContain('须录入运营成本（含盈利）');
    expect(page.textContent).not.toContain('operatingCost');
  });

  it('says in Chinese that a deduction-scheme result has no maximum reward', async () => {
    const { page } = await open(
      detail({
        kind: 'deduction',
        scheme: DEDUCTION_SCHEME,
        result: result({ score: '98.00', unscored: [], errors: [fieldError('maxReward', 'noMaxReward')] }),
      }),
    );
    expect(page.querySelector('.incomplete')?.textContent).toContain('本标包未设绩效考核奖励上限');
    expect(page.textContent).not.toContain('maximum');
  });

  it('says every other note of the evaluator in Chinese from its code', async () => {
    const { page } = await open(
      detail({
        kind: 'deduction',
        scheme: DEDUCTION_SCHEME,
        result: result({
          score: '50.00',
          unscored: [],
          errors: [
            fieldError('scheme.bands', 'belowGradeBands', { score: '50' }),
            fieldError('items[2].deduction', 'negativeDeduction', { no: '2', value: '-1' }),
          ],
        }),
      }),
    );
    expect(page.querySelector('.incomplete')?.textContent).toContain('得分50低于所有考核等级的下限');
    expect(page.querySelector('.incomplete')?.textContent).toContain('第2项扣分-1为负数（按0计）');
    expect(page.textContent).not.toMatch(/grade band|negative/);
  });

  it('shows points recorded without the rule input as the input that gives them, and sends no binary item left undecided', async () => {
    const { fixture, page } = await open(
      detail({
        items: [
          { no: '1', points: '7.00' },
          { no: '3', points: '10.00' },
        ],
      }),
    );
    expect(count(page, '1').value).toBe('3');
    expect(count(page, '3').value).toBe('2');
    expect(met(page, '2').checked).toBe(false);
    expect(gives(page, '2')).toBe('得分 —');
    await type(fixture, note(page, '2'), '未见文件');
    page.querySelector<HTMLButtonElement>('#save-items')!.click();
    await fixture.whenStable();
    expect(entryTip(page, '2')).toBe('录入说明的同时须录入是否达到');
    http.expectNone('/api/assessments/5/items');
    met(page, '2').click();
    met(page, '2').click();
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('#save-items')!.click();
    const req = http.expectOne('/api/assessments/5/items');
    expect(sent(ScoreItemsSchema, req.request.body).items).toEqual([
      { no: '1', cases: 3 },
      { no: '2', met: false, note: '未见文件' },
      { no: '3', achieved: 2 },
    ]);
  });

  it('sends deductions for a deduction scheme and marks those above the weight as capped', async () => {
    const { fixture, page } = await open(
      detail({ kind: 'deduction', scheme: DEDUCTION_SCHEME, result: result({ unscored: ['1', '2'], grade: '优秀' }) }),
    );
    expect(page.querySelector('#operating-cost')).toBeNull();
    await type(fixture, score(page, '1'), '8');
    expect(page.querySelector('tr.item[data-item="1"] .capped')?.textContent).toContain('按6分计');
    await type(fixture, score(page, '2'), '1.5');
    expect(page.querySelector('.provisional-score')?.textContent).toBe('92.5');
    page.querySelector<HTMLButtonElement>('#save-items')!.click();
    const req = http.expectOne('/api/assessments/5/items');
    expect(sent(ScoreItemsSchema, req.request.body)).toEqual({
      items: [
        { no: '1', deduction: '8' },
        { no: '2', deduction: '1.5' },
      ],
    });
    req.flush(
      { statusCode: 400, message: '输入有误', errors: [{ path: 'items[1].deduction', message: '须为最多两位小数的数值' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(entryTip(page, '2')).toBe('须为最多两位小数的数值');
    expect(entryTip(page, '1')).toBeUndefined();
  });

  it('shows the API’s field errors of a save under the inputs they name, by the item’s place in the request', async () => {
    const { fixture, page } = await open();
    met(page, '2').click();
    await type(fixture, note(page, '2'), '未见文件');
    await type(fixture, score(page, '17'), '8');
    await type(fixture, page.querySelector<HTMLInputElement>('#operating-cost')!, '1500000');
    page.querySelector<HTMLButtonElement>('#save-items')!.click();
    const req = http.expectOne('/api/assessments/5/items');
    expect(sent(ScoreItemsSchema, req.request.body).items.map((i) => i.no)).toEqual(['2', '17']);
    req.flush(
      {
        statusCode: 400,
        message: '输入有误',
        errors: [
          { path: 'items[0].note', message: '不能超过1000个字' },
          { path: 'items[1].points', message: '按该项评分规则只能为 0, 10' },
          { path: 'operatingCost', message: '须为金额' },
          { path: 'items[1].no', message: '考核项17不存在' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(tip(note(page, '2'))).toBe('不能超过1000个字');
    expect(entryTip(page, '2')).toBeUndefined();
    expect(entryTip(page, '17')).toBe('按该项评分规则只能为 0, 10');
    expect(tip(note(page, '17'))).toBeUndefined();
    expect(entryTip(page, '1')).toBeUndefined();
    expect([...page.querySelectorAll('tr.item.invalid')].map((r) => r.getAttribute('data-item'))).toEqual(['2', '17']);
    expect(tip(page.querySelector('#operating-cost'))).toBe('须为金额');
    // What no input shows stays in the error box.
    const box = page.querySelector('.save-error')?.textContent ?? '';
    expect(box).toContain('输入有误');
    expect(box).toContain('考核项17不存在');
    expect(box).not.toContain('1000个字');
  });

  it('lists the rows of a rejected Excel import', async () => {
    const { fixture, page } = await open();
    const input = page.querySelector<HTMLInputElement>('#import-items')!;
    Object.defineProperty(input, 'files', { value: [new File(['x'], '评分.xlsx')], configurable: true });
    input.dispatchEvent(new Event('change'));
    const req = http.expectOne('/api/assessments/5/items.xlsx');
    expect(req.request.body).toBeInstanceOf(FormData);
    req.flush(
      {
        statusCode: 400,
        message: '输入有误',
        errors: [
          { path: 'rows[4].points', message: '不能超过该项分值10' },
          { path: 'rows[6].points', message: '按该项评分规则只能为 0, 4' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect([...page.querySelectorAll('.import-errors li')].map((li) => li.textContent?.trim())).toEqual([
      '第4行 得分：不能超过该项分值10',
      '第6行 得分：按该项评分规则只能为 0, 4',
    ]);
  });

  it('uploads evidence for an item and lists it with its hash', async () => {
    const { fixture, page } = await open();
    const input = page.querySelector<HTMLInputElement>('.evidence-file[data-item="2"] input[type=file]')!;
    Object.defineProperty(input, 'files', {
      value: [new File(['%PDF-1.4'], '制度文件.pdf', { type: 'application/pdf' })],
      configurable: true,
    });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable(); // the description and the upload button appear once a file is chosen
    await type(fixture, page.querySelector<HTMLInputElement>('input.evidence-desc[data-item="2"]')!, '机构设置文件');
    page.querySelector<HTMLButtonElement>('button.upload-evidence[data-item="2"]')!.click();
    const req = http.expectOne('/api/assessments/5/items/2/evidence');
    const body = req.request.body as FormData;
    expect((body.get('file') as File).name).toBe('制度文件.pdf');
    expect(body.get('description')).toBe('机构设置文件');
    req.flush(
      answer(AssessmentFileSchema, {
        id: 31,
        assessmentId: 5,
        kind: 'evidence',
        itemNo: '2',
        fileName: '制度文件.pdf',
        mimeType: 'application/pdf',
        size: 8,
        sha256: 'abcdef0123456789'.repeat(4),
        description: '机构设置文件',
        uploadedBy: 'bureau',
        uploadedAt: '2025-02-01T02:00:00.000Z',
      }),
    );
    await fixture.whenStable();
    const entry = page.querySelector('tr.item[data-item="2"] .evidence-file-entry');
    expect(entry?.textContent).toContain('制度文件.pdf');
    expect(entry?.textContent).toContain('abcdef01…');
  });

  it('refuses an evidence file of another type before uploading', async () => {
    const { fixture, page } = await open();
    const input = page.querySelector<HTMLInputElement>('.evidence-file[data-item="1"] input[type=file]')!;
    Object.defineProperty(input, 'files', { value: [new File(['MZ'], 'tool.exe')], configurable: true });
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(tip(page.querySelector('.evidence-file[data-item="1"]'))).toContain('文件类型');
    expect(page.querySelector<HTMLButtonElement>('button.upload-evidence[data-item="1"]')?.disabled).toBe(true);
  });

  it('lists the insurer’s evidence for an item, read-only, apart from the bureau’s', async () => {
    const { page } = await open(
      detail({
        files: [
          answer(AssessmentFileSchema, {
            id: 40,
            assessmentId: 5,
            kind: 'self-evidence',
            itemNo: '2',
            fileName: '机构设置文件.pdf',
            mimeType: 'application/pdf',
            size: 8,
            sha256: 'c'.repeat(64),
            description: '组织机构图',
            uploadedBy: 'insurer-a',
            uploadedAt: '2025-01-20T02:00:00.000Z',
          }),
        ],
      }),
    );
    const row = page.querySelector('tr.item[data-item="2"]')!;
    expect(row.querySelector('.self-evidence')?.textContent).toMatch(/保险机构：\s*机构设置文件\.pdf/);
    expect(row.querySelector('.self-evidence .evidence-file-entry')?.textContent).toContain('组织机构图');
    expect(row.querySelector('.self-evidence input, .self-evidence app-file-upload')).toBeNull();
    expect(row.querySelector('app-item-evidence[kind="evidence"] .evidence-file-entry')).toBeNull();
    expect(page.querySelector('tr.item[data-item="1"] .self-evidence')).toBeNull();
  });

  describe('publish and finalise by status', () => {
    const complete = result({ score: '90.00', grade: '达标', passed: true, complete: true, unscored: [] });

    it('offers publishing while open, disabled with the reason when incomplete', async () => {
      const { page } = await open(detail({ result: result({ unscored: ['3'] }) }));
      const publish = page.querySelector<HTMLButtonElement>('#publish')!;
      expect(publish.disabled).toBe(true);
      expect(page.querySelector('.publish-hint')?.textContent).toContain('第3项');
      expect(page.querySelector('.publish-hint')?.textContent).toContain('运营成本');
      expect(page.querySelector('#finalise')).toBeNull();
      expect(page.querySelector('#generate-report')).toBeNull();
    });

    it('publishes after confirmation', async () => {
      const { fixture, page } = await open(detail({ status: 'submitted', result: complete, operatingCost: '1500000.00' }));
      page.querySelector<HTMLButtonElement>('#publish')!.click();
      fixture.detectChanges();
      await fixture.whenStable();
      // Asked first, in NG-ZORRO's popconfirm: nothing is sent before the answer.
      expect(document.querySelector('.ant-popover')?.textContent).toContain('确定公布吗');
      http.expectNone('/api/assessments/5/publish');
      await confirmPopover(fixture);
      const req = http.expectOne('/api/assessments/5/publish');
      expect(req.request.method).toBe('POST');
      req.flush(
        detail({
          status: 'published',
          result: complete,
          operatingCost: '1500000.00',
          deadlines: { reportDue: '2025-01-31', assessmentDue: '2025-03-31', objectionDeadline: day(10), rewardDue: null },
        }),
      );
      await fixture.whenStable();
      expect(page.querySelector('#publish')).toBeNull();
      expect(page.querySelector('#save-items')).toBeNull();
      expect(count(page, '1').disabled).toBe(true);
      expect(met(page, '2').disabled).toBe(true);
      expect(page.querySelector<HTMLButtonElement>('#finalise')?.disabled).toBe(true);
      expect(page.querySelector('.finalise-hint')?.textContent).toContain(`异议期至${day(10)}`);
      expect(page.querySelector('#generate-report')).not.toBeNull();
    });

    it('finalises after the objection window once every objection is answered', async () => {
      const deadlines = { reportDue: '2025-01-31', assessmentDue: '2025-03-31', objectionDeadline: day(-1), rewardDue: null };
      const objection = {
        id: 3,
        assessmentId: 5,
        text: '第17项评分偏低',
        itemNo: '17',
        raisedBy: 'insurer-a',
        raisedAt: '2025-04-02T02:00:00.000Z',
        answer: null,
        answeredBy: null,
        answeredAt: null,
        revisedItems: null,
      };
      const { fixture, page } = await open(detail({ status: 'published', result: complete, deadlines, objections: [objection] }));
      expect(page.querySelector<HTMLButtonElement>('#finalise')?.disabled).toBe(true);
      expect(page.querySelector('.finalise-hint')?.textContent).toContain('1条异议未答复');

      await type(fixture, page.querySelector<HTMLTextAreaElement>('textarea.answer-text')!, '经复核，维持原评分');
      page.querySelector<HTMLButtonElement>('button.answer-objection')!.click();
      const answering = http.expectOne('/api/assessments/5/objections/3/answer');
      expect(sent(AnswerSchema, answering.request.body)).toEqual({ text: '经复核，维持原评分' });
      answering.flush(
        detail({
          status: 'published',
          result: complete,
          deadlines,
          objections: [{ ...objection, answer: '经复核，维持原评分', answeredBy: 'bureau', answeredAt: '2025-04-03T02:00:00.000Z' }],
        }),
      );
      await fixture.whenStable();
      expect(page.querySelector('.objection-answer')?.textContent).toContain('维持原评分');
      expect(page.querySelector('textarea.answer-text')).toBeNull();

      const finalise = page.querySelector<HTMLButtonElement>('#finalise')!;
      expect(finalise.disabled).toBe(false);
      finalise.click();
      fixture.detectChanges();
      await fixture.whenStable();
      expect(document.querySelector('.ant-popover')?.textContent).toContain('确定定稿吗');
      http.expectNone('/api/assessments/5/finalise');
      await confirmPopover(fixture);
      http
        .expectOne('/api/assessments/5/finalise')
        .flush(detail({ status: 'final', result: complete, deadlines: { ...deadlines, rewardDue: day(30) } }));
      await fixture.whenStable();
      expect(page.querySelector('.assessment-status')?.textContent).toBe('已定稿');
      expect(page.querySelector('#finalise')).toBeNull();
      expect(page.querySelector('#publish')).toBeNull();
      expect(page.querySelector('.evidence-file')).toBeNull();
    });

    it('answers an objection with revised item scores', async () => {
      const deadlines = { reportDue: '2025-01-31', assessmentDue: '2025-03-31', objectionDeadline: day(3), rewardDue: null };
      const objection = {
        id: 4,
        assessmentId: 5,
        text: '第2项已设立机构',
        itemNo: '2',
        raisedBy: 'insurer-a',
        raisedAt: '2025-04-02T02:00:00.000Z',
        answer: null,
        answeredBy: null,
        answeredAt: null,
        revisedItems: null,
      };
      const { fixture, page } = await open(detail({ status: 'published', result: complete, deadlines, objections: [objection] }));
      await type(fixture, page.querySelector<HTMLTextAreaElement>('textarea.answer-text')!, '异议成立');
      page.querySelector<HTMLButtonElement>('button.add-revision')!.click();
      await fixture.whenStable();
      await choose(fixture, 'nz-select.revise-item', '2');
      await type(fixture, page.querySelector<HTMLInputElement>('input.revise-value')!, '4');
      page.querySelector<HTMLButtonElement>('button.answer-objection')!.click();
      const req = http.expectOne('/api/assessments/5/objections/4/answer');
      expect(sent(AnswerSchema, req.request.body)).toEqual({ text: '异议成立', revisedItems: [{ no: '2', points: '4' }] });
      req.flush(
        detail({
          status: 'published',
          result: complete,
          deadlines,
          objections: [
            { ...objection, answer: '异议成立', answeredAt: '2025-04-03T02:00:00.000Z', revisedItems: [{ no: '2', points: '4.00' }] },
          ],
        }),
      );
      await fixture.whenStable();
      expect(page.querySelector('.revised')?.textContent).toContain('第2项 组织机构 → 4');
    });

    it('shows what is wrong with an answer under its inputs, found here or by the API', async () => {
      const deadlines = { reportDue: '2025-01-31', assessmentDue: '2025-03-31', objectionDeadline: day(3), rewardDue: null };
      const objection = {
        id: 4,
        assessmentId: 5,
        text: '第17项评分偏低',
        itemNo: '17',
        raisedBy: 'insurer-a',
        raisedAt: '2025-04-02T02:00:00.000Z',
        answer: null,
        answeredBy: null,
        answeredAt: null,
        revisedItems: null,
      };
      const { fixture, page } = await open(detail({ status: 'published', result: complete, deadlines, objections: [objection] }));
      const text = page.querySelector<HTMLTextAreaElement>('textarea.answer-text')!;
      page.querySelector<HTMLButtonElement>('button.add-revision')!.click();
      await fixture.whenStable();
      await choose(fixture, 'nz-select.revise-item', '17');
      await type(fixture, page.querySelector<HTMLInputElement>('input.revise-value')!, '11');
      page.querySelector<HTMLButtonElement>('button.answer-objection')!.click();
      await fixture.whenStable();
      http.expectNone('/api/assessments/5/objections/4/answer');
      expect(tip(text)).toBe('须填写答复');
      expect(tip(page.querySelector('input.revise-value'))).toBe('不能超过该项分值10');

      await type(fixture, text, '异议成立');
      await type(fixture, page.querySelector<HTMLInputElement>('input.revise-value')!, '10');
      page.querySelector<HTMLButtonElement>('button.answer-objection')!.click();
      http
        .expectOne('/api/assessments/5/objections/4/answer')
        .flush(
          { statusCode: 400, message: '输入有误', errors: [{ path: 'revisedItems[0].note', message: '不能超过1000个字' }] },
          { status: 400, statusText: 'Bad Request' },
        );
      await fixture.whenStable();
      expect(tip(text)).toBeUndefined();
      expect(tip(page.querySelector('input.revise-value'))).toBeUndefined();
      expect(tip(page.querySelector('input.revise-note'))).toBe('不能超过1000个字');
      expect(page.querySelector('.answer-error')?.textContent).toContain('输入有误');
    });
  });
});
