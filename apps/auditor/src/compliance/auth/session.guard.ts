import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { sessionIdOf } from './session-cookie';
import { SessionStore } from './session.store';
import { OnwardError } from '@app/runtime';

/** Thrown when a page is asked for without a live session; rendered as the login page. */
export class LoginRequiredError extends OnwardError {
  override readonly name = 'LoginRequiredError';
}

/** Lets a page request through only with a live session cookie. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly sessions: SessionStore) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.sessions.isValid(sessionIdOf(context.switchToHttp().getRequest<Request>()))) {
      return true;
    }
    throw new LoginRequiredError();
  }
}
