// The store contract on a real PostgreSQL (TEST_DATABASE_URL), in a database of its own.
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/postgres.js';
import { describeWithService } from '../test-support/services.js';
import { acquireInstanceLock } from './lock.js';
import { openStore } from './open.js';
import type { Store } from './store.js';
import { storeContract } from './store-contract.js';

describeWithService('TEST_DATABASE_URL', 'store on PostgreSQL', (adminUrl) => {
  let database: Promise<TestDatabase> | undefined;
  const stores: Store[] = [];
  const newStore = async () => {
    database ??= createTestDatabase(adminUrl);
    const store = await openStore({ databaseUrl: (await database).url, dataDir: 'unused' });
    stores.push(store);
    return store;
  };
  let first: Promise<Store> | undefined;
  const getStore = () => {
    first ??= newStore();
    return first;
  };

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await (await database)?.drop();
  });

  storeContract('contract', getStore);

  describe('instance lock', () => {
    it('refuses a second instance on the same account, naming the holder, until released', async () => {
      const a = await getStore();
      const b = await newStore();
      const lock = await acquireInstanceLock(a, { accountKey: 'live:oanda:001' });
      const refused = acquireInstanceLock(b, { accountKey: 'live:oanda:001' });
      await expect(refused).rejects.toThrow(
        /another divbot instance holds the lock for account "live:oanda:001"/,
      );
      await expect(acquireInstanceLock(b, { accountKey: 'live:oanda:001' })).rejects.toThrow(
        new RegExp(
          `on postgresql://.*/divbot_test_.* \\(held by divbot pid=${process.pid} .*stop the other instance`,
        ),
      );
      const other = await acquireInstanceLock(b, { accountKey: 'live:ig:XYZ' });
      await other.release();
      await lock.release();
      await lock.release(); // idempotent
      const taken = await acquireInstanceLock(b, { accountKey: 'live:oanda:001' });
      expect(taken.description).toMatch(
        /^advisory lock -?\d+ for account "live:oanda:001" on postgresql:\/\//,
      );
      await taken.release();
    });

    it('reports a lost lock connection', async () => {
      const a = await getStore();
      const lost: Error[] = [];
      const lock = await acquireInstanceLock(a, { accountKey: 'lost', onLost: (e) => lost.push(e) });
      await a.db.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'divbot pid=%' AND datname = current_database() AND pid <> pg_backend_pid()",
      );
      await expect.poll(() => lost.length, { timeout: 5_000 }).toBeGreaterThan(0);
      await lock.release();
    });
  });
});
