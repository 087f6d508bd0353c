import { TestBed } from '@angular/core/testing';
import {
  AddMemberSchema,
  LeaderSchema,
  type PanelCandidate,
  PanelCandidateSchema,
  PanelMemberViewSchema,
  type PanelProgress,
  PanelProgressSchema,
} from '@domain/wire/panel';
import { ClarificationViewSchema } from '@domain/wire/tenders';
import { tenderDetail, lotView } from '../testing/tenders';
import { answer, sent } from '../testing/wire';
import { CommitteePanel } from './committee-panel';
import { TenderDetail } from './tender-detail';
import { useHttpTesting } from '../testing/http';
import { choose, selectOptions } from '../testing/forms';
import { confirmPopover } from '../testing/overlay';

const tender = tenderDetail({
  code: 'NB1',
  name: '宁波长护险',
  status: 'evaluation',
  version: 3,
  lots: [lotView('2', { name: '北片区' }), lotView('1', { name: '中心片区' })],
});

const members = answer(PanelProgressSchema.array(), [
  {
    id: 7,
    code: 'E1',
    name: '张评审',
    userId: 21,
    isLeader: true,
    declaration: 'no-conflict',
    declaredAt: '2026-12-02T01:30:00Z',
    sheets: [
      { lot: '1', status: 'submitted' },
      { lot: '2', status: 'draft' },
    ],
  },
  {
    id: 8,
    code: 'E2',
    name: '李评审',
    userId: 22,
    isLeader: false,
    declaration: null,
    declaredAt: null,
    sheets: [
      { lot: '1', status: 'not-started' },
      { lot: '2', status: 'not-started' },
    ],
  },
  {
    id: 9,
    code: 'E3',
    name: '王评审',
    userId: 23,
    isLeader: false,
    declaration: 'conflict',
    declaredAt: '2026-12-02T01:40:00Z',
    sheets: [
      { lot: '1', status: 'submitted' },
      { lot: '2', status: 'not-started' },
    ],
  },
]);

const candidates = answer(PanelCandidateSchema.array(), [
  { id: 31, username: 'expert4', displayName: '赵评审' },
  { id: 32, username: 'expert5', displayName: '钱评审' },
]);

