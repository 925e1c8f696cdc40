import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { LoginRequiredError } from '../auth/session.guard';
import { sendPage } from './page-response';
import { loginView } from './views/login.view';

/** A page asked for without a session: 401 with the login form, not an error page. */
@Catch(LoginRequiredError)
export class LoginRequiredFilter implements ExceptionFilter {
  catch(_error: LoginRequiredError, host: ArgumentsHost): void {
    sendPage(host.switchToHttp().getResponse<Response>(), 401, loginView(false));
  }
}
