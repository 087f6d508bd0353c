import { HttpResponse } from '@angular/common/http';
import { EMPTY, expand, filter, Observable, switchMap, take, tap, timer } from 'rxjs';

/**
 * A download of a document the server prints in the background (evaluation and assessment reports):
 * while it answers 202 `{ status: 'generating' }` it is asked again a second later, and the first
 * other answer — the PDF, or an error — is the result. `printing` hears of each 202 (how many so far),
 * so that the page can say the document is being printed rather than look stuck.
 */
export function whenPrinted(
  download: () => Observable<HttpResponse<Blob>>,
  intervalMs = 1000,
  printing?: (polls: number) => void,
): Observable<HttpResponse<Blob>> {
  let polls = 0;
  return download().pipe(
    expand((res) => (res.status === 202 ? timer(intervalMs).pipe(switchMap(download)) : EMPTY)),
    tap((res) => res.status === 202 && printing?.(++polls)),
    filter((res) => res.status !== 202),
    take(1),
  );
}
