import { BadRequestException, ConflictException } from '@nestjs/common';
import type { Checked } from '../domain/dossier/dossier.validation';
import { ErrorCode, fieldError, FieldError, INVALID_INPUT, OptionalParams, renderError } from '../domain/errors';

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

/** A 409 with its code of the catalogue (domain/errors.ts), so a screen renders it from code and params. */
export function conflict<C extends ErrorCode>(code: C, ...[params]: OptionalParams<C>): ConflictException {
  const given: Record<string, unknown> = params ?? {};
  return new ConflictException({
    statusCode: 409,
    code,
    params: given,
    message: `${renderError(code, given, 'zh')} / ${renderError(code, given, 'en')}`,
  });
}
