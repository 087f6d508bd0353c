import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { Admission } from './admission';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { Sessions } from './sessions';
import { WriteRateGuard } from './write-rate.guard';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  // In this order: the write rate counts the writes of a signed-in user with the role for them.
  providers: [
    AuthService,
    Sessions,
    Admission,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: WriteRateGuard },
  ],
  exports: [Admission],
})
export class AuthModule {}
