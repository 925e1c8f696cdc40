import type { ActivityReport } from '../../../reports/activity.service';
import { html, type SafeHtml } from '../../html';
import { chainGrowthChart } from './chain-growth.chart';
import { decisionsChart } from './decisions.chart';
import { reasonBarsChart } from './reason-bars.chart';

/**
 * The four charts of the integrity and events pages over one activity report, each with its
 * numbers beside it; an empty period says so instead of drawing empty axes.
 */
export function activityCharts(
  report: ActivityReport,
  scope: string,
  form: SafeHtml | string = '',
): SafeHtml {
  const per = report.bucket === 'day' ? 'per day' : 'per month';
  const period = `${report.from ?? 'the first event'} to ${report.to ?? 'now'}`;
  if (report.events === 0) {
    return html`<section id="activity-charts">
      <h2>Activity</h2>
      ${form}
      <p class="muted empty-state" id="activity-empty">No events ${scope} from ${period}.</p>
    </section>`;
  }
  const buckets = report.decisions.map((d) => d.bucket);
  return html`<section id="activity-charts">
    <h2>Activity</h2>
    ${form}
    <p class="muted">${report.events} event(s) ${scope} from ${period}.</p>
    ${decisionsChart('chart-decisions', `Decisions ${per} by outcome`, report.decisions)}
    ${reasonBarsChart(
      'chart-denials',
      'Denials by primary reason',
      report.denialsByPrimaryReason,
      'hatch',
    )}
    ${reasonBarsChart(
      'chart-withheld',
      'Withheld fields by reason',
      report.withheldFieldsByReason,
      'cross',
    )}
    ${chainGrowthChart(
      'chart-chain',
      `Chain length ${per}, by partition`,
      buckets,
      report.chainGrowth,
    )}
  </section>`;
}
