import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'clerk' })
  @IsString({ message: '请输入用户名 / username is required' })
  @Length(1, 64, { message: '请输入用户名 / username is required' })
  username: string;

  @ApiProperty({ example: 'Demo#2026' })
  @IsString({ message: '请输入密码 / password is required' })
  @Length(1, 128, { message: '请输入密码 / password is required' })
  password: string;
}
