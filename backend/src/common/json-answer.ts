import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/** A JSON answer serialised once and sent many times, with an ETag naming its exact bytes. */
export interface JsonAnswer {
  body: Buffer;
  etag: string;
  /** What was serialised (kept, not re-read from the bytes). */
  value: unknown;
}

/** The bytes Nest's own JSON response would carry (JSON.stringify), hashed once for the ETag. */
export function jsonAnswer(value: unknown): JsonAnswer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, value };
}

/**
 * Sends a serialised answer: 304 without a body to a client whose If-None-Match already names these
 * bytes (express's `req.fresh`, which also honours a request's `Cache-Control: no-cache`), else 200.
 * The headers set earlier by middleware (helmet, caching policy) stay as they are.
 */
export function sendJson(req: Request, res: Response, answer: JsonAnswer): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('ETag', answer.etag);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Length', answer.body.length);
  res.end(answer.body);
}
