import { ERRORS, type ErrorCode } from '../errors';
import { failure, id, integer, integerText, issue, on, oneOf, z } from '../validation';

/**
 * What every endpoint shares: ids in paths, the optimistic-lock version, the error bodies, and the forms
 * values take in answers. Request schemas check and convert what arrives (`?year=2024` becomes a
 * number); response schemas say exactly what leaves, and the API's tests hold every JSON answer to them.
 */

/** `:id` and the other numeric path parameters. */
export const IdSchema = id();

/** The version last read: an edit based on an older one is refused with 409. */
export const version = () => integer(1).meta({ description: 'the version last read; a stale one is refused with 409' });

/** An object in an answer: exactly these fields, so a field added without its schema fails the tests. */
export const reply = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape);

/** A moment as JSON writes a Date: `2026-03-01T02:00:00.000Z`. */
export const instant = () => z.iso.datetime();
/** A calendar day, `2026-03-01`. */
export const calendarDay = () => z.iso.date();
/** An amount or a score in an answer: a decimal string. */
export const decimalText = () => z.string().regex(/^-?\d+(\.\d+)?$/);

export const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

/** One offending field of a 400 (domain/errors.ts). */
export const FieldErrorSchema = reply({
  path: z.string().meta({ description: '`lots[1].maxUnitPrice`; `$` is the whole body' }),
  code: z.enum(ERROR_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
  message: z.string().meta({ description: 'English / 中文, rendered from code and params' }),
});

/** Every 400: a summary and each offending field. */
export const InvalidInputSchema = reply({
  statusCode: z.literal(400),
  message: z.string(),
  errors: z.array(FieldErrorSchema),
});

/**
 * 401, 403, 404, 409, 429, 503: a status and a message ("中文 / English"); a refusal the error catalogue
 * names also carries its code and params (a 409 for a limit reached, the 429 of the write rate limit).
 */
export const ProblemSchema = z.object({
  statusCode: z.number().int(),
  message: z.string(),
  error: z.string().optional(),
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])).optional(),
});

/**
 * What a client sends to a body schema. A body's schema first refuses input nested too deep (`shallow`),
 * which takes anything; what a client may send is what the schema inside takes.
 */
export type Sent<T extends z.ZodType> = T extends z.ZodPipe<infer _In, infer Inner> ? z.input<Inner> : z.input<T>;

export type InvalidInput = z.output<typeof InvalidInputSchema>;
export type FieldErrorBody = z.output<typeof FieldErrorSchema>;

/** A multipart field holding JSON, read as what it holds. */
export const jsonField = <T extends z.ZodType>(schema: T) =>
  z
    .string(on('string'))
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        ctx.addIssue(issue(failure('invalidJson', { detail: (error as Error).message })));
        return z.NEVER;
      }
    })
    .pipe(schema);

/** The header that carries a paged list's total (the body stays the page's array). */
export const TOTAL_HEADER = 'X-Total-Count';

/**
 * A page of a list (`?page=2&pageSize=20&sort=code&order=desc`): the body is the page's rows and
 * the `X-Total-Count` header the number of rows the filters match. Without `page`, the whole list.
 */
export const pageQuery = <const K extends readonly [string, ...string[]]>(sortKeys: K) => ({
  page: integerText(1).optional(),
  pageSize: integerText(1, 100).optional().meta({ description: 'rows per page, at most 100 (default 20)' }),
  sort: oneOf(sortKeys).optional(),
  order: oneOf(['asc', 'desc'] as const).optional(),
});

/**
 * A list's query as a client builds it: what the server reads (numbers, not their digits). Without
 * `page` the server answers the whole list, as callers that show every row expect.
 */
export type ListQuery<S extends z.ZodType> = Partial<z.output<S>>;

/** skip/take of a page; nothing to skip or take without `page`. */
export const pageWindow = (q: { page?: number; pageSize?: number }): { skip?: number; take?: number } =>
  q.page === undefined ? {} : { skip: (q.page - 1) * (q.pageSize ?? 20), take: q.pageSize ?? 20 };
