import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { StatusTag, type StatusKind } from './status-tag';

@Component({
  imports: [StatusTag],
  template: `<app-status-tag [kind]="kind()" [status]="status()" />`,
})
class Host {
  readonly kind = signal<StatusKind>('contractStatus');
  readonly status = signal('signed');
}

describe('StatusTag', () => {
  const render = (kind: StatusKind, status: string) => {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.kind.set(kind);
    fixture.componentInstance.status.set(status);
    fixture.detectChanges();
    const tag = (fixture.nativeElement as HTMLElement).querySelector('nz-tag')!;
    return { text: tag.textContent?.trim(), classes: [...tag.classList] };
  };

  it('shows a status in Chinese from the label table, in its colour', () => {
    expect(render('contractStatus', 'signed')).toEqual({ text: '已签订', classes: expect.arrayContaining(['ant-tag-success']) });
    expect(render('contractStatus', 'terminated').classes).toContain('ant-tag-error');
    expect(render('milestoneStatus', 'withheld')).toEqual({
      text: '暂扣（条件未满足）',
      classes: expect.arrayContaining(['ant-tag-error']),
    });
    expect(render('milestoneStatus', 'payable').classes).toContain('ant-tag-processing');
    expect(render('assessmentStatus', 'final').classes).toContain('ant-tag-success');
    expect(render('challengeStatus', 'filed')).toEqual({ text: '待答复', classes: expect.arrayContaining(['ant-tag-warning']) });
  });

  it('leaves a status without a colour plain', () => {
    const draft = render('contractStatus', 'draft');
    expect(draft.text).toBe('草稿');
    expect(draft.classes.filter((c) => /^ant-tag-(success|error|warning)$/.test(c))).toEqual([]);
  });
});
