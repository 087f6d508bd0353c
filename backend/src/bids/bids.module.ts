import { Module } from '@nestjs/common';
import { TendersModule } from '../tenders/tenders.module';
import { BidsController } from './bids.controller';
import { BidIntake } from './bid-intake.service';
import { BidsService } from './bids.service';
import { OpeningController } from './opening.controller';
import { OpeningRecordService } from './opening-record.service';

@Module({
  imports: [TendersModule],
  controllers: [BidsController, OpeningController],
  providers: [BidsService, BidIntake, OpeningRecordService],
  exports: [BidsService],
})
export class BidsModule {}
