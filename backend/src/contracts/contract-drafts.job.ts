import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { ContractsService } from './contracts.service';

/**
 * Daily: next year's draft contracts (DOMAIN.md §8). The work is in ContractsService.draftNextYears,
 * which is idempotent, so a missed or repeated run, or one on every server, does no harm.
 */
@Injectable()
export class ContractDraftsJob {
  private readonly log = new Logger(ContractDraftsJob.name);

  constructor(private readonly contracts: ContractsService) {}

  @Cron('0 30 1 * * *', { name: 'contract-drafts', timeZone: 'Asia/Shanghai' })
  async run(): Promise<void> {
    try {
      const created = await this.contracts.draftNextYears(new Date());
      if (created.length) this.log.log(`next-year draft contracts: ${created.map((c) => `${c.tenderId}/${c.lotNo}/${c.year}`).join(', ')}`);
    } catch (e) {
      this.log.error(`next-year draft contracts failed: ${(e as Error).message}`);
    }
  }
}
