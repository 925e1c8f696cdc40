import { describeAtAGlance } from '../../../../../test/support/auditor/glance-suite';
import { openSqliteStore } from '../../store/sqlite/open-sqlite-store';

describeAtAGlance('SQLite', async () => openSqliteStore(':memory:'));
