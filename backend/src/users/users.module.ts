import { Module } from '@nestjs/common';
import { UserStates } from './user-states';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersService, UserStates],
  exports: [UsersService, UserStates],
})
export class UsersModule {}
