import { integerText, z } from '../validation';
import { instant, reply } from './common';

/** The audit record (`/api/audit`, the administrator's). */

export const AuditListQuerySchema = z.strictObject({
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
  /** The chain: each entry hashes the one before it. */
  prevHash: z.string(),
  hash: z.string(),
});

export const AuditVerificationSchema = reply({
  entries: z.number().int(),
  breaks: z.array(reply({ id: z.number().int(), problem: z.enum(['modified', 'broken-link']), detail: z.string() })),
});

export type AuditEntry = z.output<typeof AuditEntrySchema>;
export type AuditVerification = z.output<typeof AuditVerificationSchema>;
