import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LoginRequiredError } from '../auth/session.guard';
import { loginPageFor } from './next-page';

/**
 * A page asked for without a session goes to the sign-in page (303), which comes back to it
 * afterwards; a form post without a session cannot be replayed, so it comes back to /ui.
 * The API answers 401 (its bearer guard), never a redirect.
 */
@Catch(LoginRequiredError)
export class LoginRequiredFilter implements ExceptionFilter {
  catch(_error: LoginRequiredError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const back = req.method === 'GET' || req.method === 'HEAD' ? req.originalUrl : '/ui';
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, loginPageFor(back));
  }
}
