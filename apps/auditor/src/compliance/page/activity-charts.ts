import { Injectable } from '@nestjs/common';
import { activityFilterOf } from '../query/activity-filter';
import type { EventFilterQuery } from '../query/event-search.dto';
import { ActivityService } from '../reports/activity.service';
import { html, type SafeHtml } from './html';
import type { PageQuery } from './page-query.pipe';
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
    query: PageQuery<EventFilterQuery>,
    formAction: string | null,
    scope: string,
  ): Promise<{ status: number; html: SafeHtml }> {
    const form = formAction === null ? '' : periodForm(formAction, query.form);
    if (query.value === null) {
      return {
        status: 400,
        html: html`<h2>Activity</h2>
          ${form}${errorList(query.errors)}`,
      };
    }
    const report = await this.activity.report(activityFilterOf(query.value));
    return { status: 200, html: activityCharts(report, scope, form) };
  }
}
