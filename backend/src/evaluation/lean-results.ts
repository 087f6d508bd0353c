import type { INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { Express, NextFunction, Request, Response } from 'express';
import { Admission, routeRules } from '../auth/admission';
import { freshMark } from '../common/fresh-read';
import { holdsAnswer, JSON_TYPE, sendJson, type JsonAnswer } from '../common/json-answer';
import { IdSchema } from '../domain/wire/common';
import { EvaluationController } from './evaluation.controller';
import { EvaluationService } from './evaluation.service';

/** The route served here, as Nest's router would match it (global prefix `api`). */
export const LEAN_RESULTS_PATH = '/api/tenders/:id/results';
/** That path as the front takes it (an id Express would decode, or any other spelling, is left to Express). */
const FRONT_PATH = /^\/api\/tenders\/([^/?#]+)\/results\/?(?:\?|$)/;

/** A request the front tried: the express route hands it straight on to the Nest route. */
const TRIED = Symbol('lean results tried');

/**
 * GET /api/tenders/:id/results answered ahead of Express and Nest. The answer is bytes serialised once
 * per revision, polled by every screen that shows results, and Express's middleware walk, Nest's route
 * walk, guards, pipes and interceptors cost several times what sending those bytes does. Here the
 * request is admitted by the controller method's own rules (its decorators, read as the auth guard reads
 * them, applied by the guard's Admission), the id checked by the route's schema, and the same service's
 * answer sent as the controller sends it.
 *
 * Two doors, one answer:
 * - the front, on the HTTP server itself, before Express: a GET without a body and without an
 *   `Origin` (the UI's own polls) gets its answer with the headers the middleware ahead of the route
 *   set (helmet, the caching policy), as they set them on the last such request that went through
 *   Express — they depend on nothing in a request without an `Origin` — written in one `writeHead`,
 *   kept per answer;
 * - the express route, behind that middleware, for the rest (a CORS request, a HEAD, the first request,
 *   which shows the front those headers).
 * Anything but a success — a refusal, a bad id, a missing or sealed tender, a failure — goes on to the
 * Nest route, which answers it exactly as before; the admission decided here is not decided again there
 * (Admission.admit), and the security log's middleware sees the request as it sees any other.
 */
export function serveResultsLean(app: INestApplication): void {
  const admission = app.get(Admission);
  const evaluation = app.get(EvaluationService);
  const rules = routeRules(app.get(Reflector), EvaluationController.prototype.results, EvaluationController);
  const answer = async (req: Request, res: Response, rawId: unknown): Promise<JsonAnswer | undefined> => {
    // The request's arrival: its user's and its tender's reads share one read of the change stamp.
    const since = freshMark();
    const id = IdSchema.safeParse(rawId);
    if (!id.success) return undefined;
    const user = await admission.admit(req, res, rules, since);
    return user && evaluation.resultsAnswer(user, id.data, since);
  };

  /** The middleware's headers, as [name, value, …] (see above); none until a request has shown them. */
  let ahead: string[] | undefined;
  const express: Express = app.getHttpAdapter().getInstance();
  express.get(LEAN_RESULTS_PATH, (req: Request, res: Response, next: NextFunction) => {
    if (TRIED in req) return next();
    if (req.headers.origin === undefined) ahead = headersSoFar(res);
    answer(req, res, req.params.id)
      .then(
        (found) => (found ? sendJson(req, res, found) : next()),
        () => next(),
      )
      .catch(next);
  });

  /** Each answer's headers after the middleware's, for 200 and for 304 (which carries no Content-Length). */
  const heads = new WeakMap<JsonAnswer, { ok: string[]; notModified: string[]; ahead: string[] }>();
  const headsOf = (found: JsonAnswer, before: string[]) => {
    let h = heads.get(found);
    if (h?.ahead !== before) {
      const notModified = [...before, 'Content-Type', JSON_TYPE, 'ETag', found.etag];
      h = { ok: [...notModified, 'Content-Length', String(found.body.length)], notModified, ahead: before };
      heads.set(found, h);
    }
    return h;
  };
  const front = async (req: IncomingMessage, res: ServerResponse, id: string, before: string[]): Promise<boolean> => {
    const found = await answer(req as Request, res as Response, id);
    if (!found) return false;
    const h = headsOf(found, before);
    if (holdsAnswer(req.headers, found)) {
      res.writeHead(304, h.notModified).end();
    } else {
      res.writeHead(200, h.ok).end(found.body);
    }
    return true;
  };

  const server: Server = app.getHttpServer();
  const [throughExpress] = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = req.method === 'GET' && ahead && !hasBody(req) && req.headers.origin === undefined ? FRONT_PATH.exec(req.url ?? '') : null;
    if (!path) return throughExpress(req, res);
    const handOn = () => {
      (req as IncomingMessage & { [TRIED]?: true })[TRIED] = true;
      throughExpress(req, res);
    };
    front(req, res, path[1], ahead!).then((sent) => sent || handOn(), handOn);
  });
}

/** The headers set on a response so far, as [name, value, …] with their names as set (Node's getRawHeaderNames, missing from its types here). */
const headersSoFar = (res: ServerResponse) =>
  (res as ServerResponse & { getRawHeaderNames(): string[] })
    .getRawHeaderNames()
    .flatMap((name) => ([] as (string | number)[]).concat(res.getHeader(name)!).flatMap((v) => [name, String(v)]));

const hasBody = (req: IncomingMessage) => req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
