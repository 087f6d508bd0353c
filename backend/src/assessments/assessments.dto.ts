import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { ASSESSMENT_STATUSES, type AssessmentStatus } from '../domain/lifecycles';
import type { ItemInput } from './item-scores';

/** An amount in 元, to the 分. */
const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;
const AMOUNT_MESSAGE =
  '须为金额（元，最多两位小数），如"1234567.89" / must be an amount in 元 with at most two decimals, e.g. "1234567.89"';
/** More items than any scheme has is a mistake, not a bigger assessment. */
const MAX_ITEMS = 200;

/** A score is a decimal string or a number; its range and precision depend on the scheme and are checked against it. */
const IsScoreValue = () =>
  ValidateBy({
    name: 'isScoreValue',
    validator: {
      validate: (v: unknown) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.trim() !== ''),
      defaultMessage: () => '须为数值或数值字符串，如"8.5" / must be a number or a decimal string such as "8.5"',
    },
  });

export class ItemScoreDto implements ItemInput {
  @ApiProperty({ example: '3', description: 'the scheme item number' })
  @IsString({ message: '须为考核项序号 / no must be an item number' })
  @Length(1, 16, { message: '须为考核项序号 / no must be an item number' })
  no: string;

  @ApiPropertyOptional({ example: '8.5', description: 'points scheme: points 0..max (or the rule input below)' })
  @IsOptional()
  @IsScoreValue()
  points?: string | number;

  @ApiPropertyOptional({ example: '2', description: 'deduction scheme: points deducted, ≥ 0 (counted at most up to the item weight)' })
  @IsOptional()
  @IsScoreValue()
  deduction?: string | number;

  @ApiPropertyOptional({ description: 'binary item: whether the condition is met (full points or none)' })
  @IsOptional()
  @IsBoolean({ message: 'met 须为 true 或 false / met must be true or false' })
  met?: boolean;

  @ApiPropertyOptional({ description: 'k-of-n item: sub-items achieved' })
  @IsOptional()
  @IsInt({ message: '须为整数 / must be a whole number' })
  @Min(0, { message: '不能为负数 / must not be negative' })
  achieved?: number;

  @ApiPropertyOptional({ description: 'per-case item: cases found' })
  @IsOptional()
  @IsInt({ message: '须为整数 / must be a whole number' })
  @Min(0, { message: '不能为负数 / must not be negative' })
  cases?: number;

  @ApiPropertyOptional({ description: 'the assessor’s note (说明)' })
  @IsOptional()
  @IsString({ message: '说明须为文字 / note must be text' })
  @MaxLength(1000, { message: '说明最多1000字 / note: at most 1000 characters' })
  note?: string;
}

const itemList = (field: string) => [
  IsArray({ message: `${field} 须为考核项数组 / ${field} must be an array of items` }),
  ArrayMaxSize(MAX_ITEMS, { message: `${field} 最多${MAX_ITEMS}项 / ${field}: at most ${MAX_ITEMS} items` }),
  ValidateNested({ each: true }),
];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

export class CreateAssessmentDto {
  @ApiProperty({ example: 'NB-PERF', description: 'a scheme code (GET /api/assessment-schemes?tenderId=)' })
  @IsString({ message: '须选择考核方案 / schemeCode must be a scheme code' })
  @Length(1, 64, { message: '须选择考核方案 / schemeCode must be a scheme code' })
  schemeCode: string;
}

export class ScoreItemsDto {
  @ApiProperty({ type: [ItemScoreDto], description: 'the items to set; items not listed keep their score' })
  @apply(itemList('items'))
  @Type(() => ItemScoreDto)
  items: ItemScoreDto[];

  @ApiPropertyOptional({
    example: '1500000.00',
    description: 'operating cost incl. profit (points schemes: the base of the deduction on a fail)',
  })
  @IsOptional()
  @Matches(AMOUNT, { message: AMOUNT_MESSAGE })
  operatingCost?: string;
}

