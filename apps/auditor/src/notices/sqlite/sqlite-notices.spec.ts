// The notice store contract on SQLite (in memory); PostgreSQL runs it in postgres-store.int-spec.
import { describeNoticeStoreContract } from '../../../../../test/support/auditor/notice-store-contract';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store';

describeNoticeStoreContract('SQLite', async () => openSqliteStore(':memory:'));
