import { Module } from '@nestjs/common';
import { TenderAccess } from './tender-access';
import { TenderLifecycle } from './tender-lifecycle.service';
import { TendersController } from './tenders.controller';
import { TendersService } from './tenders.service';

@Module({
  controllers: [TendersController],
  providers: [TendersService, TenderLifecycle, TenderAccess],
  exports: [TendersService, TenderLifecycle, TenderAccess],
})
export class TendersModule {}
