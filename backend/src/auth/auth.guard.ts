import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Admission, routeRules } from './admission';

/** The global gate: every Nest route is admitted by its rules (see Admission). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly admission: Admission,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const http = ctx.switchToHttp();
    await this.admission.admit(http.getRequest(), http.getResponse(), routeRules(this.reflector, ctx.getHandler(), ctx.getClass()));
    return true;
  }
}
