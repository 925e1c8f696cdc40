import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ONWARD_ENV } from '@app/runtime';
import type { Request, Response } from 'express';
import { AUDITOR_ACCESS_TOKEN } from '../../auditor.constants';
import type { AuditorEnv } from '../../config/auditor-env';
import type { AccessToken } from '../auth/access-token';
import { sessionCookie, sessionIdOf } from '../auth/session-cookie';
import { SessionStore } from '../auth/session.store';
import { validated } from '../query/validation.pipe';
import { LoginForm, LoginPageQuery } from './login.dto';
import { sendPage } from './page-response';
import { isCrossOrigin } from './same-origin';
import { loginView } from './views/login.view';

/** Log in with the token (a form post), log out. */
@Controller('ui')
export class LoginController {
  constructor(
    @Inject(AUDITOR_ACCESS_TOKEN) private readonly token: AccessToken,
    @Inject(ONWARD_ENV) private readonly env: AuditorEnv,
    private readonly sessions: SessionStore,
  ) {}

  @Get('login')
  form(@Query(validated) query: LoginPageQuery, @Res() res: Response): void {
    sendPage(res, 200, loginView(false, query.next));
  }

  @Post('login')
  login(@Body(validated) form: LoginForm, @Req() req: Request, @Res() res: Response): void {
    if (isCrossOrigin(req)) return sendPage(res, 403, 'cross-origin form refused');
    if (!this.token.matches(form.token?.trim())) {
      sendPage(res, 401, loginView(true, form.next));
      return;
    }
    res.setHeader(
      'Set-Cookie',
      sessionCookie(this.sessions.open(), this.env.AUDITOR_COOKIE_SECURE),
    );
    res.redirect(303, form.next);
  }

  @Post('logout')
  logout(@Req() req: Request, @Res() res: Response): void {
    if (isCrossOrigin(req)) return sendPage(res, 403, 'cross-origin form refused');
    this.sessions.close(sessionIdOf(req));
    res.setHeader('Set-Cookie', sessionCookie(null, this.env.AUDITOR_COOKIE_SECURE));
    res.redirect(303, '/ui/login');
  }
}