describe('CommitteePanel', () => {
  const http = useHttpTesting();

  function flushPanel(list: PanelProgress[] = members, available: PanelCandidate[] = candidates) {
    http.expectOne({ method: 'GET', url: '/api/tenders/1/panel' }).flush(answer(PanelProgressSchema.array(), list));
    http.expectOne({ method: 'GET', url: '/api/tenders/1/panel/candidates' }).flush(answer(PanelCandidateSchema.array(), available));
  }

  async function render(shown: typeof tender = tender, list: PanelProgress[] = members) {
    const fixture = TestBed.createComponent(CommitteePanel);
    fixture.componentRef.setInput('tender', shown);
    await fixture.whenStable();
    flushPanel(list);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

  it('lists the members with leader badge, declaration and sheet states per lot', async () => {
    const { fixture, page } = await render();
    const rows = [...page.querySelectorAll('tr.panel-member')];
    expect(rows.map((r) => text(r.querySelector('.member-code')))).toEqual(['E1', 'E2', 'E3']);
    expect(rows.map((r) => r.querySelector('.leader-badge') !== null)).toEqual([true, false, false]);
    expect(text(rows[0].querySelector('.leader-badge'))).toBe('组长');
    expect(rows.map((r) => text(r.querySelector('.declaration')))).toEqual(['无利害关系', '未声明', '已回避']);
    expect(text(rows[0].querySelector('.declared-at'))).toBe('2026-12-02 09:30');
    expect(rows[2].classList).toContain('recused');

    // Lots in evaluation order.
    expect([...page.querySelectorAll('th.lot-head')].map((th) => th.getAttribute('data-lot'))).toEqual(['1', '2']);
    const sheets = (r: Element) => [...r.querySelectorAll('.sheet-status')].map((td) => text(td));
    expect(sheets(rows[0])).toEqual(['已提交', '评分中']);
    expect(sheets(rows[1])).toEqual(['未开始', '未开始']);

    // The recused member's sheet does not count; two members are still on the panel.
    const count = (no: string) => text(page.querySelector(`.lot-progress [data-lot="${no}"] .submitted-count`));
    expect(count('1')).toBe('1 / 2');
    expect(count('2')).toBe('0 / 2');

    const buttons = rows.map((r) => r.querySelector<HTMLButtonElement>('button.make-leader')!);
    expect(buttons.map((b) => text(b))).toEqual(['设为组长', '设为组长', '设为组长']);
    expect(buttons.map((b) => b.disabled)).toEqual([true, false, true]);

    expect((await selectOptions(fixture, 'nz-select[nzId="panel-candidate"]')).map((o) => o.getAttribute('title'))).toEqual([
      '赵评审（expert4）',
      '钱评审（expert5）',
    ]);
  });

  it('adds the chosen expert as leader, then reloads the panel and candidates', async () => {
    const { fixture, page } = await render();
    const add = page.querySelector<HTMLButtonElement>('#add-panel-member')!;
    expect(add.disabled).toBe(true);

    await choose(fixture, 'nz-select[nzId="panel-candidate"]', 32);
    const leader = page.querySelector<HTMLInputElement>('#panel-leader')!;
    leader.click();
    await fixture.whenStable();
    expect(add.disabled).toBe(false);
    add.click();

    const req = http.expectOne({ method: 'POST', url: '/api/tenders/1/panel' });
    expect(sent(AddMemberSchema, req.request.body)).toEqual({ userId: 32, isLeader: true });
    const member = answer(PanelMemberViewSchema, {
      id: 10,
      code: 'E4',
      name: '钱评审',
      userId: 32,
      isLeader: true,
      declaration: null,
      declaredAt: null,
    });
    req.flush(member);

    const added: PanelProgress = {
      ...member,
      sheets: [
        { lot: '1', status: 'not-started' },
        { lot: '2', status: 'not-started' },
      ],
    };
    flushPanel([{ ...members[0], isLeader: false }, members[1], members[2], added], [candidates[0]]);
    await fixture.whenStable();

    expect(text(page.querySelector('[role="status"]'))).toContain('已添加评审专家 E4 钱评审');
    const rows = [...page.querySelectorAll('tr.panel-member')];
    expect(rows.map((r) => text(r.querySelector('.member-code')))).toEqual(['E1', 'E2', 'E3', 'E4']);
    expect(rows.map((r) => r.querySelector('.leader-badge') !== null)).toEqual([false, false, false, true]);
    expect(await selectOptions(fixture, 'nz-select[nzId="panel-candidate"]')).toHaveLength(1);
    expect(page.querySelector('nz-select[nzId="panel-candidate"] .ant-select-selection-item')).toBeNull();
    expect(leader.checked).toBe(false);
    expect(text(page.querySelector('.lot-progress [data-lot="1"] .submitted-count'))).toBe('1 / 3');
  });

  it('posts only userId when not named leader, and shows a userId error next to the select', async () => {
    const { fixture, page } = await render();
    await choose(fixture, 'nz-select[nzId="panel-candidate"]', 31);
    page.querySelector<HTMLButtonElement>('#add-panel-member')!.click();

    const req = http.expectOne({ method: 'POST', url: '/api/tenders/1/panel' });
    expect(sent(AddMemberSchema, req.request.body)).toEqual({ userId: 31 });
    req.flush(
      { message: '输入有误', errors: [{ path: 'userId', message: '已在评审委员会中 / already on the panel' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(text(page.querySelector('#panel-candidate')!.closest('nz-form-item')!.querySelector('.ant-form-item-explain-error'))).toContain(
      '已在评审委员会中',
    );
  });

  it('设为组长 posts to the member and reloads the panel', async () => {
    const { fixture, page } = await render();
    const row = page.querySelector('tr.panel-member[data-member="8"]')!;
    row.querySelector<HTMLButtonElement>('button.make-leader')!.click();

    const req = http.expectOne({ method: 'POST', url: '/api/tenders/1/panel/8/leader' });
    expect(req.request.body).toEqual({});
    req.flush(answer(LeaderSchema, { leader: 'E2' }));
    http
      .expectOne({ method: 'GET', url: '/api/tenders/1/panel' })
      .flush(answer(PanelProgressSchema.array(), [{ ...members[0], isLeader: false }, { ...members[1], isLeader: true }, members[2]]));
    await fixture.whenStable();

    expect(text(page.querySelector('[role="status"]'))).toBe('已设 E2 为评审组长');
    const leaders = [...page.querySelectorAll('tr.panel-member')].map((r) => r.querySelector('.leader-badge') !== null);
    expect(leaders).toEqual([false, true, false]);
  });

  it('is the 评标委员会 tab of the tender detail page', async () => {
    const fixture = TestBed.createComponent(TenderDetail);
    fixture.componentRef.setInput('id', '1');
    await fixture.whenStable();
    http.expectOne('/api/tenders/1').flush(tender);
    await fixture.whenStable();
    http.expectOne('/api/tenders/1/clarifications').flush(answer(ClarificationViewSchema.array(), []));
    const page = fixture.nativeElement as HTMLElement;
    const tab = page.querySelector<HTMLButtonElement>('#tab-panel')!;
    expect(text(tab)).toBe('评标委员会');
    tab.click();
    await fixture.whenStable();
    flushPanel();
    await fixture.whenStable();
    expect(page.querySelectorAll('app-committee-panel tr.panel-member').length).toBe(3);
  });

  describe('removing a member added by mistake', () => {
    const notStarted = members.map((m) => ({ ...m, sheets: m.sheets.map((sh) => ({ ...sh, status: 'not-started' as const })) }));
    const opened = { ...tender, status: 'opened' as const };

    it('is offered only before scoring starts', async () => {
      const { page } = await render();
      expect(page.querySelector('button.remove-member')).toBeNull();
    });

    it('takes a confirmation, then posts the removal and reloads the panel', async () => {
      const { fixture, page } = await render(opened, notStarted);
      page.querySelector('tr.panel-member[data-member="8"]')!.querySelector<HTMLButtonElement>('button.remove-member')!.click();
      http.expectNone('/api/tenders/1/panel/8/removal');
      await confirmPopover(fixture);
      const req = http.expectOne({ method: 'POST', url: '/api/tenders/1/panel/8/removal' });
      req.flush(
        answer(PanelMemberViewSchema, {
          id: 8,
          code: 'E2',
          name: '李评审',
          userId: 22,
          isLeader: false,
          declaration: null,
          declaredAt: null,
        }),
      );
      flushPanel([notStarted[0], notStarted[2]]);
      await fixture.whenStable();
      expect(text(page.querySelector('[role="status"]'))).toBe('已将 E2 李评审 移出评标委员会');
      expect(page.querySelectorAll('tr.panel-member').length).toBe(2);
    });

    it("shows the server's reason when scoring started meanwhile", async () => {
      const { fixture, page } = await render(opened, notStarted);
      page.querySelector<HTMLButtonElement>('button.remove-member')!.click();
      await confirmPopover(fixture);
      http.expectOne({ method: 'POST', url: '/api/tenders/1/panel/7/removal' }).flush(
        {
          statusCode: 409,
          code: 'scoringStarted',
          message: 'scoring has started: the panel stays as it is / 评审已开始评分，不能再移除评审专家',
        },
        { status: 409, statusText: 'Conflict' },
      );
      await fixture.whenStable();
      expect(text(page.querySelector('.remove-error'))).toContain('评审已开始评分，不能再移除评审专家');
    });
  });
});
