import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { LineAnswer, LineDispute, OpeningLineView, OpeningRecord } from '@domain/wire/opening';
import { ApiClient } from './api-client';

export type { OpeningLineView, OpeningRecord };

/** The opening record (开标记录): the bidders confirm or dispute their lines, procurement answers. */
@Injectable({ providedIn: 'root' })
export class OpeningApi {
  private readonly api = inject(ApiClient);

  record(tenderId: number): Observable<OpeningRecord> {
    return this.api.get<OpeningRecord>(`/tenders/${tenderId}/opening`);
  }

  confirm(tenderId: number, lineId: number): Observable<OpeningRecord> {
    return this.api.post<OpeningRecord>(`/tenders/${tenderId}/opening/lines/${lineId}/confirm`);
  }

  dispute(tenderId: number, lineId: number, body: LineDispute): Observable<OpeningRecord> {
    return this.api.post<OpeningRecord>(`/tenders/${tenderId}/opening/lines/${lineId}/dispute`, body);
  }

  answer(tenderId: number, lineId: number, body: LineAnswer): Observable<OpeningRecord> {
    return this.api.post<OpeningRecord>(`/tenders/${tenderId}/opening/lines/${lineId}/answer`, body);
  }
}
