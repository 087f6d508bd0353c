import { Module } from '@nestjs/common';
import { DossiersController } from './dossiers.controller';
import { DossiersService } from './dossiers.service';
import { ImportProgressRegistry } from './import-progress';

@Module({
  controllers: [DossiersController],
  providers: [DossiersService, ImportProgressRegistry],
  exports: [DossiersService],
})
export class DossiersModule {}
