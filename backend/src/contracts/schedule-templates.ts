import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SEED_DIR } from '../config/config';
import type { Schedule } from '../domain/contracts/payment-schedule';
import { normalised, ScheduleSchema } from '../domain/dossier/schedule.schema';
import { fieldErrors, list } from '../domain/validation';

export { normalised };

export const SCHEDULES_FILE = resolve(SEED_DIR, 'payment-schedules.json');

/**
 * The shipped payment schedules of seed/payment-schedules.json by code, checked when loaded by the same
 * schema as a dossier's: a schedule whose shares run over the whole would make every contract drawn from
 * it wrong.
 */
export function loadScheduleTemplates(file = SCHEDULES_FILE): Map<string, Schedule> {
  const parsed = list(ScheduleSchema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file}:\n${fieldErrors(parsed.error.issues)
        .map((e) => e.message)
        .join('\n')}`,
    );
  return new Map(parsed.data.map((s) => [s.code, normalised(s)]));
}
