// What compliance sees at a glance (records of processing, data map, charts): its controllers
// and services, registered by the auditor module as one group.
import { ProcessingReportsController } from './api/processing-reports.controller';
import { ActivityCharts } from './page/activity-charts';
import { ProcessingPageController } from './page/processing-page.controller';
import { ActivityService } from './reports/activity.service';
import { DataMapService } from './reports/data-map.service';
import { ProcessingRecordService } from './reports/processing-record.service';

/** The controllers of the record of processing, the data map and the activity charts. */
export const AT_A_GLANCE_CONTROLLERS = [ProcessingReportsController, ProcessingPageController];
/** Their services. */
export const AT_A_GLANCE_PROVIDERS = [
  ProcessingRecordService,
  DataMapService,
  ActivityService,
  ActivityCharts,
];
