import { html, type SafeHtml } from '../html';

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d2430; }
header { background: #1d2430; color: #fff; padding: .6rem 1.2rem; display: flex; gap: 1.5rem;
  align-items: center; }
header a { color: #fff; text-decoration: none; }
header form { margin-left: auto; }
main { padding: 1rem 1.2rem; max-width: 1200px; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1.2rem; }
th, td { border-bottom: 1px solid #dde2ea; padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f3f5f8; }
form.inline { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: .4rem 0; }
label { display: flex; flex-direction: column; font-size: 12px; color: #556; }
input, select, button { font: inherit; padding: .25rem .4rem; }
.status { display: inline-block; min-width: 4.5rem; text-align: center; border-radius: 3px;
  color: #fff; font-weight: 600; padding: .1rem .4rem; }
.status-green { background: #1f7a3a; }
.status-red { background: #b3261e; }
.errors { color: #b3261e; }
.muted { color: #667; }
code { font-size: 12px; }
.chart { margin: 1rem 0 1.6rem; }
.chart h3 { margin: 0 0 .4rem; font-size: 15px; }
.chart-body { display: flex; flex-wrap: wrap; gap: 1.2rem; align-items: flex-start; }
.chart-body svg { flex: 0 0 auto; max-width: 100%; height: auto; }
table.chart-numbers { width: auto; margin: 0; font-size: 12px; }
.diagram { overflow-x: auto; }
.diagram svg { max-width: none; }
ul.cell-list { margin: 0; padding-left: 1rem; }
`;

/** The page frame: header with navigation, the content, no scripts at all. */
export function layout(title: string, content: SafeHtml, options: { nav?: boolean } = {}): string {
  const nav = options.nav ?? true;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title} · Onward auditor</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <header>
          <strong>Onward auditor</strong>
          ${
            nav &&
            html`<a href="/ui">Integrity</a><a href="/ui/events">Events</a>
              <a href="/ui/disclosures">Disclosures</a
              ><a href="/ui/shine-the-light">Shine the Light</a>
              <a href="/ui/recipients">Recipients</a>
              <a href="/ui/processing-record">Records of processing</a
              ><a href="/ui/data-map">Data map</a>
              <a href="/ui/notices">Notices</a>
              <form method="post" action="/ui/logout"><button type="submit">Log out</button></form>`
          }
        </header>
        <main>
          <h1>${title}</h1>
          ${content}
        </main>
      </body>
    </html>`.text;
}

/** A list of query errors, if any. */
export function errorList(errors: readonly string[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<ul class="errors">
    ${errors.map((e) => html`<li>${e}</li>`)}
  </ul>`;
}