/** Multipart: `items` arrives as a JSON text field beside the report file. */
export class SelfAssessmentDto {
  @ApiProperty({ type: String, description: 'JSON array of items [{no, points|deduction, note}]' })
  @Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed) ? plainToInstance(ItemScoreDto, parsed) : parsed;
    } catch {
      return value;
    }
  })
  @apply(itemList('items'))
  items: ItemScoreDto[];

  @ApiPropertyOptional({ description: 'a summary of the year (年度运行情况概述)' })
  @IsOptional()
  @IsString({ message: '概述须为文字 / summary must be text' })
  @MaxLength(5000, { message: '概述最多5000字 / summary: at most 5000 characters' })
  summary?: string;
}

export class EvidenceDto {
  @ApiPropertyOptional({ description: 'what the file shows' })
  @IsOptional()
  @IsString({ message: '说明须为文字 / description must be text' })
  @MaxLength(500, { message: '说明最多500字 / description: at most 500 characters' })
  description?: string;
}

export class ObjectionDto {
  @ApiProperty({ description: 'the objection (异议) and its grounds' })
  @IsString({ message: '须填写异议内容 / text is required' })
  @Length(1, 2000, { message: '异议内容为1-2000字 / text: 1-2000 characters' })
  text: string;
}

export class AnswerDto {
  @ApiProperty({ description: 'the bureau’s answer (复核意见)' })
  @IsString({ message: '须填写答复 / text is required' })
  @Length(1, 2000, { message: '答复为1-2000字 / text: 1-2000 characters' })
  text: string;

  @ApiPropertyOptional({ type: [ItemScoreDto], description: 'item scores the answer revises' })
  @IsOptional()
  @apply(itemList('revisedItems'))
  @Type(() => ItemScoreDto)
  revisedItems?: ItemScoreDto[];
}

export class RewardSplitDto {
  @ApiProperty()
  @IsInt({ message: '须为招标项目编号 / tenderId must be a tender id' })
  tenderId: number;

  @ApiProperty({ example: 2024 })
  @IsInt({ message: '年度须为整数 / year must be an integer' })
  @Min(2000, { message: '年度须在2000至2100之间 / year must be 2000-2100' })
  @Max(2100, { message: '年度须在2000至2100之间 / year must be 2000-2100' })
  year: number;

  @ApiProperty({ example: '1000000.00', description: 'the yearly reward budget, at most 1,000,000' })
  @Matches(AMOUNT, { message: AMOUNT_MESSAGE })
  budget: string;
}

export class AssessmentListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年度须为整数 / year must be an integer' })
  year?: number;

  @ApiPropertyOptional({ enum: ASSESSMENT_STATUSES })
  @IsOptional()
  @IsIn(ASSESSMENT_STATUSES, {
    message: `状态须为 ${ASSESSMENT_STATUSES.join('/')} / status must be one of ${ASSESSMENT_STATUSES.join(', ')}`,
  })
  status?: AssessmentStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '合同编号须为整数 / contractId must be an integer' })
  contractId?: number;
}

export class YearQuery {
  @ApiProperty({ example: 2024 })
  @Type(() => Number)
  @IsInt({ message: '年度须为整数 / year must be an integer' })
  @Min(2000, { message: '年度须在2000至2100之间 / year must be 2000-2100' })
  @Max(2100, { message: '年度须在2000至2100之间 / year must be 2000-2100' })
  year: number;
}

export class SchemeQuery {
  @ApiPropertyOptional({ description: 'also the schemes of this tender (imported with its dossier)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '须为招标项目编号 / tenderId must be a tender id' })
  tenderId?: number;
}

export class OverdueQuery {
  @ApiPropertyOptional({ example: '2025-04-01', description: 'the day to judge on (default: today, China time)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式为YYYY-MM-DD / on must be YYYY-MM-DD' })
  on?: string;
}
