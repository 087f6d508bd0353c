import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { useHttpTesting } from '../testing/http';
import { CreateTenderSchema } from '@domain/wire/tenders';
import { tenderDetail } from '../testing/tenders';
import { pickDate } from '../testing/forms';
import { sent } from '../testing/wire';
import { TenderForm } from './tender-form';

/** The organisations list: the buyer is picked among the bureau organisations only. */
const ORGANIZATIONS = [
  { id: 1, code: 'NBYBJ', name: '宁波市医疗保障局', kind: 'bureau', createdAt: '2026-01-05T08:00:00.000Z' },
  { id: 3, code: 'A', name: '甲安人寿保险股份有限公司宁波市分公司', kind: 'insurer', createdAt: '2026-01-05T08:00:00.000Z' },
];

describe('TenderForm', () => {
  const http = useHttpTesting();
  let navigate: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  });

  async function render() {
    const fixture = TestBed.createComponent(TenderForm);
    http.expectOne('/api/organizations').flush(ORGANIZATIONS);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const type = (selector: string, value: string) => {
      const input = page.querySelector<HTMLInputElement>(selector)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    return { fixture, page, type };
  }

  it('posts the tender with defaults and times in +08:00', async () => {
    const { fixture, page, type } = await render();
    type('#tender-code', 'NBZFCG2026B001G');
    type('#tender-name', '宁波市长期护理保险委托经办');
    type('#tender-purchaser', '宁波市医疗保障局');
    type('#tender-agency', '宁波市政府采购中心');
    // The picker shows Beijing wall-clock time whatever the browser's zone: 09:30 picked is 09:30+08:00.
    await pickDate(fixture, '#tender-deadline', new Date(2026, 11, 20, 9, 30));
    await pickDate(fixture, '#tender-opening', new Date(2026, 11, 20, 9, 30));
    type('#tender-price-weight', '30');
    page.querySelector<HTMLButtonElement>('#save-tender')!.click();

    const req = http.expectOne('/api/tenders');
    expect(req.request.method).toBe('POST');
    expect(sent(CreateTenderSchema, req.request.body)).toEqual({
      code: 'NBZFCG2026B001G',
      name: '宁波市长期护理保险委托经办',
      purchaser: '宁波市医疗保障局',
      agency: '宁波市政府采购中心',
      bidDeadline: '2026-12-20T09:30:00+08:00',
      openingTime: '2026-12-20T09:30:00+08:00',
      bidValidityDays: 90,
      contractYears: 3,
      firstContractYear: new Date().getFullYear() + 1,
      minQualifiedBidders: 3,
      priceWeight: '30',
      priceBasis: 'service',
      smeDeduction: '0.20',
      abnormalLowRatio: '0.50',
      outlierRatio: '0.30',
      trimExtremes: false,
      scoreDecimals: 2,
      awardRule: 'sequential-exclusive',
      tieBreakers: ['price', 'draw'],
      oneBranchPerGroup: false,
      publishScores: false,
      consortiaAllowed: false,
      contractKind: 'per-capita',
      challengeDays: 7,
      repeatedFailureDeduction: null,
      bidSubmission: 'electronic',
      openingConfirmMinutes: 30,
    });

    req.flush(tenderDetail({ id: 12, status: 'draft' }));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/procurement/tenders', 12]);
  });

  it('edits a draft: its times shown in Beijing time in the pickers and sent back unchanged', async () => {
    const { fixture, page } = await render();
    fixture.componentRef.setInput('id', '12');
    await fixture.whenStable();
    http
      .expectOne('/api/tenders/12')
      .flush(tenderDetail({ id: 12, status: 'draft', bidDeadline: '2026-12-20T01:30:00.000Z', openingTime: '2026-12-20T02:00:00.000Z' }));
    await fixture.whenStable();
    expect(page.querySelector<HTMLInputElement>('#tender-deadline')!.value).toBe('2026-12-20 09:30');
    expect(page.querySelector<HTMLInputElement>('#tender-opening')!.value).toBe('2026-12-20 10:00');
    page.querySelector<HTMLButtonElement>('#save-tender')!.click();
    const req = http.expectOne('/api/tenders/12');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toMatchObject({ bidDeadline: '2026-12-20T09:30:00+08:00', openingTime: '2026-12-20T10:00:00+08:00' });
    req.flush(tenderDetail({ id: 12, status: 'draft' }));
  });

  it('says whether the purchaser is a buyer organisation, whose officials then reach the tender', async () => {
    const { fixture, page, type } = await render();
    type('#tender-purchaser', '甲安人寿保险股份有限公司宁波市分公司');
    fixture.detectChanges();
    expect(page.querySelector('#tender-buyer-hint')!.textContent).toContain('采购人不是系统中的采购人机构');
    type('#tender-purchaser', '宁波市医疗保障局');
    fixture.detectChanges();
    expect(page.querySelector('#tender-buyer-hint')!.textContent).toContain('已关联：宁波市医疗保障局');
  });

  it('sends the repeated-failure deduction the tender proposes', async () => {
    const { type, page } = await render();
    type('#tender-repeated-failure-deduction', ' 2 ');
    page.querySelector<HTMLButtonElement>('#save-tender')!.click();
    const req = http.expectOne('/api/tenders');
    expect(req.request.body.repeatedFailureDeduction).toBe('2');
    req.flush(tenderDetail({ status: 'draft' }));
  });

  it('puts a category tie-breaker between price and draw', async () => {
    const { type, page } = await render();
    type('#tie-category', '政保合作经验与能力');
    page.querySelector<HTMLButtonElement>('#save-tender')!.click();
    const req = http.expectOne('/api/tenders');
    expect(req.request.body.tieBreakers).toEqual(['price', { category: '政保合作经验与能力' }, 'draw']);
    req.flush(tenderDetail({ status: 'draft' }));
  });

  it('shows 400 errors next to the fields they name, the rest in the summary', async () => {
    const { fixture, page } = await render();
    page.querySelector<HTMLButtonElement>('#save-tender')!.click();
    expect(navigate).not.toHaveBeenCalled();
    http.expectOne('/api/tenders').flush(
      {
        statusCode: 400,
        message: '输入有误',
        errors: [
          { path: 'code', message: '项目编号不能为空' },
          { path: 'openingTime', message: '开标时间不得早于投标截止时间' },
          { path: 'priceWeight', message: '须大于0' },
          { path: 'panel', message: '未知字段' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    const errorUnder = (id: string) =>
      [...page.querySelector(id)!.closest('nz-form-item')!.querySelectorAll('.ant-form-item-explain-error')].map((e) =>
        e.textContent?.trim(),
      );
    expect(errorUnder('#tender-code')).toEqual(['项目编号不能为空']);
    expect(errorUnder('#tender-opening')).toEqual(['开标时间不得早于投标截止时间']);
    expect(errorUnder('#tender-price-weight')).toEqual(['须大于0']);
    expect(errorUnder('#tender-name')).toEqual([]);
    const summary = page.querySelector('.form-error')!;
    expect(summary.textContent).toContain('输入有误');
    expect(summary.textContent).toContain('panel：未知字段');
    expect(summary.textContent).not.toContain('项目编号不能为空');
  });
});
