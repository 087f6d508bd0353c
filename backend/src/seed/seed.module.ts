import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module';
import { SeedService } from './seed.service';

/** Demo data: its own module because it draws on users and on dossier import alike. */
@Module({
  imports: [DossiersModule],
  providers: [SeedService],
  exports: [SeedService],
})
export class SeedModule {}
