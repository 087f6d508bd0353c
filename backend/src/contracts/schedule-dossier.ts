import type { Schedule } from '../domain/contracts/payment-schedule';
import type { Dossier } from '../domain/dossier/dossier.types';
import { normalised } from './schedule-templates';
import type { TenderSchedule } from './tender-schedule.entity';

/** A dossier's payment schedule (format 2) as the row that keeps it, and back (dossier-store puts the parts together). */
export const scheduleColumns = (s: NonNullable<Dossier['paymentSchedules']>[number]): Pick<TenderSchedule, 'code' | 'schedule'> => ({
  code: s.code,
  schedule: normalised(s),
});

export const dossierSchedule = (row: TenderSchedule): Schedule => row.schedule;
