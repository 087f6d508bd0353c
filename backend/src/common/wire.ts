import { applyDecorators, SetMetadata, StandardSchemaValidationPipe } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProduces, ApiResponse } from '@nestjs/swagger';
import { toJSONSchema, type z } from 'zod';
import { fieldErrors } from '../domain/validation';
import { InvalidInputSchema, ProblemSchema } from '../domain/wire/common';
import { invalidInput } from './errors';

/**
 * How a route states its answer: `@Responds(status, schema)` for JSON — the OpenAPI document shows the
 * schema, and the API's tests hold every answer to it (backend/test/response-contract.ts) — or
 * `@Downloads(type)` for a file. Every route says one or the other.
 */
export const RESPONSE_SCHEMA = 'hcprocure:response-schema';
export const DOWNLOAD = 'download';

const errors = [
  ApiResponse({ status: 400, description: '输入有误 / invalid input', standardSchema: InvalidInputSchema }),
  ApiResponse({ status: 403, description: '无权访问 / not for this role', standardSchema: ProblemSchema }),
  ApiResponse({ status: 404, description: '不存在 / not found', standardSchema: ProblemSchema }),
  ApiResponse({ status: 409, description: '当前状态不允许 / not in this state', standardSchema: ProblemSchema }),
];

export const Responds = (status: 200 | 201, schema: z.ZodType, description = status === 201 ? 'created' : 'OK') =>
  applyDecorators(SetMetadata(RESPONSE_SCHEMA, schema), ApiResponse({ status, description, standardSchema: schema }), ...errors);

export const Downloads = (type: string) =>
  applyDecorators(
    SetMetadata(RESPONSE_SCHEMA, DOWNLOAD),
    ApiProduces(type),
    ApiResponse({ status: 200, description: 'the file', content: { [type]: { schema: { type: 'string', format: 'binary' } } } }),
    ...errors,
  );

/** A multipart body: the `file`, and the fields of `fields` beside it (checked by the same schema as `@Body`). */
export const Multipart = (fields?: z.ZodObject) => {
  const described =
    fields && (toJSONSchema(fields, { io: 'input', target: 'openapi-3.0' }) as { properties?: object; required?: string[] });
  const schema = {
    type: 'object',
    required: ['file', ...(described?.required ?? [])],
    properties: { file: { type: 'string', format: 'binary' }, ...described?.properties },
  };
  return applyDecorators(ApiConsumes('multipart/form-data'), ApiBody({ schema } as Parameters<typeof ApiBody>[0]));
};

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
export const schemaValidation = () =>
  new StandardSchemaValidationPipe({
    exceptionFactory: (issues) => invalidInput(fieldErrors(issues as Parameters<typeof fieldErrors>[0])),
  });
