import { Module } from '@nestjs/common';
import { TendersModule } from '../tenders/tenders.module';
import { BidsController } from './bids.controller';
import { BidIntake } from './bid-intake.service';
import { BidsService } from './bids.service';

@Module({
  imports: [TendersModule],
  controllers: [BidsController],
  providers: [BidsService, BidIntake],
  exports: [BidsService],
})
export class BidsModule {}
