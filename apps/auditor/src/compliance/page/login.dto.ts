import { type ParamRule, Parsed, text } from '../query/param-rules';
import { DEFAULT_PAGE, safeNextPage } from './next-page';

/** The page to return to after signing in: one of ours, else the default (never refused). */
const nextPage: ParamRule<string> = {
  name: 'nextPage',
  message: 'must be a page of this site',
  parse: safeNextPage,
};

/** `GET /ui/login?next=`: the sign-in form, and where it goes back to. */
export class LoginPageQuery {
  @Parsed(nextPage) next: string = DEFAULT_PAGE;
}

/** `POST /ui/login`: the token typed in, and the page to go back to. */
export class LoginForm {
  @Parsed(text(1024)) token?: string;
  @Parsed(nextPage) next: string = DEFAULT_PAGE;
}
