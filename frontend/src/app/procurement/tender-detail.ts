import { DatePipe } from '@angular/common';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzPageHeaderModule } from 'ng-zorro-antd/page-header';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSpaceModule } from 'ng-zorro-antd/space';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { Component, computed, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { of, switchMap } from 'rxjs';
import { toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { TenderDetail as Tender } from '@domain/wire/tenders';
import { saveBlob } from '../shared/download';
import { BiddersPanel } from './bidders-panel';
import { BidsPanel } from './bids-panel';
import { CommitteePanel } from './committee-panel';
import { LotsPanel } from './lots-panel';
import { SchemesPanel } from './schemes-panel';
import { ClarificationList } from '../shared/clarification-list';
import { LabelPipe } from '../shared/label.pipe';
import { OpeningRecordView } from '../shared/opening-record';
import { ProcedureSteps } from '../shared/procedure-steps';
import { NzFlexModule } from 'ng-zorro-antd/flex';

type Tab = 'lots' | 'schemes' | 'bidders' | 'bids' | 'opening' | 'panel';

/** A tender: its settings, lifecycle actions and the tabs for lots, schemes, bidders, bids, the opening record and the evaluation panel. */
@Component({
  selector: 'app-tender-detail',
  imports: [
    LabelPipe,
    DatePipe,
    RouterLink,
    LotsPanel,
    SchemesPanel,
    BiddersPanel,
    BidsPanel,
    OpeningRecordView,
    CommitteePanel,
    ClarificationList,
    ProcedureSteps,
    NzPopconfirmModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzDescriptionsModule,
    NzPageHeaderModule,
    NzSpaceModule,
    NzTabsModule,
    NzTagModule,
    NzTypographyModule,
    NzFlexModule,
  ],
  templateUrl: './tender-detail.html',
})
export class TenderDetail {
  private readonly api = inject(TendersApi);

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly tender = signal<Tender | null>(null);
  protected readonly error = signal('');
  protected readonly notice = signal('');
  protected readonly busy = signal(false);
  protected readonly tab = signal<Tab>('lots');
  protected readonly tabs: { key: Tab; label: string }[] = [
    { key: 'lots', label: '标包' },
    { key: 'schemes', label: '评分表' },
    { key: 'bidders', label: '投标人' },
    { key: 'bids', label: '投标' },
    { key: 'opening', label: '开标记录' },
    { key: 'panel', label: '评标委员会' },
  ];
  protected readonly tabIndex = computed(() => this.tabs.findIndex((t) => t.key === this.tab()));

  protected readonly canPublish = computed(() => this.tender()?.status === 'draft');
  /** 开标 at or after the opening time, unless the clock has opened already. */
  protected readonly canOpen = computed(() => {
    const t = this.tender();
    return !!t && ['published', 'closed'].includes(t.status) && Date.parse(t.openingTime) <= Date.now();
  });
  protected readonly canAdvance = computed(() => ['opened', 'qualification'].includes(this.tender()?.status ?? ''));
  protected readonly advanceHint = '开标记录确认后，经资格审查进入评标';
  protected readonly hasResults = computed(() => ['evaluation', 'awarded', 'failed'].includes(this.tender()?.status ?? ''));
  protected readonly tieBreakers = computed(() =>
    (this.tender()?.tieBreakers ?? [])
      .map((t) => (t === 'price' ? '报价低者优先' : t === 'draw' ? '抽签' : `${t.category}得分高者优先`))
      .join(' → '),
  );

  constructor() {
    effect(() => this.load(this.id()));
  }

  protected reload(): void {
    this.load(this.id());
  }

  protected publish(): void {
    this.act(this.api.publish(this.tenderId()), '已发布招标项目');
  }

  /** Asked first (nz-popconfirm): the opening unseals every bid. */
  protected open(): void {
    this.tab.set('opening');
    this.act(this.api.open(this.tenderId()), '已开标，开标记录确认期开始');
  }

  /**
   * 进入评审 in one click: the API moves one step per call (opened → 资格审查 → 评标, each audited), so a
   * tender at 资格审查 after the first call takes the second at once.
   */
  protected advance(): void {
    const id = this.tenderId();
    const review = this.api
      .advanceToReview(id)
      .pipe(switchMap((t) => (t.status === 'qualification' ? this.api.advanceToReview(id) : of(t))));
    this.act(review, '已进入评标');
  }

  protected exportDossier(): void {
    this.save((id, code) => this.api.dossier(id, `${code}.json`));
  }

  /** The archive (电子档案) of a finished tender: dossier, PDFs, files, audit entries, manifest of hashes. */
  protected downloadArchive(): void {
    this.save((id, code) => this.api.archive(id, `${code}-archive.zip`));
  }

  private save(request: (id: number, code: string) => ReturnType<TendersApi['dossier']>): void {
    const tender = this.tender();
    if (!tender) return;
    this.error.set('');
    request(tender.id, tender.code).subscribe({
      next: (file) => saveBlob(file.blob, file.fileName),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }

  private tenderId(): number {
    return this.tender()?.id ?? Number(this.id());
  }

  private act(request: ReturnType<TendersApi['publish']>, done: string): void {
    this.error.set('');
    this.notice.set('');
    this.busy.set(true);
    request.subscribe({
      // The tender as the step left it at once (its status, with the opening's record beside it), then read again whole.
      next: (tender) => {
        this.busy.set(false);
        this.tender.set(tender);
        this.notice.set(done);
        this.reload();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err).message);
      },
    });
  }

  private load(id: string): void {
    this.api.get(id).subscribe({
      next: (tender) => this.tender.set(tender),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }
}
