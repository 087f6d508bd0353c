import { z } from '../validation';
import { instant, reply } from './common';

/** Backups (GET /api/backups, the administrator's): the schedule and the latest runs, newest first. */

const TRIGGERS = ['scheduled', 'manual'] as const;

/** What a backup run ended with: the file written and what it holds, or the error. */
export const BackupOutcomeSchema = z.discriminatedUnion('ok', [
  reply({
    ok: z.literal(true),
    trigger: z.enum(TRIGGERS),
    file: z.string(),
    bytes: z.number().int(),
    sha256: z.string(),
    createdAt: instant(),
    tables: z.number().int(),
    rows: z.number().int(),
    files: z.number().int(),
    migrations: z.number().int(),
    auditHead: z.string().nullable(),
    seconds: z.number(),
  }),
  reply({ ok: z.literal(false), trigger: z.enum(TRIGGERS), file: z.string(), error: z.string() }),
]);

export const BackupStatusSchema = reply({
  /** BACKUP_DIR, BACKUP_CRON and BACKUP_KEEP; null when no backup is scheduled. */
  schedule: reply({ dir: z.string(), cron: z.string(), keep: z.number().int() }).nullable(),
  runs: z.array(
    reply({ id: z.number().int(), startedAt: instant(), finishedAt: instant().nullable(), outcome: BackupOutcomeSchema.nullable() }),
  ),
});

export type BackupOutcome = z.output<typeof BackupOutcomeSchema>;
export type BackupStatus = z.output<typeof BackupStatusSchema>;
