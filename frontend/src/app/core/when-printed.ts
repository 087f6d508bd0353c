import { HttpResponse } from '@angular/common/http';
import { EMPTY, expand, filter, Observable, switchMap, take, timer } from 'rxjs';

/**
 * A download of a document the server prints in the background (evaluation and assessment reports):
 * while it answers 202 `{ status: 'generating' }` it is asked again a second later, and the first
 * other answer — the PDF, or an error — is the result.
 */
export function whenPrinted(download: () => Observable<HttpResponse<Blob>>, intervalMs = 1000): Observable<HttpResponse<Blob>> {
  return download().pipe(
    expand((res) => (res.status === 202 ? timer(intervalMs).pipe(switchMap(download)) : EMPTY)),
    filter((res) => res.status !== 202),
    take(1),
  );
}
