import { html } from '../html';
import { DEFAULT_PAGE } from '../next-page';
import { layout } from './layout';

/** The token form; `failed` after a wrong token; `next` is the page to return to. */
export function loginView(failed: boolean, next: string = DEFAULT_PAGE): string {
  return layout(
    'Log in',
    html`<p>Enter the auditor token to review the audit stream.</p>
      ${failed && html`<p class="errors" id="login-error">That token is not valid.</p>`}
      <form method="post" action="/ui/login" class="inline">
        <input type="hidden" name="next" value="${next}" />
        <label
          >Token <input type="password" name="token" id="token" autocomplete="off" required
        /></label>
        <button type="submit" id="login">Log in</button>
      </form>`,
    { nav: false },
  );
}
