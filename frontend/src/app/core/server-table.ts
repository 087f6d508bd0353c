import { signal } from '@angular/core';
import type { NzTableQueryParams } from 'ng-zorro-antd/table';
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
 * The state of an nz-table whose rows the server pages, sorts and filters (`nzFrontPagination` off):
 * bind `rows`, `total`, `pageIndex`, `pageSize` and `loading` to the table and `query` to its
 * `(nzQueryParams)`. The table reports its parameters only once they change, and again unchanged when
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
