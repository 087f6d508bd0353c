import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../domain/organizations';
import { ROLES, type Role } from './role';
import { passwordProblems } from './password-policy';

@ValidatorConstraint({ name: 'passwordPolicy' })
export class PasswordPolicy implements ValidatorConstraintInterface {
  validate(v: unknown) {
    return typeof v === 'string' && passwordProblems(v).length === 0;
  }
  defaultMessage(args?: { value: unknown }) {
    return passwordProblems(String(args?.value ?? '')).join('; ');
  }
}

export class CreateUserDto {
  @ApiProperty({ example: 'clerk2' })
  @IsString()
  @Matches(/^[a-zA-Z0-9_.-]{3,64}$/, { message: '用户名为3-64位字母、数字或 _.- / username: 3-64 letters, digits or _.-' })
  username: string;

  @ApiProperty({ example: '王采购' })
  @IsString()
  @Length(1, 100, { message: '姓名必填，最多100字 / display name: 1-100 characters' })
  displayName: string;

  @ApiProperty({ example: 'Secret#2026' })
  @Validate(PasswordPolicy)
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `角色须为 ${ROLES.join('/')} / role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ description: 'required for insurer users' })
  @IsOptional()
  @IsInt({ message: '机构编号须为整数 / organizationId must be an integer' })
  organizationId?: number;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'disabled 须为布尔值 / disabled must be a boolean' })
  disabled?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: '姓名最多100字 / display name: 1-100 characters' })
  displayName?: string;
}

export class ResetPasswordDto {
  @ApiProperty()
  @Validate(PasswordPolicy)
  password: string;
}

export class CreateOrganizationDto {
  @ApiProperty({ example: 'F' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: '机构代码为1-64位字母数字 / code: 1-64 letters or digits' })
  code: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200, { message: '机构名称必填 / name is required' })
  name: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS, {
    message: 'kind 须为 insurer/bureau/procurement / kind must be insurer, bureau or procurement',
  })
  kind: OrganizationKind;
}
