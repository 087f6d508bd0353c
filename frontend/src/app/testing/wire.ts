import type { z } from 'zod';
import { ProblemSchema } from '@domain/wire/common';

/**
 * A fixture as the API answers it: parsed by the route's response schema (domain/wire, the one the
 * backend's tests hold every answer to), so a fixture that no longer matches the answer — a field
 * renamed, added or loosened — fails the frontend test that uses it, not only the type check.
 */
export function answer<S extends z.ZodType>(schema: S, body: z.input<S>): z.output<S> {
  return schema.parse(body);
}

/** A 401, 403, 404, 409 or 503 body as the API sends it (domain/wire/common ProblemSchema). */
export const problem = (statusCode: number, message: string) => answer(ProblemSchema, { statusCode, message });

/** A request body the UI sent, read by the route's request schema as the server reads it: a body the API would refuse fails the test. */
export function sent<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return schema.parse(body);
}
