import { Award } from '../src/evaluation/award.entity';
import type { TestApp } from './harness';

/**
 * The tender's award as if confirmed `days` calendar days ago — by default two months, so that its
 * challenge period (质疑期, working days after the publication) has run out and contracts may be drawn up.
 */
export async function awardConfirmedAgo(t: TestApp, tenderId: number, days = 60): Promise<void> {
  await t.dataSource.getRepository(Award).update({ tenderId }, { confirmedAt: new Date(Date.now() - days * 86_400_000) });
}
