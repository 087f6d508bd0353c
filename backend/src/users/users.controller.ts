import { Requires } from '../access/requires';
import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { Responds } from '../common/wire';
import { IdSchema } from '../domain/wire/common';
import {
  CreateOrganizationSchema,
  CreateUserSchema,
  OrganizationSchema,
  ResetPasswordSchema,
  UpdateUserSchema,
  UserSchema,
} from '../domain/wire/users';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Requires('user.manage')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  @Responds(200, UserSchema.array())
  list() {
    return this.users.list();
  }

  @Post('users')
  @Responds(201, UserSchema)
  create(@CurrentUser() actor: AuthUser, @Body({ schema: CreateUserSchema }) body: z.output<typeof CreateUserSchema>) {
    return this.users.create(actor, body);
  }

  @Patch('users/:id')
  @Responds(200, UserSchema)
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: UpdateUserSchema }) body: z.output<typeof UpdateUserSchema>,
  ) {
    return this.users.update(actor, id, body);
  }

  @Post('users/:id/reset-password')
  @HttpCode(200)
  @Responds(200, UserSchema)
  reset(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: ResetPasswordSchema }) body: z.output<typeof ResetPasswordSchema>,
  ) {
    return this.users.resetPassword(actor, id, body.password);
  }

  @Get('organizations')
  @Requires('organization.read')
  @Responds(200, OrganizationSchema.array())
  organizations() {
    return this.users.listOrganizations();
  }

  @Post('organizations')
  @Responds(201, OrganizationSchema)
  createOrganization(
    @CurrentUser() actor: AuthUser,
    @Body({ schema: CreateOrganizationSchema }) body: z.output<typeof CreateOrganizationSchema>,
  ) {
    return this.users.createOrganization(actor, body);
  }
}
