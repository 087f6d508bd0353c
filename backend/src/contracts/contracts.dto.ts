import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { CONTRACT_STATUSES, type ContractStatus } from '../domain/lifecycles';

export class CreateContractDto {
  @ApiProperty({ example: 2023, description: 'contract year, within the tender’s contract term' })
  @IsInt({ message: '合同年度须为整数 / year must be an integer' })
  @Min(2000, { message: '合同年度须在2000至2100之间 / year must be 2000-2100' })
  @Max(2100, { message: '合同年度须在2000至2100之间 / year must be 2000-2100' })
  year: number;

  @ApiProperty({ example: 'ningbo', description: 'payment-schedule template code (GET /api/contracts/schedule-templates)' })
  @IsString({ message: '须选择付款方式模板 / scheduleTemplate must be a template code' })
  scheduleTemplate: string;
}

export class UpdateContractDto {
  @ApiProperty({ description: 'the version the change is based on (optimistic lock)' })
  @IsInt({ message: '版本号须为整数 / version must be an integer' })
  version: number;

  @ApiPropertyOptional({ example: 4012345, description: 'insured population on 1 January of the contract year' })
  @IsOptional()
  @IsInt({ message: '参保人数须为整数 / population must be a whole number' })
  @Min(1, { message: '参保人数须大于0 / population must be positive' })
  @Max(999_999_999, { message: '参保人数过大 / population too large' })
  population?: number;

  @ApiPropertyOptional({ enum: CONTRACT_STATUSES })
  @IsOptional()
  @IsIn(CONTRACT_STATUSES, { message: `状态须为 ${CONTRACT_STATUSES.join('/')} / status must be one of ${CONTRACT_STATUSES.join(', ')}` })
  status?: ContractStatus;
}

export class DocumentVersionQuery {
  @ApiPropertyOptional({ description: 'a stored version; the latest when omitted' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '版本号须为整数 / version must be an integer' })
  @Min(1, { message: '版本号须为正整数 / version must be positive' })
  version?: number;
}
