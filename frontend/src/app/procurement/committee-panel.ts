import { DatePipe } from '@angular/common';
import { Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { ApiError, toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { SheetProgress } from '@domain/panel/panel-codes';
import type { PanelCandidate, PanelProgress } from '@domain/wire/panel';
import type { TenderDetail } from '@domain/wire/tenders';
import { ErrorBox, FieldErrors } from '../shared/api-errors';
import { label } from '@domain/labels';

/** 评标委员会: the panel members with their 回避声明 and sheet states, adding experts and naming the 评审组长. */
@Component({
  selector: 'app-committee-panel',
  imports: [ReactiveFormsModule, DatePipe, FieldErrors, ErrorBox],
  templateUrl: './committee-panel.html',
})
export class CommitteePanel {
  private readonly api = inject(TendersApi);

  readonly tender = input.required<TenderDetail>();

  protected readonly members = signal<PanelProgress[] | null>(null);
  protected readonly candidates = signal<PanelCandidate[]>([]);
  protected readonly loadError = signal('');
  protected readonly error = signal<ApiError | null>(null);
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
