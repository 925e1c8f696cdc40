import { html } from '../html';

/** A from/to form that reloads `action` with the period. */
export const periodForm = (action: string, query: Record<string, string | undefined>) =>
  html`<form method="get" action="${action}" class="inline" id="period-form">
    <label>From (UTC)<input name="from" value="${query.from ?? ''}" /></label>
    <label>To (UTC)<input name="to" value="${query.to ?? ''}" /></label>
    <button type="submit">Show</button>
  </form>`;
