import { signal, WritableSignal } from '@angular/core';
import { Observable } from 'rxjs';
import { toApiError } from './api-error';

/**
 * A list a page shows, fetched as the page opens: its rows, whether they are still coming, and the
 * message of a failed fetch (the page may show its own messages there too).
 */
export interface LoadedList<T> {
  rows: WritableSignal<T[]>;
  loading: WritableSignal<boolean>;
  error: WritableSignal<string>;
}

export function loadList<T>(source: Observable<T[]>): LoadedList<T> {
  const list: LoadedList<T> = { rows: signal<T[]>([]), loading: signal(true), error: signal('') };
  source.subscribe({
    next: (rows) => {
      list.rows.set(rows);
      list.loading.set(false);
    },
    error: (err: unknown) => {
      list.error.set(toApiError(err).message);
      list.loading.set(false);
    },
  });
  return list;
}
