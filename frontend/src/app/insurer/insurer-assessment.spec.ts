import { TestBed } from '@angular/core/testing';
import {
  type AssessmentDetail,
  type AssessmentFile,
  AssessmentFileSchema,
  AssessmentSummarySchema,
  ObjectionSchema,
  ObjectionViewSchema,
} from '@domain/wire/assessments';
import { answer, sent } from '../testing/wire';
import { chinaToday } from '../shared/assessment-entry';
import { DEDUCTION_SCHEME, detail, result, summary } from '../testing/assessments';
import { InsurerAssessment } from './insurer-assessment';
import { InsurerAssessments } from './insurer-assessments';
import { answerPage } from '../testing/pages';
import { useHttpTesting } from '../testing/http';
import { choose, selectOptions } from '../testing/forms';
import { confirmPopover } from '../testing/overlay';

const day = (offset: number) => new Date(Date.parse(`${chinaToday()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/** What the insurer sees before publication: its own submission, none of the bureau's scoring. */
const unpublished = (overrides: Partial<AssessmentDetail> = {}) => detail({ result: null, items: null, operatingCost: null, ...overrides });

const file = (overrides: Partial<AssessmentFile>): AssessmentFile => ({
  id: 30,
  assessmentId: 5,
  kind: 'report',
  itemNo: null,
  fileName: '2024年度运行报告.pdf',
  mimeType: 'application/pdf',
  size: 8,
  sha256: 'a'.repeat(64),
  description: null,
  uploadedBy: 'insurer-a',
  uploadedAt: '2025-01-20T02:00:00.000Z',
  ...overrides,
});

const published = (overrides: Partial<AssessmentDetail> = {}) =>
  detail({
    status: 'published',
    publishedAt: '2025-03-20T02:00:00.000Z',
    deadlines: { reportDue: '2025-01-31', assessmentDue: '2025-03-31', objectionDeadline: day(5), rewardDue: null },
    items: [
      { no: '1', points: '9.00', note: '抽查发现一例差错' },
      { no: '2', points: '4.00' },
      { no: '3', points: '5.00' },
      { no: '17', points: '8.00' },
    ],
    operatingCost: '1500000.00',
    result: result({ score: '84.90', grade: '不达标', passed: false, deductionAmount: '7500.00', complete: true, unscored: [] }),
    files: [
      file({ id: 31, kind: 'evidence', itemNo: '1', fileName: '抽查记录.pdf', size: 2048, sha256: 'f'.repeat(64), uploadedBy: 'bureau' }),
      file({ id: 32, kind: 'self-evidence', itemNo: '1', fileName: '自查台账.pdf', sha256: 'e'.repeat(64) }),
    ],
    ...overrides,
  });

describe('InsurerAssessment', () => {
  const http = useHttpTesting();

  async function open(data: AssessmentDetail) {
    const fixture = TestBed.createComponent(InsurerAssessment);
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

  function chooseFile(page: HTMLElement, id: string, chosen: File) {
    const input = page.querySelector<HTMLInputElement>(`#${id}`)!;
    Object.defineProperty(input, 'files', { value: [chosen], configurable: true });
    input.dispatchEvent(new Event('change'));
  }
  const chooseReport = (page: HTMLElement, chosen: File) => chooseFile(page, 'report-file', chosen);

  /** Submits through the popconfirm. */
  async function submit(fixture: { whenStable(): Promise<unknown>; detectChanges(): void }, page: HTMLElement) {
    page.querySelector<HTMLButtonElement>('#submit-self-assessment')!.click();
    await confirmPopover(fixture);
  }

  it('submits the report and the self-assessment as multipart with the items as JSON', async () => {
    const { fixture, page } = await open(unpublished());
    expect(page.querySelector('.report-due')?.textContent).toBe('2025-01-31');
    expect(page.querySelector('.not-published')).not.toBeNull();
    expect(page.querySelector('.result-panel')).toBeNull();
    expect(page.querySelector('#objection-text')).toBeNull();
    expect(page.querySelector('#download-report')).toBeNull();

    // Each item asks what its rule takes, in Chinese: cases found, met or not, sub-items achieved, points.
    const row = (no: string) => page.querySelector<HTMLElement>(`tr.self-item[data-item="${no}"]`)!;
    expect(row('1').textContent).toContain('发现的问题例数');
    expect(row('1').textContent).toContain('每发现一例扣1分');
    expect(row('1').textContent).toContain('依据：抽查报销凭证等相关材料');
    expect((await selectOptions(fixture, 'nz-select.self-met')).map((o) => o.getAttribute('title'))).toEqual([
      '达到（得4分）',
      '未达到（0分）',
    ]);
    expect(row('3').textContent).toContain('达到的子指标数');
    expect(row('17').textContent).toContain('自评得分');
    expect(page.querySelector('.self-items thead')?.textContent).toContain('说明及佐证');
    const input = (no: string) => page.querySelector<HTMLInputElement>(`input.self-score[data-item="${no}"]`)!;
    const count = (no: string) => page.querySelector<HTMLInputElement>(`#self-count-${no}`)!;
    await type(fixture, count('1'), '0');
    await choose(fixture, 'nz-select.self-met', true);
    await type(fixture, count('3'), '2');
    await type(fixture, input('17'), '9');
    expect(row('3').querySelector('.item-result')?.textContent).toContain('折合得分 10');
    await type(fixture, page.querySelector<HTMLInputElement>('input.self-note[data-item="17"]')!, '参与监管检查12次');
    await type(fixture, page.querySelector<HTMLTextAreaElement>('#self-summary')!, '全年运行平稳');
    expect(page.querySelector('.provisional-score')?.textContent).toBe('33');
    const report = new File(['%PDF-1.4'], '2024年度运行报告.pdf', { type: 'application/pdf' });
    chooseReport(page, report);
    await submit(fixture, page);

    const req = http.expectOne('/api/assessments/5/self-assessment');
    expect(req.request.method).toBe('POST');
    const body = req.request.body as FormData;
    expect(body).toBeInstanceOf(FormData);
    expect((body.get('file') as File).name).toBe('2024年度运行报告.pdf');
    expect(JSON.parse(body.get('items') as string)).toEqual([
      { no: '1', cases: 0 },
      { no: '2', met: true },
      { no: '3', achieved: 2 },
      { no: '17', points: '9', note: '参与监管检查12次' },
    ]);
    expect(body.get('summary')).toBe('全年运行平稳');
    req.flush(
      unpublished({
        status: 'submitted',
        submittedAt: '2025-01-20T02:00:00.000Z',
        selfAssessment: {
          items: [
            { no: '1', points: '10.00', cases: 0 },
            { no: '2', points: '4.00', met: true },
            { no: '3', points: '10.00', achieved: 2 },
            { no: '17', points: '9.00', note: '参与监管检查12次' },
          ],
          summary: '全年运行平稳',
          submittedAt: '2025-01-20T02:00:00.000Z',
          score: '33.00',
          grade: '不达标',
        },
        files: [file({})],
      }),
    );
    await fixture.whenStable();
    expect(page.querySelector('nz-alert[role="status"]')?.textContent).toContain('已提交');
    expect(page.querySelector('.self-result')?.textContent).toContain('33');
    expect(page.querySelector('.report-file')?.textContent).toContain('2024年度运行报告.pdf');
    expect(page.querySelector('#submit-self-assessment')?.textContent).toContain('重新提交');
    expect(input('17').value).toBe('9');
    expect(count('3').value).toBe('2');
    expect(row('2').querySelector('.ant-select-selection-item')?.textContent).toContain('达到（得4分）');
  });

  it('checks each item as it is typed, and the items and the report before sending, under their inputs', async () => {
    const { fixture, page } = await open(unpublished());
    const error = (no: string) => page.querySelector(`tr.self-item[data-item="${no}"] .ant-form-item-explain-error`)?.textContent;
    await type(fixture, page.querySelector<HTMLInputElement>('input.self-score[data-item="17"]')!, '12');
    await type(fixture, page.querySelector<HTMLInputElement>('#self-count-3')!, '3');
    // Inline, before anything is sent.
    expect(error('17')).toContain('不能超过该项分值10');
    expect(error('3')).toContain('不能超过子指标数2');
    expect(error('2')).toBeUndefined();
    await submit(fixture, page);
    expect(error('2')).toContain('须填写是否达到');
    expect(error('1')).toContain('须填写发现例数');
    expect(page.querySelector('.report-item .ant-form-item-explain-error')?.textContent).toContain('须上传年度运行报告');
    http.expectNone('/api/assessments/5/self-assessment');
  });

  it('shows the API’s field errors under the inputs they name (items[i].field, summary), the rest in the box', async () => {
    const { fixture, page } = await open(unpublished());
    await type(fixture, page.querySelector<HTMLInputElement>('#self-count-1')!, '0');
    await choose(fixture, 'nz-select.self-met', false);
    await type(fixture, page.querySelector<HTMLInputElement>('#self-count-3')!, '1');
    await type(fixture, page.querySelector<HTMLInputElement>('input.self-score[data-item="17"]')!, '5');
    chooseReport(page, new File(['%PDF-1.4'], '报告.pdf', { type: 'application/pdf' }));
    await submit(fixture, page);
    http.expectOne('/api/assessments/5/self-assessment').flush(
      {
        statusCode: 400,
        message: '输入有误 / invalid input',
        errors: [
          { path: 'items[1].met', code: 'required', params: {}, message: 'required / 必填' },
          { path: 'items[3].note', code: 'tooLong', params: { max: 1000 }, message: 'too long / 不能超过1000个字符' },
          { path: 'summary', code: 'tooLong', params: { max: 5000 }, message: 'too long / 不能超过5000个字符' },
          { path: 'items[9].points', code: 'required', params: {}, message: 'required / 必填' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const tip = (css: string) => page.querySelector(`${css} .ant-form-item-explain-error`)?.textContent ?? '';
    expect(tip('tr.self-item[data-item="2"] .self-entry')).not.toBe('');
    expect(tip('tr.self-item[data-item="17"] .self-note-control')).toContain('1000');
    expect(tip('tr.self-item[data-item="1"]')).toBe('');
    expect(
      page.querySelector('#self-summary')!.closest('nz-form-item')!.querySelector('.ant-form-item-explain-error')?.textContent,
    ).toContain('5000');
    // A path no input shows is listed in the box.
    expect(page.querySelector('.submit-error .form-error')?.textContent).toContain('items[9].points');
    expect(page.querySelector('.submit-error .form-error')?.textContent).not.toContain('items[1].met');
  });

  it('uploads each item’s evidence (佐证材料) with its description and shows it under the item', async () => {
    const { fixture, page } = await open(
      unpublished({ files: [file({ id: 40, kind: 'self-evidence', itemNo: '1', fileName: '台账.pdf' })] }),
    );
    const row = (no: string) => page.querySelector<HTMLElement>(`tr.self-item[data-item="${no}"]`)!;
    expect(row('1').querySelector('.evidence-file-entry')?.textContent).toContain('台账.pdf');
    expect(row('3').querySelector('.upload-evidence')).toBeNull();
    chooseFile(page, 'self-evidence-file-3', new File(['%PDF-1.4'], '团队名册.pdf', { type: 'application/pdf' }));
    await fixture.whenStable();
    await type(fixture, row('3').querySelector<HTMLInputElement>('input.evidence-desc')!, '服务团队名册');
    row('3').querySelector<HTMLButtonElement>('.upload-evidence')!.click();
    const req = http.expectOne('/api/assessments/5/self-assessment/items/3/evidence');
    expect(req.request.method).toBe('POST');
    const body = req.request.body as FormData;
    expect((body.get('file') as File).name).toBe('团队名册.pdf');
    expect(body.get('description')).toBe('服务团队名册');
    req.flush(
      answer(
        AssessmentFileSchema,
        file({ id: 41, kind: 'self-evidence', itemNo: '3', fileName: '团队名册.pdf', description: '服务团队名册', sha256: 'b'.repeat(64) }),
      ),
    );
    await fixture.whenStable();
    expect(row('3').querySelector('.evidence-file-entry')?.textContent).toContain('团队名册.pdf');
    expect(row('3').querySelector('.evidence-file-entry')?.textContent).toContain('服务团队名册');
    expect(row('3').querySelector('.upload-evidence')).toBeNull();
    expect(page.querySelector('nz-alert[role="status"]')?.textContent).toContain('已上传第3项佐证材料 团队名册.pdf');

    // A refusal (the cap) shows under the item, in Chinese from its code.
    chooseFile(page, 'self-evidence-file-3', new File(['%PDF-1.4'], '再一份.pdf', { type: 'application/pdf' }));
    await fixture.whenStable();
    row('3').querySelector<HTMLButtonElement>('.upload-evidence')!.click();
    http
      .expectOne('/api/assessments/5/self-assessment/items/3/evidence')
      .flush(
        { statusCode: 409, code: 'fileLimit', params: { max: 10 }, message: 'at most 10 files / 最多10个文件' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    expect(row('3').querySelector('td.self-evidence .ant-form-item-explain-error')?.textContent).toContain('10');
  });

  it('on a deduction scheme takes each deduction with its reason', async () => {
    const { fixture, page } = await open(unpublished({ kind: 'deduction', scheme: DEDUCTION_SCHEME, schemeCode: 'NB-PERF' }));
    expect(page.querySelector('.self-items thead')?.textContent).toContain('扣分原因');
    expect(page.querySelector('tr.self-item[data-item="1"]')?.textContent).toContain('扣分');
    expect(page.querySelector('input.self-count, nz-select.self-met')).toBeNull();
    const deduction = (no: string) => page.querySelector<HTMLInputElement>(`input.self-score[data-item="${no}"]`)!;
    const reason = (no: string) => page.querySelector(`tr.self-item[data-item="${no}"] .self-note-control .ant-form-item-explain-error`);
    await type(fixture, deduction('1'), '2');
    await type(fixture, deduction('2'), '0');
    expect(reason('1')?.textContent).toContain('有扣分的须说明扣分原因');
    expect(reason('2')).toBeNull();
    expect(page.querySelector('.provisional-score')?.textContent).toBe('98');
    chooseReport(page, new File(['%PDF-1.4'], '报告.pdf', { type: 'application/pdf' }));
    await submit(fixture, page);
    http.expectNone('/api/assessments/5/self-assessment');
    await type(fixture, page.querySelector<HTMLInputElement>('input.self-note[data-item="1"]')!, '两次培训记录不全');
    expect(reason('1')).toBeNull();
    await submit(fixture, page);
    const req = http.expectOne('/api/assessments/5/self-assessment');
    expect(JSON.parse((req.request.body as FormData).get('items') as string)).toEqual([
      { no: '1', deduction: '2', note: '两次培训记录不全' },
      { no: '2', deduction: '0' },
    ]);
  });

  it('shows the published result per item and takes an objection within the window', async () => {
    const { fixture, page } = await open(published());
    expect(page.querySelector('#submit-self-assessment')).toBeNull();
    expect(page.querySelector('.outcome-score')?.textContent).toBe('84.9');
    expect(page.querySelector('.outcome-grade')?.textContent).toContain('不达标');
    expect(page.querySelector('.outcome-deduction')?.textContent).toContain('7,500.00');
    const row = page.querySelector('tr.result-item[data-item="1"]')!;
    expect(row.querySelector('.bureau-value')?.textContent).toBe('9');
    expect(row.querySelector('.bureau-note')?.textContent).toBe('抽查发现一例差错');
    expect(row.textContent).toContain('抽查记录.pdf');
    expect(row.querySelector('.self-evidence')?.textContent).toContain('自查台账.pdf');
    expect(page.querySelector('.objection-window')?.textContent).toContain(day(5));
    expect(page.querySelector('#download-report')).not.toBeNull();

    expect((await selectOptions(fixture, 'nz-select.objection-select')).map((o) => o.getAttribute('title'))[0]).toBe('考核结果（整体）');
    await choose(fixture, 'nz-select.objection-select', '17');
    await type(fixture, page.querySelector<HTMLTextAreaElement>('#objection-text')!, '第17项参与监管12次，应得满分');
    page.querySelector<HTMLButtonElement>('#raise-objection')!.click();
    const req = http.expectOne('/api/assessments/5/objections');
    expect(req.request.method).toBe('POST');
    expect(sent(ObjectionSchema, req.request.body)).toEqual({ text: '第17项参与监管12次，应得满分', itemNo: '17' });
    req.flush(
      answer(ObjectionViewSchema, {
        id: 9,
        assessmentId: 5,
        itemNo: '17',
        text: '第17项参与监管12次，应得满分',
        raisedBy: 'insurer-a',
        raisedAt: '2025-03-21T02:00:00.000Z',
        answer: null,
        answeredBy: null,
        answeredAt: null,
        revisedItems: null,
      }),
    );
    await fixture.whenStable();
    const objection = page.querySelector('.objection[data-objection="9"]')!;
    expect(objection.querySelector('.objection-text')?.textContent).toContain('应得满分');
    expect(objection.querySelector('.awaiting')).not.toBeNull();
    expect(page.querySelector<HTMLTextAreaElement>('#objection-text')?.value).toBe('');
    expect(objection.querySelector('.objection-item')?.textContent).toBe('第17项');

    // A second one on the same item, still open: the refusal in Chinese, from its code.
    await type(fixture, page.querySelector<HTMLTextAreaElement>('#objection-text')!, '再次提出');
    page.querySelector<HTMLButtonElement>('#raise-objection')!.click();
    http.expectOne('/api/assessments/5/objections').flush(
      {
        statusCode: 409,
        code: 'objectionOpen',
        params: { item: '17' },
        message: 'item 17 already has an open objection / 第17项已有未答复的异议',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(page.querySelector('.objection-error')?.textContent?.trim()).toBe('第17项已有未答复的异议');
  });

  it('shows the answer and no objection form once the window has passed', async () => {
    const { page } = await open(
      published({
        deadlines: { reportDue: '2025-01-31', assessmentDue: '2025-03-31', objectionDeadline: day(-1), rewardDue: null },
        objections: [
          {
            id: 9,
            assessmentId: 5,
            itemNo: null,
            text: '异议',
            raisedBy: 'insurer-a',
            raisedAt: '2025-03-21T02:00:00.000Z',
            answer: '维持原评分',
            answeredBy: 'bureau',
            answeredAt: '2025-03-22T02:00:00.000Z',
            revisedItems: null,
          },
        ],
      }),
    );
    expect(page.querySelector('#objection-text')).toBeNull();
    expect(page.querySelector('.objection-closed')?.textContent).toContain(day(-1));
    expect(page.querySelector('.objection-answer')?.textContent).toContain('维持原评分');
  });

  it('downloads the report PDF', async () => {
    const { page } = await open(published());
    const createObjectURL = vi.fn(() => 'blob:report');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    page.querySelector<HTMLButtonElement>('#download-report')!.click();
    const req = http.expectOne('/api/assessments/5/report.pdf');
    expect(req.request.method).toBe('GET');
    req.flush(new Blob(['%PDF-1.4']), {
      headers: { 'Content-Disposition': "attachment; filename*=UTF-8''%E8%80%83%E6%A0%B8.pdf", 'X-Document-Version': '1' },
    });
    expect(createObjectURL).toHaveBeenCalled();
  });
});

describe('InsurerAssessments', () => {
  const http = useHttpTesting();

  it('lists the organisation’s assessments, results only once published', async () => {
    const fixture = TestBed.createComponent(InsurerAssessments);
    await fixture.whenStable();
    const query = answerPage(
      http,
      '/api/assessments',
      answer(AssessmentSummarySchema.array(), [
        summary({ result: null }),
        summary({
          id: 6,
          status: 'final',
          result: result({ score: '90.00', grade: '达标', passed: true, complete: true, unscored: [] }),
        }),
      ]),
      2,
    );
    expect(query).toEqual({ page: '1', pageSize: '20' });
    await fixture.whenStable();
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.textContent).toContain('共 2 项考核');
    const rows = [...page.querySelectorAll('tr.my-assessment')];
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('待公布');
    expect(rows[0].querySelector('.assessment-link')?.textContent).toBe('提交自评');
    expect(rows[1].querySelector('.score')?.textContent).toBe('90');
    expect(rows[1].querySelector('.assessment-link')?.getAttribute('href')).toBe('/insurer/assessments/6');
  });
});
