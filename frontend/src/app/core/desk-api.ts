import { inject, Injectable } from '@angular/core';
import { map, Observable } from 'rxjs';
import type { DeskItemView, NotificationView } from '@domain/wire/desk';
import { ApiClient } from './api-client';

export interface NotificationList {
  unread: number;
  items: NotificationView[];
}

/** The signed-in user's desk (待办) and notifications (站内消息): the API's routes, typed by their wire schemas. */
@Injectable({ providedIn: 'root' })
export class DeskApi {
  private readonly api = inject(ApiClient);

  desk(): Observable<DeskItemView[]> {
    return this.api.get<{ items: DeskItemView[] }>('/desk').pipe(map((d) => d.items));
  }

  notifications(): Observable<NotificationList> {
    return this.api.get<NotificationList>('/notifications');
  }

  read(id: number): Observable<NotificationView> {
    return this.api.post<NotificationView>(`/notifications/${id}/read`);
  }

  readAll(): Observable<{ read: number }> {
    return this.api.post<{ read: number }>('/notifications/read-all');
  }
}
