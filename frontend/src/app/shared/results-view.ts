import { Component, computed, input } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import type { LotResult, TenderResults } from '@domain/wire/evaluation';
import { label } from '@domain/labels';
import { groupDigits } from './money';
import { LabelPipe } from './label.pipe';

/** Categories of a lot's score breakdown, in the order they first appear. */
export function categoriesOf(lot: LotResult): string[] {
  const seen = new Set<string>();
  for (const bid of lot.bids) for (const key of Object.keys(bid.categoryScores ?? {})) seen.add(key);
  return [...seen];
}

/** Ranked bids first by rank, then the bids that did not compete. */
export function sortedBids(lot: LotResult) {
  return [...lot.bids].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.bidder.localeCompare(b.bidder));
}

/**
 * The evaluation result of a tender per lot (in evaluation order): ranking with the score breakdown,
 * validity and flags, lot status, the winner, set-asides, tie-breaks and the award chain.
 */
@Component({
  selector: 'app-results-view',
  imports: [NzTypographyModule, NzTagModule, NzCardModule, NzAlertModule, NzDescriptionsModule, NzFlexModule, NzTableModule, LabelPipe],
  templateUrl: './results-view.html',
  styles: `
    .lot-title {
      margin: 0;
      font-size: inherit;
    }
    .set-aside ul,
    .tie-breaks ul,
    .award-chain ol {
      margin: 0;
      padding-left: 20px;
    }
    .bidder-cell {
      min-width: 220px;
    }
  `,
})
export class ResultsView {
  readonly results = input.required<TenderResults>();
  /** Bidder code → name, when known. */
  readonly names = input<Record<string, string>>({});
  /** Lot no → name, when known. */
  readonly lotNames = input<Record<string, string>>({});
  /** Whether the award is confirmed: before that a lot's winner is only proposed (拟中标), never 已中标. */
  readonly confirmed = input(false);

  protected readonly lots = computed(() =>
    this.results().lots.map((lot) => ({ lot, categories: categoriesOf(lot), bids: sortedBids(lot) })),
  );
  protected readonly errors = computed(() => this.results().errors ?? []);
  protected readonly money = groupDigits;

  protected lotName(no: string): string {
    return Object.hasOwn(this.lotNames(), no) ? this.lotNames()[no] : '';
  }

  protected bidderName(code: string | null | undefined): string {
    if (!code) return '—';
    const name = this.names()[code];
    return name ? `${name}（${code}）` : code;
  }

  protected setAsideIn(lot: LotResult, bidder: string): boolean {
    return lot.setAside.some((s) => s.bidder === bidder);
  }

  /** The lot's badge: 拟中标 for a winner of results not yet confirmed, the lot-result label otherwise. */
  protected statusText(status: LotResult['status']): string {
    return status === 'awarded' && !this.confirmed() ? '拟中标' : label('lotResult', status);
  }

  protected statusColor(status: string): string {
    return status === 'awarded' ? 'success' : status === 'failed' || status === 'not-opened' ? 'error' : 'warning';
  }
}
