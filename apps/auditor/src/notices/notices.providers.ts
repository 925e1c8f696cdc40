/** What the notices feature adds to the auditor module (issue 14). */
import type { Provider, Type } from '@nestjs/common';
import { AUDIT_STORE, type AuditStore } from '../store/audit-store';
import { NoticeAckService } from './notice-ack.service';
import { NoticeAckStatus } from './notice-ack-status';
import { NOTICE_REPOSITORY } from './notice.types';
import { NoticesController } from './notices.controller';
import { NoticesReportService } from './notices-report.service';
import { NoticesPageController } from './page/notices-page.controller';

/** The notices API and page. */
export const NOTICE_CONTROLLERS: Type[] = [NoticesController, NoticesPageController];

/** The notice repository of the store, the acknowledgements reader and the reports. */
export const NOTICE_PROVIDERS: Provider[] = [
  { provide: NOTICE_REPOSITORY, inject: [AUDIT_STORE], useFactory: (s: AuditStore) => s.notices },
  { provide: NoticeAckStatus, useValue: new NoticeAckStatus() },
  NoticeAckService,
  NoticesReportService,
];
