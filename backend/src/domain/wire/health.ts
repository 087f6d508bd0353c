import { z } from '../validation';
import { instant, reply } from './common';

/**
 * GET /api/health: answers only when the database does; `jobs` has the latest run of each scheduled
 * job (the backup among them), enough for monitoring to alert on a failed or missing one.
 */
export const HealthSchema = reply({
  status: z.literal('ok'),
  db: z.enum(['sqlite', 'mysql']),
  backupScheduled: z.boolean(),
  jobs: z.record(z.string(), reply({ status: z.enum(['ok', 'failed', 'running']), at: instant() })),
});
export type Health = z.output<typeof HealthSchema>;
