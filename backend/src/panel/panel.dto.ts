import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Length, ValidateNested } from 'class-validator';

export class AddMemberDto {
  @ApiProperty({ description: 'an expert user' })
  @IsInt({ message: 'userId 须为整数 / userId must be an integer' })
  userId: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'isLeader 须为布尔值 / isLeader must be a boolean' })
  isLeader?: boolean;
}

export class DeclarationDto {
  @ApiProperty({ description: 'true: a conflict of interest with a listed bidder (the member leaves the panel)' })
  @IsBoolean({ message: 'conflict 须为布尔值 / conflict must be a boolean' })
  conflict: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 500, { message: '说明最多500字 / note: at most 500 characters' })
  note?: string;
}

export class ScoreEntryDto {
  @ApiProperty()
  @IsInt({ message: 'bidId 须为整数 / bidId must be an integer' })
  bidId: number;

  @ApiProperty({ example: '13' })
  @IsString({ message: 'criterionNo 须为字符串 / criterionNo must be a string' })
  criterionNo: string;

  /** Range and grid are checked against the criterion, together with the other entries' faults. */
  @ApiProperty({ example: '3.5', description: '0..criterion max in steps of 0.1' })
  @IsString({ message: '分值须为字符串，如"3.5" / value must be a decimal string such as "3.5"' })
  value: string;
}

export class SaveScoresDto {
  @ApiProperty({ type: [ScoreEntryDto] })
  @IsArray({ message: 'scores 须为数组 / scores must be an array' })
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => ScoreEntryDto)
  scores: ScoreEntryDto[];
}

export class ReturnSheetDto {
  @ApiProperty({ description: 'why the sheet goes back for re-review' })
  @IsString()
  @Length(1, 500, { message: '请说明退回原因 / a reason is required' })
  reason: string;
}

export class OutlierDecisionDto {
  @ApiProperty()
  @IsInt()
  panelMemberId: number;

  @ApiProperty()
  @IsInt()
  bidId: number;

  @ApiProperty()
  @IsString()
  criterionNo: string;

  @ApiProperty({ description: 'the panel majority decision, e.g. 经评标委员会多数表决，维持原评分' })
  @IsString()
  @Length(1, 500, { message: '请填写表决结论 / the decision is required' })
  decision: string;
}
