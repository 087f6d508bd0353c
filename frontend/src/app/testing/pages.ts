import type { HttpTestingController } from '@angular/common/http/testing';

/**
 * Answers the one pending request for a page of a list (`url` with `page`) with `rows` and the whole
 * list's `total` in `X-Total-Count`; returns the query it was sent with (as the query string carries it).
 */
export function answerPage(http: HttpTestingController, url: string, rows: unknown[], total = rows.length): Record<string, string> {
  const request = http.expectOne((r) => r.url === url && r.params.has('page'));
  const params = request.request.params;
  const query = Object.fromEntries(params.keys().map((k) => [k, params.get(k) ?? '']));
  request.flush(rows, { headers: { 'X-Total-Count': String(total) } });
  return query;
}

/** As answerPage, once the request is there: a table reports a header click after a tick, later on a busy machine. */
export function answerPageWhenAsked(
  http: HttpTestingController,
  url: string,
  rows: unknown[],
  total = rows.length,
): Promise<Record<string, string>> {
  return vi.waitFor(() => answerPage(http, url, rows, total));
}
