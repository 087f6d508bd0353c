import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { AuditEntry, AuditListQuery, AuditVerification, SecurityEvent, SecurityEventListQuery } from '@domain/wire/audit';
import { ApiClient, FileDownload, Page } from '../core/api-client';

export type { AuditEntry, AuditListQuery, AuditVerification, SecurityEvent, SecurityEventListQuery };

/** Which log: the audit record (the hash chain) or the security log. */
export type LogKind = 'audit' | 'security';

/** The filters both logs take: a time range (ISO instants), a user name, an action (audit) or kind (security). */
export interface LogFilter {
  from?: string;
  to?: string;
  user?: string;
  action?: string;
  kind?: SecurityEventListQuery['kind'];
}

const PATHS: Record<LogKind, string> = { audit: '/audit', security: '/audit/security-events' };

/** The audit administrator's API: read, verify and export the audit record and the security log. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly api = inject(ApiClient);

  /** A page of the audit record, newest first unless sorted, and the total the filters match. */
  entries(query: AuditListQuery): Observable<Page<AuditEntry>> {
    return this.api.page<AuditEntry>(PATHS.audit, { ...query });
  }

  /** A page of the security log, newest first unless sorted, and the total the filters match. */
  securityEvents(query: SecurityEventListQuery): Observable<Page<SecurityEvent>> {
    return this.api.page<SecurityEvent>(PATHS.security, { ...query });
  }

  verify(): Observable<AuditVerification> {
    return this.api.get<AuditVerification>('/audit/verify');
  }

  export(log: LogKind, filter: LogFilter): Observable<FileDownload> {
    const query = log === 'audit' ? { ...filter, kind: undefined } : { ...filter, action: undefined };
    return this.api.download(`${PATHS[log]}/export.xlsx`, log === 'audit' ? '审计记录.xlsx' : '安全事件.xlsx', query);
  }
}
