import { BadRequestException, ConflictException, ForbiddenException, HttpException } from '@nestjs/common';
import type { Checked } from '../domain/dossier/dossier.validation';
import { ErrorCode, fieldError, FieldError, INVALID_INPUT, OptionalParams } from '../domain/errors';

export { fieldError };
export type { FieldError };

/** The one shape of every 400: a summary and each offending field by path, with its code (domain/errors.ts). */
export function invalidInput(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: INVALID_INPUT, errors });
}

/** Every problem at once, each once, in the one 400 shape. */
export function assertValid(...found: FieldError[][]): void {
  const errors = found.flat().filter((e, i, all) => all.findIndex((f) => f.path === e.path && f.message === e.message) === i);
  if (errors.length > 0) throw invalidInput(errors);
}

/** The value of a part that passed (domain/dossier/dossier.validation.ts `validatePart`), else a 400 with every problem, these too. */
export function valid<T>(checked: Checked<T>, ...more: FieldError[][]): T {
  assertValid(checked.ok ? [] : checked.errors, ...more);
  return (checked as { value: T }).value;
}

/** A refusal the error catalogue names: its code and params, the message rendered from them ("English / 中文"). */
export interface Refused {
  code: ErrorCode;
  params?: FieldError['params'];
}

/** The body of a refusal other than a 400: status, code, params and the message rendered from them. */
export function refusalBody(status: number, { code, params = {} }: Refused) {
  return { statusCode: status, code, params, message: fieldError('$', code, params as never).message };
}

/** A 409 for a limit the record has reached (domain rules return it as a Refused). */
export const limitReached = (refused: Refused): HttpException => new ConflictException(refusalBody(409, refused));

/**
 * A refusal that is not about a field (403: not for this user; 409: not in this state), with a code of
 * the error catalogue and its params, so the UI renders it in Chinese: `{ statusCode, code, params, message }`.
 */
export function refused<C extends ErrorCode>(status: 403 | 409, code: C, ...[params]: OptionalParams<C>): HttpException {
  const body = refusalBody(status, { code, params });
  return status === 403 ? new ForbiddenException(body) : new ConflictException(body);
}
