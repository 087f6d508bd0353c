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

/** A 409 for a rule of the record's state that the catalogue names (a challenge period still running …). */
export const conflict = <C extends ErrorCode>(code: C, ...[params]: OptionalParams<C>): HttpException =>
  new ConflictException(refusalBody(409, { code, params: params as Refused['params'] }));

/** A 403 the catalogue names: the user may not do this here (no declaration yet, recused …). */
export const forbidden = <C extends ErrorCode>(code: C, ...[params]: OptionalParams<C>): HttpException =>
  new ForbiddenException(refusalBody(403, { code, params: params as Refused['params'] }));
