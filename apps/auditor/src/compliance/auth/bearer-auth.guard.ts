import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { AUDITOR_ACCESS_TOKEN } from '../../auditor.constants';
import type { AccessToken } from './access-token';

/** Lets a request of the compliance API through only with `Authorization: Bearer <token>`. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(@Inject(AUDITOR_ACCESS_TOKEN) private readonly token: AccessToken) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const header = http.getRequest<Request>().headers.authorization;
    const match = typeof header === 'string' ? /^Bearer +(\S+) *$/i.exec(header) : null;
    if (this.token.matches(match?.[1])) return true;
    http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="onward-auditor"');
    throw new UnauthorizedException();
  }
}
