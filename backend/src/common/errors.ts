import { BadRequestException, ValidationError } from '@nestjs/common';

export interface FieldError {
  path: string;
  message: string;
}

/** The one shape of every 400: a summary and each offending field by path. */
export function invalidInput(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: '输入有误 / invalid input', errors });
}

/** Flatten class-validator's nested errors into `a.b[2].c` paths. */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const all = errors.flatMap((e): FieldError[] => {
    const path = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...fieldErrors(e.children ?? [], path)];
  });
  // Two validators failing with the same message on one field say it once.
  return all.filter((f, i) => all.findIndex((g) => g.path === f.path && g.message === f.message) === i);
}
