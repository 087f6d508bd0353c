import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SEED_DIR } from '../config/config';
import { checkTemplate, ScheduleTemplate } from '../domain/contracts/payment-schedule';

export const SCHEDULES_FILE = resolve(SEED_DIR, 'payment-schedules.json');

/**
 * The payment-schedule templates of seed/payment-schedules.json by code, checked when loaded: a
 * template whose shares do not add up would make every contract drawn from it wrong.
 */
export function loadScheduleTemplates(file = SCHEDULES_FILE): Map<string, ScheduleTemplate> {
  const templates: ScheduleTemplate[] = JSON.parse(readFileSync(file, 'utf8'));
  const errors = templates.flatMap(checkTemplate);
  if (errors.length) throw new Error(`${file}:\n${errors.join('\n')}`);
  return new Map(templates.map((t) => [t.code, t]));
}
