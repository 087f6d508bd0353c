import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional } from 'class-validator';

/** What only the API adds to a dossier bidder: the insurer organisation whose users see its bids. */
export class BidderLinkDto {
  @ApiPropertyOptional({ description: 'an insurer organisation; without it, the one of the same name or a new one' })
  @IsOptional()
  @IsInt({ message: '机构编号须为整数 / organizationId must be an integer' })
  organizationId?: number;
}
