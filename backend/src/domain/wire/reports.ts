import { REPORT_KINDS, REPORT_STATUSES } from '../contracts/periodic-reports';
import { CONTRACT_STATUSES } from '../lifecycles';
import { day, id, oneOf, text, z } from '../validation';
import { calendarDay, instant, reply } from './common';

/**
 * Periodic reports under a contract (`/api/reports`, DOMAIN.md §8): what each contract asks for, with
 * its due day and where it stands; the insurer submits a file, the bureau receives it.
 */

// ---- requests

export const ReportListQuerySchema = z.strictObject({
  contractId: id().optional(),
  on: day().optional().meta({ description: 'the day to judge overdue on (default: today, China time)' }),
});

/** The path of a submission: the kind and the period it covers (2026-03, 2026-H1, 2026). */
export const ReportKindSchema = oneOf(REPORT_KINDS);
export const ReportPeriodSchema = text(16).meta({ description: 'a month (2026-03), the first half (2026-H1) or the year (2026)' });

/** Multipart: the one `file` (pdf, jpg, png, xlsx or docx, at most EVIDENCE_MAX_MB) and nothing else. */
export const SubmitReportSchema = z.strictObject({});

// ---- answers

/** A report a contract asks for: awaited or overdue until it is submitted; then its file and receipt. */
export const PeriodicReportSchema = reply({
  /** Null until submitted. */
  id: z.number().int().nullable(),
  contractId: z.number().int(),
  kind: z.enum(REPORT_KINDS),
  period: z.string(),
  dueDate: calendarDay(),
  status: z.enum(REPORT_STATUSES),
  /** Submitted after its due day. */
  late: z.boolean(),
  daysOverdue: z.number().int(),
  submittedOn: calendarDay().nullable(),
  submittedBy: z.string().nullable(),
  /** Null until submitted, and for a report imported with its dossier (submitted, without a file). */
  fileName: z.string().nullable(),
  size: z.number().int().nullable(),
  sha256: z.string().nullable(),
  receivedOn: calendarDay().nullable(),
  receivedBy: z.string().nullable(),
  receivedAt: instant().nullable(),
  // The contract, for lists across contracts.
  tenderId: z.number().int(),
  tenderCode: z.string(),
  lotNo: z.string(),
  year: z.number().int(),
  insurer: z.string(),
  contractStatus: z.enum(CONTRACT_STATUSES),
});

export type ReportListQuery = z.input<typeof ReportListQuerySchema>;
export type PeriodicReportView = z.output<typeof PeriodicReportSchema>;
