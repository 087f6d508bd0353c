import { Module } from '@nestjs/common';
import { DossiersController } from './dossiers.controller';
import { DossiersService } from './dossiers.service';
import { ImportProgressRegistry } from './import-progress';
import { OcdsController } from './ocds.controller';
import { OcdsService } from './ocds.service';

@Module({
  controllers: [DossiersController, OcdsController],
  providers: [DossiersService, ImportProgressRegistry, OcdsService],
  exports: [DossiersService, OcdsService],
})
export class DossiersModule {}
