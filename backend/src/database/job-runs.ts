import { DataSource, In } from 'typeorm';
import { isUniqueViolation } from './unique-violation';
import { JobRun } from './job-run.entity';

export type JobOutcome<T> = { ran: true; outcome: T } | { ran: false };

/**
 * Runs `work` for a job and period once, however many servers start it: each first inserts the
 * (job, period) row, the unique index lets exactly one insert through, and the others learn from the
 * violation that someone else has the run. The claim is committed on its own, before the work, so
 * that no lock is held while working. A run that fails gives its period back, so a later trigger
 * (the next server, a retry) can run it.
 */
export async function runOnce<T extends object>(
  dataSource: DataSource,
  job: string,
  periodKey: string,
  work: () => Promise<T>,
): Promise<JobOutcome<T>> {
  const runs = dataSource.getRepository(JobRun);
  let id: number;
  try {
    id = (await runs.insert({ job, periodKey, startedAt: new Date(), finishedAt: null, outcome: null })).identifiers[0].id;
  } catch (e) {
    if (isUniqueViolation(e)) return { ran: false };
    throw e;
  }
  try {
    const outcome = await work();
    await runs.update(id, { finishedAt: new Date(), outcome: outcome as JobRun['outcome'] });
    return { ran: true, outcome };
  } catch (e) {
    await runs.delete(id);
    throw e;
  }
}

/** The latest run of each job. */
export async function latestRuns(dataSource: DataSource): Promise<JobRun[]> {
  const runs = dataSource.getRepository(JobRun);
  const latest = await runs.createQueryBuilder('r').select('MAX(r.id)', 'id').groupBy('r.job').getRawMany<{ id: number | string }>();
  return latest.length ? runs.find({ where: { id: In(latest.map((r) => Number(r.id))) }, order: { job: 'ASC' } }) : [];
}
