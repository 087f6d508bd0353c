import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';

export class CancellationDto {
  @ApiProperty({ description: 'the confirmed winner of the lot (bidder code)' })
  @IsString({ message: 'bidder 须为投标人代码 / bidder must be a bidder code' })
  bidder: string;

  @ApiProperty({ enum: ['declined', 'disqualified'] })
  @IsIn(['declined', 'disqualified'], {
    message: 'kind 须为 declined（放弃中标）或 disqualified（取消中标资格） / kind must be declined or disqualified',
  })
  kind: 'declined' | 'disqualified';

  @ApiProperty()
  @IsString()
  @Length(1, 500, { message: '请说明原因 / a reason is required' })
  reason: string;
}
