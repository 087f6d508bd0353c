import { Body, Controller, Get, HttpCode, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { z } from 'zod';
import { Responds } from '../common/wire';
import {
  ChangePasswordSchema,
  LoginResultSchema,
  LogoutResultSchema,
  LoginSchema,
  UpdateOwnSchema,
  UserSchema,
} from '../domain/wire/users';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { Requires } from '../access/requires';
import { CurrentUser, DuringPasswordChange, Public } from './decorators';
import type { AuthUser } from './decorators';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

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
  @DuringPasswordChange()
  @Requires('session.read')
  @Responds(200, UserSchema)
  me(@CurrentUser() user: AuthUser) {
    return this.auth.me(user.id);
  }

  /** The signed-in user's own e-mail address, where notifications are also mailed (SMTP_URL). */
  @ApiBearerAuth()
  @Patch('me')
  @Requires('session.read')
  @Responds(200, UserSchema)
  updateMe(@CurrentUser() user: AuthUser, @Body({ schema: UpdateOwnSchema }) body: z.output<typeof UpdateOwnSchema>) {
    return this.users.updateOwn(user, body);
  }

  /** The signed-in user's own password; answers a new token (every other session of the user ends). */
  @ApiBearerAuth()
  @Post('password')
  @HttpCode(200)
  @DuringPasswordChange()
  @Requires('session.read')
  @Responds(200, LoginResultSchema)
  changePassword(@CurrentUser() user: AuthUser, @Body({ schema: ChangePasswordSchema }) body: z.output<typeof ChangePasswordSchema>) {
    return this.auth.changePassword(user, body.currentPassword, body.newPassword);
  }

  /** Ends every session of the signed-in user: its tokens are refused from now on. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(200)
  @DuringPasswordChange()
  @Requires('session.read')
  @Responds(200, LogoutResultSchema)
  logout(@CurrentUser() user: AuthUser) {
    return this.auth.logout(user);
  }
}
