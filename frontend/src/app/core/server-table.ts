import { ChangeDetectorRef, DestroyRef, Directive, effect, inject, input, signal, SimpleChange, type SimpleChanges } from '@angular/core';
import { NzTableComponent, type NzTableFilterList, type NzTableQueryParams } from 'ng-zorro-antd/table';
import { labelOptions, type PlainKind } from '@domain/labels';
import type { Observable } from 'rxjs';
import type { Page } from './api-client';
import { toApiError } from './api-error';

/** What every paged list's query carries (domain/wire/common.ts `pageQuery`). */
export interface PageParams {
  page?: number;
  pageSize?: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

/**
 * The state of an nz-table whose rows the server pages, sorts and filters (`nzFrontPagination` off),
 * bound to the table by `<nz-table [appServerTable]="list">` (ServerTableBinding below). The table reports its parameters only once they change, and again unchanged when
 * the total arrives: the owner loads the first page itself (`load()` in its constructor), and a report
 * that asks for what was last loaded loads nothing. Column filters (`nzColumnKey` + `nzFilters`, one
 * value each) become query parameters of that name; `extra` adds the page's own fields (a search box).
 */
export class ServerTable<T, Q extends PageParams> {
  readonly rows = signal<T[]>([]);
  readonly total = signal(0);
  readonly pageIndex = signal(1);
  readonly pageSize = signal(20);
  readonly loading = signal(false);
  readonly error = signal('');
  private sort: Pick<PageParams, 'sort' | 'order'> = {};
  private filters: Record<string, unknown> = {};
  /** The query last sent, to tell a change from the table repeating itself. */
  private loaded = '';

  constructor(
    private readonly fetch: (query: Q) => Observable<Page<T>>,
    private readonly extra: () => Partial<Q> = () => ({}),
  ) {}

  /** The table's page, size, sort or a column filter changed: load that page. */
  query(params: NzTableQueryParams): void {
    const sorted = params.sort.find((s) => s.value);
    this.sort = sorted ? { sort: sorted.key, order: sorted.value === 'ascend' ? 'asc' : 'desc' } : {};
    this.filters = Object.fromEntries(params.filter.map((f) => [f.key, (f.value as unknown) ?? undefined]));
    this.pageIndex.set(params.pageIndex);
    this.pageSize.set(params.pageSize);
    if (JSON.stringify(this.request()) !== this.loaded) this.load();
  }

  /** A pagination (without a table) moved to `pageIndex` or changed its size. */
  goTo(pageIndex: number, pageSize = this.pageSize()): void {
    this.pageIndex.set(pageSize === this.pageSize() ? pageIndex : 1);
    this.pageSize.set(pageSize);
    this.load();
  }

  /** The page's own filters changed: from the first page again. */
  search(): void {
    this.pageIndex.set(1);
    this.load();
  }

  /** The current page again (after a change to one of its rows). */
  load(): void {
    const request = this.request();
    this.loaded = JSON.stringify(request);
    this.loading.set(true);
    this.error.set('');
    this.fetch(request).subscribe({
      next: ({ rows, total }) => {
        this.rows.set(rows);
        this.total.set(total);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.error.set(toApiError(err).message);
        this.loading.set(false);
      },
    });
  }

  private request(): Q {
    const query = { page: this.pageIndex(), pageSize: this.pageSize(), ...this.sort, ...this.filters, ...this.extra() };
    return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')) as unknown as Q;
  }
}

/** A column filter's choices (`nzFilters`, one value each): every code of a label kind, in Chinese. */
export function labelFilters(kind: PlainKind): NzTableFilterList {
  return labelOptions(kind).map(({ value, label }) => ({ text: label, value }));
}

/** The table inputs ServerTableBinding keeps equal to its ServerTable. */
type BoundInputs<T> = Pick<NzTableComponent<T>, 'nzData' | 'nzTotal' | 'nzPageIndex' | 'nzPageSize' | 'nzLoading'>;

/**
 * `<nz-table [appServerTable]="list">`: the table shows `list`'s rows, total, page, page size and
 * loading, pages on the server (`nzFrontPagination` off, with a page-size changer), and reports its
 * page, size, sort and column filters to `list.query`. Iterate `list.rows()` in the body. The page
 * keeps its own look and texts (`nzSize`, `nzShowTotal`, `nzNoResult`) on the table.
 */
@Directive({ selector: 'nz-table[appServerTable]' })
export class ServerTableBinding<T, Q extends PageParams> {
  readonly appServerTable = input.required<ServerTable<T, Q>>();
  private readonly table = inject<NzTableComponent<T>>(NzTableComponent);
  /** The table's own view (a directive on a component's element is given the component's). */
  private readonly tableView = inject(ChangeDetectorRef);

  constructor() {
    this.table.nzFrontPagination = false;
    this.table.nzShowSizeChanger = true;
    this.table.ngOnChanges({ nzFrontPagination: new SimpleChange(true, false, true) });
    const reports = this.table.nzQueryParams.subscribe((params) => this.appServerTable().query(params));
    inject(DestroyRef).onDestroy(() => reports.unsubscribe());
    effect(() => {
      const list = this.appServerTable();
      this.show({
        nzData: list.rows(),
        nzTotal: list.total(),
        nzPageIndex: list.pageIndex(),
        nzPageSize: list.pageSize(),
        nzLoading: list.loading(),
      });
    });
  }

  /** Sets the inputs and tells the table which changed, as template bindings would. */
  private show(inputs: BoundInputs<T>): void {
    const changed = (Object.keys(inputs) as (keyof BoundInputs<T>)[]).filter((key) => this.table[key] !== inputs[key]);
    if (changed.length === 0) return;
    const changes: SimpleChanges = Object.fromEntries(changed.map((key) => [key, new SimpleChange(this.table[key], inputs[key], false)]));
    Object.assign(this.table, inputs);
    this.table.ngOnChanges(changes);
    this.tableView.markForCheck();
  }
}
