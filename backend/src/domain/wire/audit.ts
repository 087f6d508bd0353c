import { AUDIT_PROBLEMS, SECURITY_EVENT_KINDS } from '../security-events';
import { dateTime, integerText, oneOf, string, z } from '../validation';
import { instant, type ListQuery, pageQuery, reply } from './common';

/** The audit record and the security log (`/api/audit`, the audit administrator's: read, filter, verify, export). */

/** Filters shared by both logs and their exports: a time range, a user (name), an action or kind. */
const logFilters = {
  from: dateTime().optional().meta({ description: 'from this instant on' }),
  to: dateTime().optional().meta({ description: 'before this instant' }),
  user: string(64).optional().meta({ description: 'the user name' }),
};

export const AuditFilterSchema = z.strictObject({ ...logFilters, action: string(64).optional() });
/** Newest first unsorted; `page` (with `pageSize`, `sort`, `order`) or the older `limit`/`offset` window. */
export const AuditListQuerySchema = z.strictObject({
  ...AuditFilterSchema.shape,
  ...pageQuery(['id', 'actorName', 'action', 'entityType'] as const),
  limit: integerText(1, 1000).optional().meta({ description: 'at most 1000 (default 100)' }),
  offset: integerText(0).optional(),
});

export const SecurityEventFilterSchema = z.strictObject({ ...logFilters, kind: oneOf(SECURITY_EVENT_KINDS).optional() });
export const SecurityEventListQuerySchema = z.strictObject({
  ...SecurityEventFilterSchema.shape,
  ...pageQuery(['id', 'username', 'kind', 'status'] as const),
  limit: integerText(1, 1000).optional().meta({ description: 'at most 1000 (default 100)' }),
  offset: integerText(0).optional(),
});

/** One entry: who did what to which record, when, with its state before and after. */
export const AuditEntrySchema = reply({
  id: z.number().int(),
  at: instant(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  /** The chain: each entry hashes the one before it (an HMAC under AUDIT_KEY since the chain was keyed). */
  prevHash: z.string(),
  hash: z.string(),
  alg: z.enum(['sm3', 'sha256']).nullable(),
});

export const AuditVerificationSchema = reply({
  entries: z.number().int(),
  /** The newest entry (the chain's end), null for an empty chain. */
  head: reply({ id: z.number().int(), hash: z.string() }).nullable(),
  breaks: z.array(reply({ id: z.number().int(), problem: z.enum(AUDIT_PROBLEMS), detail: z.string() })),
});

/** One security event: who (user, role), what (kind, request, answer), when, from where (IP, user agent). */
export const SecurityEventSchema = reply({
  id: z.number().int(),
  at: instant(),
  kind: z.enum(SECURITY_EVENT_KINDS),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  method: z.string(),
  path: z.string(),
  status: z.number().int(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

export type AuditEntry = z.output<typeof AuditEntrySchema>;
export type AuditVerification = z.output<typeof AuditVerificationSchema>;
export type AuditFilter = z.output<typeof AuditFilterSchema>;
export type SecurityEvent = z.output<typeof SecurityEventSchema>;
export type SecurityEventFilter = z.output<typeof SecurityEventFilterSchema>;

export type AuditListQuery = ListQuery<typeof AuditListQuerySchema>;
export type SecurityEventListQuery = ListQuery<typeof SecurityEventListQuerySchema>;
export type AuditListFilter = z.output<typeof AuditListQuerySchema>;
export type SecurityEventListFilter = z.output<typeof SecurityEventListQuerySchema>;
