import { Requires } from '../access/requires';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { sendPage } from '../common/paging';
import { Responds } from '../common/wire';
import { IdSchema } from '../domain/wire/common';
import {
  CreateOrganizationSchema,
  CreateUserSchema,
  OrganizationSchema,
  ResetPasswordSchema,
  RoleChangeSchema,
  UpdateOrganizationSchema,
  UpdateUserSchema,
  UserListQuerySchema,
  UserSchema,
} from '../domain/wire/users';
import { UsersService } from './users.service';

/**
 * Users and organisations. The system administrator (`admin`) creates, edits, disables and resets
 * users and organisations; the security administrator (`security-admin`) grants roles and unlocks
 * accounts (三权分立, DOMAIN.md §1).
 */
@ApiTags('users')
@ApiBearerAuth()
@Requires('user.manage')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  @Requires('user.read')
  @Responds(200, UserSchema.array())
  async list(@Query({ schema: UserListQuerySchema }) q: z.output<typeof UserListQuerySchema>, @Res({ passthrough: true }) res: Response) {
    return sendPage(res, await this.users.list(q));
  }

  @Post('users')
  @Responds(201, UserSchema)
  create(@CurrentUser() actor: AuthUser, @Body({ schema: CreateUserSchema }) body: z.output<typeof CreateUserSchema>) {
    return this.users.create(actor, body);
  }

  @Patch('users/:id')
  @Responds(200, UserSchema)
  async update(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: UpdateUserSchema }) body: z.output<typeof UpdateUserSchema>,
  ) {
    return (await this.users.update(actor, id, body)).shown;
  }

  @Post('users/:id/reset-password')
  @HttpCode(200)
  @Responds(200, UserSchema)
  async reset(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: ResetPasswordSchema }) body: z.output<typeof ResetPasswordSchema>,
  ) {
    return (await this.users.resetPassword(actor, id, body.password)).shown;
  }

  @Put('users/:id/role')
  @Requires('user.grant')
  @Responds(200, UserSchema)
  async setRole(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: RoleChangeSchema }) body: z.output<typeof RoleChangeSchema>,
  ) {
    return (await this.users.setRole(actor, id, body.role)).shown;
  }

  @Post('users/:id/unlock')
  @HttpCode(200)
  @Requires('user.grant')
  @Responds(200, UserSchema)
  async unlock(@CurrentUser() actor: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return (await this.users.unlock(actor, id)).shown;
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

  @Patch('organizations/:id')
  @Responds(200, OrganizationSchema)
  updateOrganization(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: UpdateOrganizationSchema }) body: z.output<typeof UpdateOrganizationSchema>,
  ) {
    return this.users.updateOrganization(actor, id, body);
  }
}
