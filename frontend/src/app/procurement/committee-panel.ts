import { DatePipe } from '@angular/common';
import { Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { ApiError, toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { SheetProgress } from '@domain/panel/panel-codes';
import type { PanelCandidate, PanelProgress } from '@domain/wire/panel';
import type { TenderDetail } from '@domain/wire/tenders';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { ErrorBox } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';
import { label } from '@domain/labels';
import { panelMemberRemoval } from '@domain/removals';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzAlertModule } from 'ng-zorro-antd/alert';

/** 评标委员会: the panel members with their 回避声明 and sheet states, adding experts and naming the 评审组长. */
@Component({
  selector: 'app-committee-panel',
  imports: [
    ReactiveFormsModule,
    DatePipe,
    NzButtonModule,
    NzCheckboxModule,
    NzFormModule,
    NzGridModule,
    NzSelectModule,
    ErrorBox,
    NzPopconfirmModule,
    FIELD_STATUS,
    NzAlertModule,
    NzCardModule,
    NzTagModule,
    NzTypographyModule,
    NzTableModule,
    NzFlexModule,
  ],
  templateUrl: './committee-panel.html',
  styles: `
    tr.recused td {
      color: var(--app-text-secondary);
    }
    .declared-at {
      margin-left: 6px;
      font-size: 12px;
    }
  `,
})
export class CommitteePanel {
  private readonly api = inject(TendersApi);

  readonly tender = input.required<TenderDetail>();

  protected readonly members = signal<PanelProgress[] | null>(null);
  protected readonly candidates = signal<PanelCandidate[]>([]);
  protected readonly loadError = signal('');
  protected readonly error = signal<ApiError | null>(null);
  /** Why a removal was refused (scoring started meanwhile). */
  protected readonly removeError = signal('');
  protected readonly notice = signal('');
  protected readonly busy = signal(false);
  protected readonly shownFields = ['userId'];

  protected readonly form = new FormGroup({
    userId: new FormControl<number | null>(null),
    isLeader: new FormControl(false, { nonNullable: true }),
  });

  private readonly tenderId = computed(() => this.tender().id);

  protected readonly lots = computed(() =>
    [...this.tender().lots].sort((a, b) => a.evaluationOrder - b.evaluationOrder || a.no.localeCompare(b.no, 'zh', { numeric: true })),
  );

  /** Members still on the panel: everyone but those who declared a conflict (已回避). */
  protected readonly active = computed(() => (this.members() ?? []).filter((m) => m.declaration !== 'conflict'));

  /** Members leave the panel until the first sheet of the tender is started (domain/removals.ts). */
  protected readonly removable = computed(() => {
    const scored = (this.members() ?? []).some((m) => m.sheets.some((s) => s.status !== 'not-started'));
    return panelMemberRemoval(this.tender(), scored) === null;
  });
  /** Per lot: sheets submitted by members still on the panel, against how many they are. */
  protected readonly lotProgress = computed(() => {
    const active = this.active();
    return this.lots().map((lot) => {
      const submitted = active.filter((m) => this.sheetStatus(m, lot.no) === 'submitted').length;
      return { lot, submitted, total: active.length, complete: active.length > 0 && submitted === active.length };
    });
  });

  constructor() {
    effect(() => {
      const id = this.tenderId();
      untracked(() => this.load(id));
    });
  }

  protected declarationLabel(member: PanelProgress): string {
    return member.declaration ? label('declaration', member.declaration) : '未声明';
  }

  /** The declaration's tag colour: none yet is a warning, a conflict (回避) an error. */
  protected declarationColor(member: PanelProgress): string {
    return member.declaration === 'no-conflict' ? 'success' : member.declaration === 'conflict' ? 'error' : 'warning';
  }

  protected sheetStatus(member: PanelProgress, lotNo: string): SheetProgress {
    return member.sheets.find((s) => s.lot === lotNo)?.status ?? 'not-started';
  }

  protected sheetLabel(member: PanelProgress, lotNo: string): string {
    return label('sheetStatus', this.sheetStatus(member, lotNo));
  }

  protected add(): void {
    const { userId, isLeader } = this.form.getRawValue();
    if (userId === null) return;
    this.error.set(null);
    this.notice.set('');
    this.busy.set(true);
    this.api.addPanelMember(this.tenderId(), isLeader ? { userId, isLeader: true } : { userId }).subscribe({
      next: (member) => {
        this.busy.set(false);
        this.notice.set(`已添加评审专家 ${member.code} ${member.name}`);
        this.form.reset({ userId: null, isLeader: false });
        this.load(this.tenderId());
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  protected remove(member: PanelProgress): void {
    this.removeError.set('');
    this.notice.set('');
    this.busy.set(true);
    this.api.removePanelMember(this.tenderId(), member.id).subscribe({
      next: (removed) => {
        this.busy.set(false);
        this.notice.set(`已将 ${removed.code} ${removed.name} 移出评标委员会`);
        this.load(this.tenderId());
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.removeError.set(toApiError(err).message);
      },
    });
  }

  protected makeLeader(member: PanelProgress): void {
    this.error.set(null);
    this.notice.set('');
    this.busy.set(true);
    this.api.makePanelLeader(this.tenderId(), member.id).subscribe({
      next: ({ leader }) => {
        this.busy.set(false);
        this.notice.set(`已设 ${leader} 为评审组长`);
        this.loadMembers(this.tenderId());
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  private load(id: number): void {
    this.loadMembers(id);
    this.api.panelCandidates(id).subscribe({
      next: (list) => this.candidates.set(list),
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
  }

  private loadMembers(id: number): void {
    this.loadError.set('');
    this.api.panel(id).subscribe({
      next: (list) => this.members.set(list),
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
  }
}
