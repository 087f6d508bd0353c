import { createHash } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { HolidayDay } from '../calendar/holiday-day.entity';
import { chinaNoon } from '../contracts/contract-dossier';
import { workingCalendar } from '../domain/calendar/working-days';
import { type ReportRule, reportDueDate } from '../domain/contracts/periodic-reports';
import type { ContractReport } from '../domain/dossier/dossier.types';
import { PeriodicReport } from './periodic-report.entity';

/** The digest of no bytes: a dossier lists the reports submitted, not their files (size 0: `hasFile`). */
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/**
 * A dossier contract's periodic reports (DOSSIER.md format 2, DOMAIN.md §8) as the rows of the reports
 * the insurer submits, marked as having no file (`hasFile`); due as the contract's report rule sets it (a kind the
 * contract has no rule for counts as due on the day it came).
 */
export async function saveReports(
  m: EntityManager,
  contracts: readonly { contractId: number; reports: readonly ContractReport[]; rules: readonly ReportRule[] }[],
): Promise<void> {
  if (!contracts.some((c) => c.reports.length)) return;
  const calendar = workingCalendar(await m.find(HolidayDay));
  const rows = contracts.flatMap(({ contractId, reports, rules }) =>
    reports.map((r) => {
      const rule = rules.find((x) => x.kind === r.kind);
      const dueDate = rule ? reportDueDate(rule, r.period, calendar) : r.submittedOn;
      return m.create(PeriodicReport, {
        contractId,
        kind: r.kind,
        period: r.period,
        dueDate,
        submittedOn: r.submittedOn,
        submittedAt: chinaNoon(r.submittedOn),
        submittedBy: 'dossier',
        late: r.submittedOn > dueDate,
        fileName: '',
        mimeType: 'application/octet-stream',
        size: 0,
        sha256: EMPTY_SHA256,
        content: Buffer.alloc(0),
        receivedOn: null,
        receivedAt: null,
        receivedBy: null,
      });
    }),
  );
  await m.save(rows);
}

/** The reports of contracts as the dossier lists them, by contract id, in the order they came. */
export async function loadReports(m: EntityManager, contractIds: readonly number[]): Promise<Map<number, ContractReport[]>> {
  const rows = contractIds.length
    ? await m.find(PeriodicReport, { where: { contractId: In([...contractIds]) }, order: { id: 'ASC' } })
    : [];
  const byContract = new Map<number, ContractReport[]>();
  for (const r of rows)
    byContract.set(r.contractId, [...(byContract.get(r.contractId) ?? []), { kind: r.kind, period: r.period, submittedOn: r.submittedOn }]);
  return byContract;
}
