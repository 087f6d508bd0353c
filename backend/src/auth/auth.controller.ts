import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { z } from 'zod';
import { Responds } from '../common/wire';
import { LoginResultSchema, LoginSchema, UserSchema } from '../domain/wire/users';
import { AuthService } from './auth.service';
import { Requires } from '../access/requires';
import { CurrentUser, Public } from './decorators';
import type { AuthUser } from './decorators';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @Responds(200, LoginResultSchema)
  login(@Body({ schema: LoginSchema }) body: z.output<typeof LoginSchema>) {
    return this.auth.login(body.username, body.password);
  }

  @ApiBearerAuth()
  @Get('me')
  @Requires('session.read')
  @Responds(200, UserSchema)
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user.id);
  }
}
