import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { CreateOrganizationDto, CreateUserDto, ResetPasswordDto, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  list() {
    return this.users.list();
  }

  @Post('users')
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Patch('users/:id')
  update(@CurrentUser() actor: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }

  @Post('users/:id/reset-password')
  @HttpCode(200)
  reset(@CurrentUser() actor: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() dto: ResetPasswordDto) {
    return this.users.resetPassword(actor, id, dto.password);
  }

  @Get('organizations')
  @Roles('admin', 'procurement', 'bureau')
  organizations() {
    return this.users.listOrganizations();
  }

  @Post('organizations')
  createOrganization(@CurrentUser() actor: AuthUser, @Body() dto: CreateOrganizationDto) {
    return this.users.createOrganization(actor, dto);
  }
}
