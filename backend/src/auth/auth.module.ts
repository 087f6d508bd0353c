import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { WriteRateGuard } from './write-rate.guard';

@Module({
  controllers: [AuthController],
  // In this order: the write rate counts the writes of a signed-in user with the role for them.
  providers: [AuthService, { provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_GUARD, useClass: WriteRateGuard }],
})
export class AuthModule {}
