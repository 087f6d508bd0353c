import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { fieldError, INVALID_INPUT } from '../domain/errors';

/**
 * Every 400 in one shape: a 400 raised outside our validation — in practice a body that is not JSON,
 * refused by the body parser, or a multipart body multer cannot read — gets `errors` too, naming the request body (`$`) as the culprit.
 */
@Catch(BadRequestException)
export class BadRequestFilter implements ExceptionFilter {
  catch(exception: BadRequestException, host: ArgumentsHost) {
    const body = exception.getResponse() as { errors?: unknown; message?: unknown } | string;
    const res = host.switchToHttp().getResponse<Response>();
    if (typeof body === 'object' && Array.isArray(body.errors)) return res.status(400).json(body);
    const detail =
      typeof body === 'string' ? body : Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? exception.message);
    return res.status(400).json({ statusCode: 400, message: INVALID_INPUT, errors: [fieldError('$', 'invalidBody', { detail })] });
  }
}
