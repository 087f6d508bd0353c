import type { INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Express, NextFunction, Request, Response } from 'express';
import { Admission, routeRules } from '../auth/admission';
import { sendJson } from '../common/json-answer';
import { IdSchema } from '../domain/wire/common';
import { EvaluationController } from './evaluation.controller';
import { EvaluationService } from './evaluation.service';

/** The route served here, as Nest's router would match it (global prefix `api`). */
export const LEAN_RESULTS_PATH = '/api/tenders/:id/results';

/**
 * GET /api/tenders/:id/results answered ahead of Nest's router. The answer is bytes serialised once per
 * revision, polled by every screen that shows results, and Nest's route walk, guards, pipes and
 * interceptors cost several times what sending those bytes does. Here the request is admitted by the
 * controller method's own rules (its decorators, read as the auth guard reads them, applied by the
 * guard's Admission), the id checked by the route's schema, and the same service's answer sent as the
 * controller sends it; the middleware registered before (helmet, caching policy, security log) apply
 * as to any route. Anything but a success — a refusal, a bad id, a missing or sealed tender, a failure —
 * goes on to the Nest route, which answers it exactly as before.
 */
export function serveResultsLean(app: INestApplication): void {
  const admission = app.get(Admission);
  const evaluation = app.get(EvaluationService);
  const rules = routeRules(app.get(Reflector), EvaluationController.prototype.results, EvaluationController);
  const answer = async (req: Request, res: Response) => {
    const id = IdSchema.safeParse(req.params.id);
    if (!id.success) return undefined;
    const user = await admission.admit(req, res, rules);
    return user && evaluation.resultsAnswer(user, id.data);
  };
  const express: Express = app.getHttpAdapter().getInstance();
  express.get(LEAN_RESULTS_PATH, (req: Request, res: Response, next: NextFunction) => {
    answer(req, res)
      .then(
        (found) => (found ? sendJson(req, res, found) : next()),
        () => next(),
      )
      .catch(next);
  });
}
