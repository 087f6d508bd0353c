import { HttpErrorResponse } from '@angular/common/http';
import { Component, computed, effect, ElementRef, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { ApiError, FieldError, toApiError } from '../core/api-error';
import { ExpertApi } from './expert-api';
import type { ScoreEntry, ScoreSheet as Sheet, SheetBid, SheetCriterion } from '@domain/wire/panel';
import { checkScore, ScoreCheck, sumScores } from './score';
import { LabelPipe } from '../shared/label.pipe';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';

interface Row {
  criterion: SheetCriterion;
  /** Position among the editable (subjective) rows, for keyboard moves; null for objective rows. */
  editRow: number | null;
}

interface Group {
  category: string;
  max: string;
  rows: Row[];
}

interface Totals {
  objective: string;
  subjective: string;
  total: string;
}

interface ListedError {
  label: string;
  message: string;
}

const cellKey = (bidId: number, criterionNo: string) => `${bidId}|${criterionNo}`;

/**
 * An expert's score sheet for one lot: criteria as rows (grouped by category), valid bids as columns.
 * Objective rows show the prefilled points; subjective cells take 0..max in steps of 0.1.
 */
@Component({
  selector: 'app-score-sheet',
  imports: [LabelPipe, RouterLink, NzButtonModule, NzInputModule, NzAlertModule, NzFlexModule, NzTagModule, NzTypographyModule],
  templateUrl: './score-sheet.html',
  styleUrl: './score-sheet.css',
})
export class ScoreSheet {
  private readonly api = inject(ExpertApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** Route parameters. */
  readonly id = input.required<string>();
  readonly lotNo = input.required<string>();

  protected readonly sheet = signal<Sheet | null>(null);
  protected readonly loadError = signal('');
  /** What is typed in each subjective cell, by `bidId|criterionNo`. */
  protected readonly values = signal<Record<string, string>>({});
  /** Messages the API returned for cells, by `bidId|criterionNo`. */
  protected readonly serverErrors = signal<Record<string, string[]>>({});
  protected readonly error = signal<ApiError | null>(null);
  protected readonly listedErrors = signal<ListedError[]>([]);
  protected readonly notice = signal('');
  protected readonly busy = signal(false);
  protected readonly dirty = signal(false);
  protected readonly confirming = signal(false);

  protected readonly locked = computed(() => this.sheet()?.status === 'submitted');
  protected readonly bids = computed(() => this.sheet()?.bids ?? []);

  protected readonly groups = computed<Group[]>(() => {
    const groups: Group[] = [];
    for (const criterion of this.sheet()?.criteria ?? []) {
      let group = groups.find((g) => g.category === criterion.category);
      if (!group) {
        group = { category: criterion.category, max: '0', rows: [] };
        groups.push(group);
      }
      group.rows.push({ criterion, editRow: null });
    }
    let editRow = 0;
    for (const group of groups) {
      group.max = sumScores(group.rows.map((r) => r.criterion.max));
      for (const row of group.rows) if (row.criterion.kind === 'subjective') row.editRow = editRow++;
    }
    return groups;
  });

  private readonly subjective = computed(() =>
    this.groups().flatMap((g) => g.rows.filter((r) => r.editRow !== null).map((r) => r.criterion)),
  );

  /** The check of every subjective cell. */
  protected readonly checks = computed(() => {
    const values = this.values();
    const checks: Record<string, ScoreCheck> = {};
    for (const bid of this.bids()) {
      for (const c of this.subjective()) {
        const key = cellKey(bid.bidId, c.no);
        checks[key] = checkScore(values[key] ?? '', c.max);
      }
    }
    return checks;
  });

  protected readonly invalidCount = computed(() => Object.values(this.checks()).filter((c) => c.state === 'invalid').length);
  protected readonly scoredCount = computed(() => Object.values(this.checks()).filter((c) => c.state === 'valid').length);
  protected readonly cellCount = computed(() => Object.keys(this.checks()).length);

  /** Per bid: objective points + the expert's own valid subjective scores. */
  protected readonly totals = computed(() => {
    const checks = this.checks();
    const totals = new Map<number, Totals>();
    for (const bid of this.bids()) {
      const objective = sumScores(
        (this.sheet()?.criteria ?? []).filter((c) => c.kind === 'objective').map((c) => bid.objective[c.no] ?? ''),
      );
      const own = this.subjective().map((c) => {
        const check = checks[cellKey(bid.bidId, c.no)];
        return check?.state === 'valid' ? check.value : '';
      });
      const subjective = sumScores(own);
      totals.set(bid.bidId, { objective, subjective, total: sumScores([objective, subjective]) });
    }
    return totals;
  });

  /** Cells flagged 畸高畸低, for the warning above the grid. */
  protected readonly outliers = computed(() => {
    const criteria = this.sheet()?.criteria ?? [];
    return this.bids().flatMap((bid) =>
      bid.outliers.map((no) => {
        const c = criteria.find((x) => x.no === no);
        return { key: cellKey(bid.bidId, no), label: `${bid.bidderName} · ${no} ${c?.name ?? ''}`.trim() };
      }),
    );
  });

  constructor() {
    effect(() => this.load(this.id(), this.lotNo()));
  }

  protected key(bid: SheetBid, criterion: SheetCriterion): string {
    return cellKey(bid.bidId, criterion.no);
  }

  protected value(bid: SheetBid, criterion: SheetCriterion): string {
    return this.values()[cellKey(bid.bidId, criterion.no)] ?? '';
  }

  protected objectiveValue(bid: SheetBid, criterion: SheetCriterion): string {
    return bid.objective[criterion.no] ?? '—';
  }

  protected isInvalid(bid: SheetBid, criterion: SheetCriterion): boolean {
    const key = cellKey(bid.bidId, criterion.no);
    return this.checks()[key]?.state === 'invalid' || (this.serverErrors()[key]?.length ?? 0) > 0;
  }

  protected isOutlier(bid: SheetBid, criterion: SheetCriterion): boolean {
    return bid.outliers.includes(criterion.no);
  }

  /** The client-side message (if any) and the API's messages for a cell. */
  protected cellMessages(bid: SheetBid, criterion: SheetCriterion): string[] {
    const key = cellKey(bid.bidId, criterion.no);
    const check = this.checks()[key];
    const own = check?.state === 'invalid' ? [check.message] : [];
    return [...own, ...(this.serverErrors()[key] ?? [])];
  }

  protected edit(bid: SheetBid, criterion: SheetCriterion, event: Event): void {
    const key = cellKey(bid.bidId, criterion.no);
    const text = (event.target as HTMLInputElement).value;
    this.values.update((values) => ({ ...values, [key]: text }));
    if (this.serverErrors()[key]) {
      this.serverErrors.update(({ [key]: _, ...rest }) => rest);
    }
    this.dirty.set(true);
    this.notice.set('');
  }

  /** Enter / Shift+Enter: next / previous cell down the column (then the next column); arrows move too. */
  protected onKey(event: KeyboardEvent, row: number, col: number): void {
    const rows = this.subjective().length;
    const cols = this.bids().length;
    const input = event.target as HTMLInputElement;
    let target: [number, number] | null = null;
    switch (event.key) {
      case 'Enter':
        event.preventDefault();
        if (event.shiftKey) target = row > 0 ? [row - 1, col] : col > 0 ? [rows - 1, col - 1] : null;
        else target = row < rows - 1 ? [row + 1, col] : col < cols - 1 ? [0, col + 1] : null;
        break;
      case 'ArrowDown':
        target = [row + 1, col];
        break;
      case 'ArrowUp':
        target = [row - 1, col];
        break;
      case 'ArrowRight':
        if (input.selectionStart === input.value.length && input.selectionEnd === input.value.length) target = [row, col + 1];
        break;
      case 'ArrowLeft':
        if (input.selectionStart === 0 && input.selectionEnd === 0) target = [row, col - 1];
        break;
    }
    if (target && this.focusCell(target[0], target[1])) event.preventDefault();
  }

  protected selectAll(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }

  /** PUT every valid filled cell; invalid cells stay red and are not sent. */
  protected save(then?: () => void): void {
    const sheet = this.sheet();
    if (!sheet || this.locked() || this.busy()) return;
    const entries = this.entries();
    const invalid = this.invalidCount();
    this.clearErrors();
    if (entries.length === 0) {
      this.notice.set(invalid ? '' : '尚未填写任何评分');
      if (invalid) this.showInvalid(invalid);
      return;
    }
    this.busy.set(true);
    this.api.saveScores(this.id(), this.lotNo(), entries).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.apply(updated, true);
        this.dirty.set(this.invalidCount() > 0);
        if (invalid) this.showInvalid(invalid, `已保存 ${entries.length} 项评分。`);
        else this.notice.set(`已保存 ${entries.length} 项评分`);
        then?.();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.fail(err, (path) => {
          const index = /^scores\[(\d+)\]/.exec(path);
          const entry = index ? entries[Number(index[1])] : undefined;
          return entry ? cellKey(entry.bidId, entry.criterionNo) : null;
        });
      },
    });
  }

  protected askSubmit(): void {
    this.clearErrors();
    const invalid = this.invalidCount();
    if (invalid) {
      this.showInvalid(invalid);
      return;
    }
    this.confirming.set(true);
  }

  /** Saves pending edits first, then submits; a submitted sheet is locked. */
  protected confirmSubmit(): void {
    this.confirming.set(false);
    if (this.dirty()) this.save(() => this.submit());
    else this.submit();
  }

  private submit(): void {
    const sheet = this.sheet();
    if (!sheet || this.busy()) return;
    this.busy.set(true);
    this.clearErrors();
    this.api.submit(this.id(), this.lotNo()).subscribe({
      next: () => {
        this.busy.set(false);
        const current = this.sheet();
        if (current) this.sheet.set({ ...current, status: 'submitted' });
        this.dirty.set(false);
        this.notice.set('评分表已提交并锁定');
      },
      error: (err: unknown) => {
        this.busy.set(false);
        // Unscored cells come back as `<bidderCode>.<criterionNo>`.
        this.fail(err, (path) => {
          const bid = this.bids().find((b) => path.startsWith(`${b.bidder}.`));
          return bid ? cellKey(bid.bidId, path.slice(bid.bidder.length + 1)) : null;
        });
      },
    });
  }

  private entries(): ScoreEntry[] {
    const checks = this.checks();
    const entries: ScoreEntry[] = [];
    for (const c of this.subjective()) {
      for (const bid of this.bids()) {
        const check = checks[cellKey(bid.bidId, c.no)];
        if (check?.state === 'valid') entries.push({ bidId: bid.bidId, criterionNo: c.no, value: check.value });
      }
    }
    return entries;
  }

  /** Shows an API failure: cell errors next to their cells, every error in the list. */
  private fail(err: unknown, toKey: (path: string) => string | null): void {
    const error = toApiError(err);
    this.error.set(error);
    const cells: Record<string, string[]> = {};
    const listed: ListedError[] = [];
    for (const item of error.errors) {
      const key = toKey(item.path);
      if (key) cells[key] = [...(cells[key] ?? []), item.message];
      listed.push({ label: this.cellLabel(key, item), message: item.message });
    }
    this.serverErrors.set(cells);
    this.listedErrors.set(listed);
    // A locked sheet (409): reload to show it as it stands.
    if (err instanceof HttpErrorResponse && err.status === 409) this.load(this.id(), this.lotNo(), false);
  }

  private cellLabel(key: string | null, item: FieldError): string {
    if (!key) return item.path;
    const [bidId, ...rest] = key.split('|');
    const no = rest.join('|');
    const bid = this.bids().find((b) => b.bidId === Number(bidId));
    const c = this.sheet()?.criteria.find((x) => x.no === no);
    return `${bid?.bidderName ?? bidId} · ${no} ${c?.name ?? ''}`.trim();
  }

  private showInvalid(count: number, prefix = ''): void {
    this.error.set({
      message: `${prefix}有 ${count} 个单元格的分值无效（已标红），请修正：分值须在0至该项满分之间，以0.1为单位。`,
      errors: [],
    });
    this.listedErrors.set([]);
  }

  private clearErrors(): void {
    this.error.set(null);
    this.listedErrors.set([]);
    this.serverErrors.set({});
    this.notice.set('');
  }

  private focusCell(row: number, col: number): boolean {
    const input = this.host.nativeElement.querySelector<HTMLInputElement>(`input.score-input[data-row="${row}"][data-col="${col}"]`);
    if (!input) return false;
    input.focus();
    input.select();
    return true;
  }

  /** Takes the sheet's saved scores; with `keepInvalid`, cells still invalid here keep what was typed. */
  private apply(sheet: Sheet, keepInvalid: boolean): void {
    const previous = this.values();
    const checks = this.checks();
    const values: Record<string, string> = {};
    for (const bid of sheet.bids) {
      for (const [no, value] of Object.entries(bid.scores)) values[cellKey(bid.bidId, no)] = value;
    }
    if (keepInvalid) {
      for (const [key, check] of Object.entries(checks)) {
        if (check.state === 'invalid') values[key] = previous[key] ?? '';
      }
    }
    this.sheet.set(sheet);
    this.values.set(values);
  }

  private load(id: string, lotNo: string, reset = true): void {
    if (reset) {
      this.sheet.set(null);
      this.clearErrors();
    }
    this.loadError.set('');
    this.api.sheet(id, lotNo).subscribe({
      next: (sheet) => {
        this.apply(sheet, false);
        this.dirty.set(false);
      },
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
  }
}
