import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { Sessions } from './sessions';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [AuthService, Sessions, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
