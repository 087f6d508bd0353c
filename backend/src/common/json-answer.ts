import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
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

/** The Content-Type of every JSON answer. */
export const JSON_TYPE = 'application/json; charset=utf-8';

const NO_CACHE = /(?:^|,)\s*no-cache\s*(?:,|$)/;

/**
 * Whether a GET already holds these bytes: its If-None-Match names the ETag (or `*`), and it does not
 * ask for the body anyway with `Cache-Control: no-cache` — the rule of express's `req.fresh` (the
 * `fresh` package) for an answer with a strong ETag and no Last-Modified.
 */
export function holdsAnswer(headers: IncomingHttpHeaders, answer: JsonAnswer): boolean {
  const tags = headers['if-none-match'];
  if (!tags || NO_CACHE.test(headers['cache-control'] ?? '')) return false;
  if (tags.trim() === '*') return true;
  return tags.split(',').some((tag) => {
    const t = tag.trim();
    return t === answer.etag || t === `W/${answer.etag}`;
  });
}

/**
 * Sends a serialised answer: 304 without a body to a client that already holds these bytes
 * (holdsAnswer), else 200. The headers set earlier by middleware (helmet, caching policy) stay as they are.
 */
export function sendJson(req: Request, res: Response, answer: JsonAnswer): void {
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('ETag', answer.etag);
  if (holdsAnswer(req.headers, answer)) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Length', answer.body.length);
  res.end(answer.body);
}
