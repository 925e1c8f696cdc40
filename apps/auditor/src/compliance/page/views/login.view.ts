import { html } from '../html';
import { layout } from './layout';

/** The token form; `failed` after a wrong token. */
export function loginView(failed: boolean): string {
  return layout(
    'Log in',
    html`<p>Enter the auditor token to review the audit stream.</p>
      ${failed && html`<p class="errors" id="login-error">That token is not valid.</p>`}
      <form method="post" action="/ui/login" class="inline">
        <label
          >Token <input type="password" name="token" id="token" autocomplete="off" required
        /></label>
        <button type="submit" id="login">Log in</button>
      </form>`,
    { nav: false },
  );
}
