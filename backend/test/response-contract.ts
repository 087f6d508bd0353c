import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { map, Observable } from 'rxjs';
import type { z } from 'zod';
import { ALSO_FILE, DOWNLOAD, RESPONSE_SCHEMA } from '../src/common/wire';
import { fieldErrors } from '../src/domain/validation';

/**
 * The tests hold every answer to the schema its route declares (`@Responds`, `@Downloads`): a JSON
 * answer must parse as that schema after going through JSON as the client gets it, a file must come
 * from a route that declares one. A mismatch fails the request with 500 and is kept in `drift`, which
 * the harness reports when the app closes, so an answer that drifts from its schema — and from the
 * types the UI reads from it — fails the suite that produced it.
 */
@Injectable()
export class ResponseContract implements NestInterceptor {
  readonly drift: string[] = [];

  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const declared = this.reflector.get<z.ZodType | typeof DOWNLOAD | undefined>(RESPONSE_SCHEMA, context.getHandler());
    const request = context.switchToHttp().getRequest<Request>();
    const route = `${request.method} ${request.route?.path ?? request.url}`;
    return next.handle().pipe(
      map((body: unknown) => {
        const problem = this.problem(declared, body, this.reflector.get<boolean | undefined>(ALSO_FILE, context.getHandler()) === true);
        if (problem) {
          this.drift.push(`${route}: ${problem}`);
          throw new Error(`response drifts from its schema: ${route}: ${problem}`);
        }
        return body;
      }),
    );
  }

  /**
   * An answer made for a route that Nest's interceptors do not see (a lean route, such as
   * evaluation/lean-results.ts), held to the schema its controller method declares: returned as it is,
   * or kept in `drift` and thrown.
   */
  held<T extends { value: unknown }>(route: string, handler: object, answer: T): T {
    const declared = this.reflector.get<z.ZodType | typeof DOWNLOAD | undefined>(RESPONSE_SCHEMA, handler as () => unknown);
    const problem = this.problem(declared, answer.value, false);
    if (!problem) return answer;
    this.drift.push(`${route}: ${problem}`);
    throw new Error(`response drifts from its schema: ${route}: ${problem}`);
  }

  private problem(declared: z.ZodType | typeof DOWNLOAD | undefined, body: unknown, alsoFile: boolean): string | undefined {
    if (declared === undefined) return 'the route declares no answer (@Responds or @Downloads)';
    if (body instanceof StreamableFile) return declared === DOWNLOAD || alsoFile ? undefined : 'a file from a route that declares JSON';
    if (declared === DOWNLOAD) return 'JSON from a route that declares a file';
    const parsed = declared.safeParse(JSON.parse(JSON.stringify(body ?? null)));
    if (parsed.success) return undefined;
    return fieldErrors(parsed.error.issues)
      .map((e) => `${e.path}: ${e.message}`)
      .join('; ');
  }
}
