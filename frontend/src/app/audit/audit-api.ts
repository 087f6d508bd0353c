import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { AuditEntry, AuditVerification, SecurityEvent } from '@domain/wire/audit';
import { ApiClient, FileDownload } from '../core/api-client';

export type { AuditEntry, AuditVerification, SecurityEvent };

/** Which log: the audit record (the hash chain) or the security log. */
export type LogKind = 'audit' | 'security';

/** The filters both logs take: a time range (ISO instants), a user name, an action (audit) or kind (security). */
export interface LogFilter {
  from?: string;
  to?: string;
  user?: string;
  action?: string;
  kind?: string;
}

const PATHS: Record<LogKind, string> = { audit: '/audit', security: '/audit/security-events' };

/** The audit administrator's API: read, verify and export the audit record and the security log. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly api = inject(ApiClient);

  entries(filter: LogFilter): Observable<AuditEntry[]> {
    return this.api.get<AuditEntry[]>(PATHS.audit, { ...filter, kind: undefined, limit: 1000 });
  }

  securityEvents(filter: LogFilter): Observable<SecurityEvent[]> {
    return this.api.get<SecurityEvent[]>(PATHS.security, { ...filter, action: undefined, limit: 1000 });
  }

  verify(): Observable<AuditVerification> {
    return this.api.get<AuditVerification>('/audit/verify');
  }

  export(log: LogKind, filter: LogFilter): Observable<FileDownload> {
    const query = log === 'audit' ? { ...filter, kind: undefined } : { ...filter, action: undefined };
    return this.api.download(`${PATHS[log]}/export.xlsx`, log === 'audit' ? '审计记录.xlsx' : '安全事件.xlsx', query);
  }
}
