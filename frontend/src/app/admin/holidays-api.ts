import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { HolidayDayBody } from '@domain/wire/calendar';
import { ApiClient } from '../core/api-client';

/** A day of the holiday table: a public holiday, or a weekend day worked (调休). */
export type HolidayDay = HolidayDayBody;

/** The holiday table that working days are counted from (/api/calendar/holidays, the admin's). */
@Injectable({ providedIn: 'root' })
export class HolidaysApi {
  private readonly api = inject(ApiClient);

  list(year: number): Observable<HolidayDay[]> {
    return this.api.get<HolidayDay[]>('/calendar/holidays', { year });
  }

  add(day: HolidayDay): Observable<HolidayDay> {
    return this.api.post<HolidayDay>('/calendar/holidays', day);
  }

  remove(date: string): Observable<HolidayDay> {
    return this.api.delete<HolidayDay>(`/calendar/holidays/${date}`);
  }
}
