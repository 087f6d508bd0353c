import { Module } from '@nestjs/common';
import { SeedService } from '../seed/seed.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersService, SeedService],
  exports: [UsersService, SeedService],
})
export class UsersModule {}
