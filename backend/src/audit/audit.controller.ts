import { Controller, DefaultValuePipe, Get, Header, ParseIntPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Newest first. */
  @Get()
  list(
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number,
    @Query('offset', new DefaultValuePipe(0), ParseIntPipe) offset: number,
  ) {
    return this.audit.list(Math.min(limit, 1000), offset);
  }

  /** Walk the whole chain: `{ entries, breaks: [{ id, problem, detail }] }`. */
  @Get('verify')
  verify() {
    return this.audit.verify();
  }

  @Get('export.xlsx')
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export() {
    const buffer = await this.audit.workbook();
    return new StreamableFile(buffer, { disposition: `attachment; filename="audit.xlsx"` });
  }
}
