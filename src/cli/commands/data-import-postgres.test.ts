import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { cleanEnv } from '../../test-support/cli.js';
import { ALL_FILES, importTwice } from '../../test-support/import-twice.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/postgres.js';
import { describeWithService } from '../../test-support/services.js';

describeWithService('TEST_DATABASE_URL', 'divbot data import on PostgreSQL', (adminUrl) => {
  let db: TestDatabase;
  const cwd = mkdtempSync(join(tmpdir(), 'divbot-data-pg-'));
  beforeAll(async () => {
    db = await createTestDatabase(adminUrl);
  });
  afterAll(async () => {
    await db?.drop();
  });
  importTwice(
    () => cleanEnv({ DATABASE_URL: db.url, VAR_DIR: join(cwd, 'var') }),
    () => cwd,
    ALL_FILES,
  );
});
