import { ArgumentsHost, BadRequestException, Catch, HttpException, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { fieldError, INVALID_INPUT } from '../domain/errors';

/**
 * Every 400 in one shape: a 400 raised outside our validation — in practice a body that is not JSON,
 * refused by the body parser, or a multipart body multer cannot read — gets `errors` too, naming the request body (`$`) as the culprit.
 * A 400 thrown while the body is read (bootstrap.ts refuses deep JSON there) reaches this filter wrapped by
 * the HTTP adapter: its cause keeps the errors. Any other status is answered as Nest answers it.
 */
@Catch(HttpException)
export class BadRequestFilter extends BaseExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost) {
    if (exception.getStatus() !== HttpStatus.BAD_REQUEST) return super.catch(exception, host);
    const thrown = exception.cause instanceof BadRequestException ? exception.cause : exception;
    const body = thrown.getResponse() as { errors?: unknown; message?: unknown } | string;
    const res = host.switchToHttp().getResponse<Response>();
    if (typeof body === 'object' && Array.isArray(body.errors)) return res.status(400).json(body);
    const detail =
      typeof body === 'string' ? body : Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? exception.message);
    return res.status(400).json({ statusCode: 400, message: INVALID_INPUT, errors: [fieldError('$', 'invalidBody', { detail })] });
  }
}
