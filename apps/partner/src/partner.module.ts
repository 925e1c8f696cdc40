import { parseSubjectNotice, shareTopicFor } from '@app/contracts';
import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { PartnerEnv } from './config/partner-env';
import { NoticeService } from './notices/notice.service';
import type { NoticeParser } from './notices/subject-notice';
import { PARTNER_ENV, PARTNER_LOGGER, PARTNER_NOTICE_PARSER } from './partner.constants';
import { ShareInboxService } from './shares/share-inbox.service';
import { sharesControllerFor } from './shares/shares.controller';
import { ShareStore } from './store/share-store';

/** Closes the store when the app stops. */
class StoreCloser implements OnApplicationShutdown {
  constructor(private readonly store: ShareStore) {}
  onApplicationShutdown(): void {
    this.store.close();
  }
}

/** The partner reference integration: one handler for its share topic, a store, notices. */
@Module({})
export class PartnerModule {
  static forRoot(
    env: PartnerEnv,
    logger: Logger,
    noticeParser: NoticeParser = (value) => parseSubjectNotice(value),
  ): DynamicModule {
    const topic = shareTopicFor(env.ONWARD_TOPIC_PREFIX, env.PARTNER_RECIPIENT_ID);
    return {
      module: PartnerModule,
      controllers: [sharesControllerFor(env, topic)],
      providers: [
        { provide: PARTNER_ENV, useValue: env },
        { provide: PARTNER_LOGGER, useValue: logger },
        { provide: PARTNER_NOTICE_PARSER, useValue: noticeParser },
        { provide: ShareStore, useFactory: () => new ShareStore(env.PARTNER_DB_PATH) },
        {
          provide: StoreCloser,
          useFactory: (s: ShareStore) => new StoreCloser(s),
          inject: [ShareStore],
        },
        NoticeService,
        ShareInboxService,
      ],
    };
  }
}
