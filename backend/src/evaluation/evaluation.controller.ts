import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { EvaluationService } from './evaluation.service';

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('tenders/:id')
export class EvaluationController {
  constructor(private readonly evaluation: EvaluationService) {}

  @Get('results')
  results(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.evaluation.resultsFor(user, id);
  }
}
