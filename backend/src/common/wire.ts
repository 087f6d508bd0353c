import { applyDecorators, ArgumentMetadata, BadRequestException, SetMetadata, StandardSchemaValidationPipe } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiResponse } from '@nestjs/swagger';
import { toJSONSchema, type z } from 'zod';
import { fieldErrors } from '../domain/validation';
import { InvalidInputSchema, ProblemSchema } from '../domain/wire/common';
import { FieldError, invalidInput } from './errors';

/**
 * How a route states its answer: `@Responds(status, schema)` for JSON — the OpenAPI document shows the
 * schema, and the API's tests hold every answer to it (backend/test/response-contract.ts) — or
 * `@Downloads(type)` for a file. Every route says one or the other.
 */
export const RESPONSE_SCHEMA = 'hcprocure:response-schema';
export const DOWNLOAD = 'download';
/** Set on a route whose JSON answer (`@Responds`) may also be a file: see DownloadsWhenReady. */
export const ALSO_FILE = 'hcprocure:also-file';

const ERRORS = [
  { status: 400, description: '输入有误 / invalid input', schema: InvalidInputSchema },
  { status: 403, description: '无权访问 / not for this role', schema: ProblemSchema },
  { status: 404, description: '不存在 / not found', schema: ProblemSchema },
  { status: 409, description: '当前状态不允许 / not in this state', schema: ProblemSchema },
];
/** Errors answer JSON, also on a route that answers a file. */
const errors = ERRORS.map(({ status, description, schema }) =>
  ApiResponse({
    status,
    description,
    content: { 'application/json': { schema: toJSONSchema(schema, { target: 'openapi-3.0' }) as object } },
  }),
);

export const Responds = (
  status: 200 | 201 | 202,
  schema: z.ZodType,
  description = status === 201 ? 'created' : status === 202 ? 'accepted: under way' : 'OK',
) => applyDecorators(SetMetadata(RESPONSE_SCHEMA, schema), ApiResponse({ status, description, standardSchema: schema }), ...errors);

export const Downloads = (type: string) =>
  applyDecorators(
    SetMetadata(RESPONSE_SCHEMA, DOWNLOAD),
    ApiResponse({ status: 200, description: 'the file', content: { [type]: { schema: { type: 'string', format: 'binary' } } } }),
    ...errors,
  );

/**
 * A file printed in the background: the file (200) once it is stored, `pending` (202, JSON) while it is
 * being printed — the client asks again (see DocumentsService.startGeneration).
 */
export const DownloadsWhenReady = (type: string, pending: z.ZodType) =>
  applyDecorators(
    SetMetadata(RESPONSE_SCHEMA, pending),
    SetMetadata(ALSO_FILE, true),
    ApiResponse({ status: 200, description: 'the file', content: { [type]: { schema: { type: 'string', format: 'binary' } } } }),
    ApiResponse({ status: 202, description: 'being printed: ask again', standardSchema: pending }),
    ...errors,
  );

const FILE = { type: 'string', format: 'binary' };

/** A multipart body with only its `file` (the route takes no other field). */
export const Multipart = () =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: FILE } } } as Parameters<typeof ApiBody>[0]),
  );

/**
 * The fields of a multipart body, checked by `schema`; the OpenAPI document shows them with the `file`
 * beside them (the upload interceptor takes the file, the pipe the fields).
 */
export function withFile<S extends z.ZodType>(schema: S) {
  const standard = schema['~standard'];
  const described = (converter: typeof standard.jsonSchema.input) => (options: Parameters<typeof converter>[0]) => {
    const fields = converter(options) as { properties?: object; required?: string[] };
    return { ...fields, properties: { file: FILE, ...fields.properties }, required: ['file', ...(fields.required ?? [])] };
  };
  return {
    '~standard': {
      ...standard,
      jsonSchema: { input: described(standard.jsonSchema.input), output: described(standard.jsonSchema.output) },
    },
  };
}

declare const unchecked: unique symbol;
/** A body the pipe left for the service to check: read it only through `validatePart`, which gives the checked value. */
export type Unchecked<T> = { readonly [unchecked]: T };

/**
 * The body of a route that sets a tender up (a tender, a lot, a scheme, a bidder, a bid and the
 * changes of a tender, a lot and a bid's review). Its rules reach the tender's stored parts — a lot's
 * scheme must exist, a scheme's price criterion carries the tender's price weight, a change is checked
 * as it would leave the stored part — so the service checks it, with the same schema, against those
 * parts inside its transaction, and one 400 names every problem of the body, its form and its
 * references alike, as an import does. The pipe passes the body on untouched; the OpenAPI document
 * shows `schema`.
 */
export function checkedInService<S extends z.ZodType>(schema: S) {
  return {
    '~standard': {
      version: 1 as const,
      vendor: 'hcprocure',
      validate: (value: unknown) => ({ value: value as Unchecked<z.output<S>> }),
      jsonSchema: schema['~standard'].jsonSchema,
    },
  };
}

/**
 * Every body, query and path parameter that names a schema is checked by it, and a 400 names each
 * offending field with its code (domain/errors.ts). Parameters without a schema (the signed-in user)
 * pass as they are.
 */
class SchemaValidationPipe extends StandardSchemaValidationPipe {
  constructor() {
    super({ exceptionFactory: (issues) => invalidInput(fieldErrors(issues as Parameters<typeof fieldErrors>[0])) });
  }

  /** A single named parameter's errors are named by it: `?version=abc` is refused at `version`, `/tenders/x` at `id`. */
  override async transform<T>(value: T, metadata: ArgumentMetadata): Promise<T> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      const name = metadata.data;
      if (typeof name !== 'string' || !(error instanceof BadRequestException)) throw error;
      const { errors } = error.getResponse() as { errors: FieldError[] };
      throw invalidInput(
        errors.map((e) => ({ ...e, path: e.path === '$' ? name : e.path.startsWith('[') ? name + e.path : `${name}.${e.path}` })),
      );
    }
  }
}

export const schemaValidation = () => new SchemaValidationPipe();
