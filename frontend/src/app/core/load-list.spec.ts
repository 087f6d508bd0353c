import { HttpErrorResponse } from '@angular/common/http';
import { of, Subject, throwError } from 'rxjs';
import { loadList } from './load-list';

describe('loadList', () => {
  it('is loading until the rows arrive, then holds them', () => {
    const source = new Subject<number[]>();
    const list = loadList(source);
    expect(list.loading()).toBe(true);
    expect(list.rows()).toEqual([]);
    source.next([1, 2]);
    expect(list.loading()).toBe(false);
    expect(list.rows()).toEqual([1, 2]);
    expect(list.error()).toBe('');
  });

  it('shows the Chinese half of the API message of a failed fetch', () => {
    const failure = new HttpErrorResponse({ status: 403, error: { statusCode: 403, message: '无权访问 / forbidden' } });
    const list = loadList(throwError(() => failure));
    expect(list.loading()).toBe(false);
    expect(list.rows()).toEqual([]);
    expect(list.error()).toBe('无权访问');
  });

  it('takes an empty list as loaded', () => {
    const list = loadList(of([] as string[]));
    expect(list.loading()).toBe(false);
    expect(list.rows()).toEqual([]);
  });
});
