import { DecimalPipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { Component, computed, effect, input, output, signal, inject, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAutocompleteModule } from 'ng-zorro-antd/auto-complete';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { ApiError, toApiError } from '../core/api-error';
import { label } from '@domain/labels';
import { ExpertApi } from './expert-api';
import type { SheetProgress } from '@domain/panel/panel-codes';
import type { FlaggedScore, LotOutliers, PanelMe, PanelMemberView, PanelProgress } from '@domain/wire/panel';
import { LabelPipe } from '../shared/label.pipe';
import { ErrorBox } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';

/** Usual wording of the panel's majority decision on an outlier score. */
export const OUTLIER_DECISIONS = ['经评标委员会多数表决，维持原评分', '经评标委员会多数表决，由该专家修改评分'];

interface Returning {
  memberId: number;
  lot: string;
  label: string;
}

/**
 * 评审组进度: every panel member's sheet state per lot, for any expert on the panel.
 * The panel leader also sends submitted sheets back (退回) and, once every sheet of a lot is in,
 * resolves each outlier score (畸高畸低): returns its sheet or records the panel's majority decision.
 */
@Component({
  selector: 'app-panel-board',
  imports: [
    FormsModule,
    LabelPipe,
    DecimalPipe,
    ErrorBox,
    FIELD_STATUS,
    NzAutocompleteModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzSelectModule,
    NzAlertModule,
    NzCardModule,
    NzFlexModule,
    NzTableModule,
    NzTagModule,
    NzTypographyModule,
  ],
  templateUrl: './panel-board.html',
  styleUrl: './panel-board.css',
})
export class PanelBoard {
  private readonly api = inject(ExpertApi);

  readonly tenderId = input.required<string>();
  readonly lots = input.required<PanelMe['lots']>();
  /** The viewing expert's own seat. */
  readonly member = input.required<PanelMemberView>();
  /** Before opening: nothing to score, so nothing to return or decide. */
  readonly sealed = input(false);
  /** A sheet was sent back (the page updates the leader's own sheet state when it was theirs). */
  readonly returned = output<{ memberId: number; lot: string }>();

  protected readonly members = signal<PanelProgress[] | null>(null);
  protected readonly loadError = signal('');
  protected readonly notice = signal('');
  protected readonly error = signal<ApiError | null>(null);

  protected readonly returning = signal<Returning | null>(null);
  protected readonly reason = signal('');
  protected readonly returnBusy = signal(false);

  /** The lot whose outliers the leader handles, and what the API says of them. */
  protected readonly oLot = signal('');
  protected readonly oList = signal<LotOutliers | null>(null);
  protected readonly oLoading = signal(false);
  /** The flagged score whose panel decision is being written. */
  protected readonly deciding = signal<FlaggedScore | null>(null);
  protected readonly oDecision = signal('');
  protected readonly oBusy = signal(false);
  protected readonly oNotice = signal('');
  protected readonly oError = signal<ApiError | null>(null);

  protected readonly decisions = OUTLIER_DECISIONS;

  /** Leadership as the panel list has it (fresher than the page's), else as the page has it. */
  protected readonly leader = computed(() => {
    const own = this.members()?.find((m) => m.id === this.member().id);
    return (own ?? this.member()).isLeader && this.member().declaration === 'no-conflict';
  });

  /** Members still on the panel (not recused). */
  protected readonly active = computed(() => (this.members() ?? []).filter((m) => m.declaration !== 'conflict'));

  constructor() {
    effect(() => {
      const id = this.tenderId();
      untracked(() => this.load(id));
    });
  }

  protected status(member: PanelProgress, lot: string): SheetProgress {
    return member.sheets.find((s) => s.lot === lot)?.status ?? 'not-started';
  }

  protected declarationLabel(member: PanelProgress): string {
    return member.declaration ? label('declaration', member.declaration) : '未声明';
  }

  /** "已提交 2 / 3" for a lot, counting the members still on the panel. */
  protected submittedCount(lot: string): number {
    return this.active().filter((m) => this.status(m, lot) === 'submitted').length;
  }

  protected canReturn(member: PanelProgress, lot: string): boolean {
    return this.leader() && !this.sealed() && member.declaration !== 'conflict' && this.status(member, lot) === 'submitted';
  }

  protected refresh(): void {
    this.notice.set('');
    this.error.set(null);
    this.load(this.tenderId());
  }

  // ---- 退回 ----

  protected askReturn(member: PanelProgress, lot: string): void {
    const lotName = this.lots().find((l) => l.no === lot)?.name ?? '';
    this.returning.set({
      memberId: member.id,
      lot,
      label: `${member.code} ${member.name} 的第${lot}包${lotName ? `（${lotName}）` : ''}评分表`,
    });
    this.reason.set('');
    this.notice.set('');
    this.error.set(null);
  }

  protected cancelReturn(): void {
    this.returning.set(null);
  }

  protected confirmReturn(): void {
    const returning = this.returning();
    const reason = this.reason().trim();
    if (!returning || !reason || this.returnBusy()) return;
    this.returnBusy.set(true);
    this.error.set(null);
    this.api.returnSheet(this.tenderId(), returning.lot, returning.memberId, reason).subscribe({
      next: () => {
        this.returnBusy.set(false);
        this.returning.set(null);
        this.notice.set(`已退回${returning.label}，该专家修改后须重新提交。`);
        this.returned.emit({ memberId: returning.memberId, lot: returning.lot });
        this.load(this.tenderId(), false);
        if (this.oLot() === returning.lot) this.loadOutliers(returning.lot);
      },
      error: (err: unknown) => {
        this.returnBusy.set(false);
        this.error.set(toApiError(err));
        // Not submitted (any more) or no longer the leader: close the box and show the panel as it stands.
        if (err instanceof HttpErrorResponse && (err.status === 409 || err.status === 403)) {
          this.returning.set(null);
          this.load(this.tenderId(), false);
        }
      },
    });
  }

  // ---- 畸高畸低处理 ----

  protected selectLot(lot: string): void {
    this.oLot.set(lot);
    this.oNotice.set('');
    this.oError.set(null);
    this.deciding.set(null);
    this.oList.set(null);
    if (lot) this.loadOutliers(lot);
  }

  /** Send the flagged score's sheet back to its expert (the return box asks for the reason). */
  protected returnFlagged(flag: FlaggedScore): void {
    const member = this.members()?.find((m) => m.id === flag.panelMemberId);
    if (member) this.askReturn(member, this.oLot());
  }

  protected decide(flag: FlaggedScore): void {
    this.deciding.set(flag);
    this.oDecision.set('');
    this.oNotice.set('');
    this.oError.set(null);
  }

  protected saveDecision(): void {
    const flag = this.deciding();
    const lot = this.oLot();
    const decision = this.oDecision().trim();
    if (!flag || !decision || this.oBusy()) return;
    this.oBusy.set(true);
    this.oError.set(null);
    const body = { panelMemberId: flag.panelMemberId, bidId: flag.bidId, criterionNo: flag.criterionNo, decision };
    this.api.outlierDecision(this.tenderId(), lot, body).subscribe({
      next: () => {
        this.oBusy.set(false);
        this.deciding.set(null);
        this.oNotice.set(
          `已记录表决结论：${flag.member} ${flag.memberName} · 第${lot}包 · ${flag.bidderName} · ${flag.criterionNo} ${flag.criterionName} —— ${decision}`,
        );
        this.loadOutliers(lot);
      },
      error: (err: unknown) => {
        this.oBusy.set(false);
        this.oError.set(toApiError(err));
      },
    });
  }

  private loadOutliers(lot: string): void {
    this.oLoading.set(true);
    this.api.outliers(this.tenderId(), lot).subscribe({
      next: (list) => {
        this.oLoading.set(false);
        if (this.oLot() === lot) this.oList.set(list);
      },
      error: (err: unknown) => {
        this.oLoading.set(false);
        this.oError.set(toApiError(err));
      },
    });
  }

  private load(id: string, reset = true): void {
    if (reset) this.members.set(null);
    this.loadError.set('');
    this.api.panel(id).subscribe({
      next: (members) => this.members.set(members),
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
  }
}
