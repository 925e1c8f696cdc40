import { Injectable } from '@nestjs/common';
import { parseActivityQuery } from '../query/activity-query';
import type { RawQuery } from '../query/query-params';
import { ActivityService } from '../reports/activity.service';
import { html, type SafeHtml } from './html';
import { stringQuery } from './page-response';
import { activityCharts } from './views/charts/activity-charts.view';
import { errorList } from './views/layout';
import { periodForm } from './views/period-form';

/** The charts section of a page, for its query; a bad period shows its errors instead. */
@Injectable()
export class ActivityCharts {
  constructor(private readonly activity: ActivityService) {}

  /**
   * `formAction`: where the section's own period form goes (null when the page's form already
   * has `from` and `to`); `scope` words which events are counted.
   */
  async section(
    query: RawQuery,
    formAction: string | null,
    scope: string,
  ): Promise<{ status: number; html: SafeHtml }> {
    const parsed = parseActivityQuery({ ...query, cursor: undefined, limit: undefined });
    const form = formAction === null ? '' : periodForm(formAction, stringQuery(query));
    if (!parsed.ok) {
      return {
        status: 400,
        html: html`<h2>Activity</h2>
          ${form}${errorList(parsed.errors)}`,
      };
    }
    const report = await this.activity.report(parsed.value);
    return { status: 200, html: activityCharts(report, scope, form) };
  }
}
