// One store suite for both databases (ARCHITECTURE: contract suites take a factory). The test
// files own the store's life: the factory returns an open store, closed by the caller.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Big from 'big.js';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from './audit-repo.js';
import { databaseErrorCode, SqlState } from './errors.js';
import { migrationsFolder } from './open.js';
import { auditLog, fills, orders } from './schema/index.js';
import { executeRows, type Store } from './store.js';
import { storeJournalContract } from './store-contract-journal.js';
import { storeReposContract } from './store-contract-repos.js';

export type StoreFactory = () => Promise<Store>;

const SPEC_TABLES = [
  'alerts',
  'api_tokens',
  'audit_log',
  'candles',
  'demo_runs',
  'fills',
  'instrument_control',
  'job_runs',
  'llm_calls',
  'order_events',
  'orders',
  'outcomes',
  'portfolio_snapshots',
  'positions',
  'risk_state',
  'setups',
  'signals',
  'users',
];

export function storeContract(name: string, factory: StoreFactory): void {
  describe(name, () => {
    let store: Store;
    beforeAll(async () => {
      store = await factory();
      await store.migrate();
    });
    const getStore = () => store;

    it('creates every SPEC §12 table, and a second migrate is a no-op', async () => {
      const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
      const applied = () =>
        executeRows<{ n: number }>(store, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
      expect(await applied()).toEqual([{ n: journal.entries.length }]);
      await store.migrate();
      expect(await applied(), 'nothing re-applied').toEqual([{ n: journal.entries.length }]);
      const tables = await executeRows<{ table_name: string }>(
        store,
        sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.map((t) => t.table_name)).toEqual(SPEC_TABLES);
    });

    it('round-trips numeric values exactly, without padding', async () => {
      const values = [
        '0.1',
        '123456789.123456789012',
        '0.000000000001',
        '-0.000000000001234',
        '98765432109876543210.0123456789',
        '1e-12',
        '0',
      ];
      for (const [i, value] of values.entries()) {
        await store.db.insert(fills).values({
          broker: 'simulated',
          venueTradeId: `numeric-${i}`,
          symbol: 'EUR_USD',
          side: 'buy',
          qty: value,
          price: value,
          fee: value,
          at: 0,
        });
      }
      const rows = await store.db.select().from(fills).where(sql`${fills.venueTradeId} LIKE 'numeric-%'`);
      for (const [i, value] of values.entries()) {
        const row = rows.find((r) => r.venueTradeId === `numeric-${i}`)!;
        expect(new Big(row.price).eq(new Big(value)), `${value} read back as ${row.price}`).toBe(true);
        // Plain-notation inputs come back character for character: no numeric(p,s) padding.
        if (!value.includes('e')) expect(row.price).toBe(value);
      }
      expect(rows.find((r) => r.venueTradeId === 'numeric-5')!.qty).toBe('0.000000000001');
    });

    it('rolls a transaction back entirely when a later step fails', async () => {
      const before = await store.db.$count(auditLog);
      const failing = store.transaction(async (tx) => {
        await tx.db.insert(auditLog).values({ at: 1, actor: 'test', action: 'first.step' });
        // Second step violates a CHECK: the whole transaction must go.
        await tx.db.insert(orders).values(order('bad id with spaces'));
      });
      await expect(failing).rejects.toSatisfy((e) => databaseErrorCode(e) === SqlState.checkViolation);
      expect(await store.db.$count(auditLog), 'the first step was rolled back').toBe(before);

      const thrown = store.transaction(async (tx) => {
        await tx.db.insert(auditLog).values({ at: 1, actor: 'test', action: 'first.step' });
        throw new Error('boom');
      });
      await expect(thrown).rejects.toThrow('boom');
      expect(await store.db.$count(auditLog)).toBe(before);
      expect(await listAudit(store)).not.toContainEqual(expect.objectContaining({ action: 'first.step' }));
    });

    it('enforces unique client order ids of at most 30 characters from [A-Za-z0-9_-]', async () => {
      await store.db.insert(orders).values(order('sig42-A-entry'));
      const duplicate = store.db.insert(orders).values(order('sig42-A-entry'));
      await expect(duplicate).rejects.toSatisfy((e) => databaseErrorCode(e) === SqlState.uniqueViolation);
      await store.db.insert(orders).values(order('x'.repeat(30)));
      const tooLong = store.db.insert(orders).values(order('x'.repeat(31)));
      await expect(tooLong).rejects.toSatisfy((e) => databaseErrorCode(e) === SqlState.checkViolation);
      const badState = store.db.insert(orders).values({ ...order('bad-state'), state: 'OPEN' as 'FILLED' });
      await expect(badState).rejects.toSatisfy((e) => databaseErrorCode(e) === SqlState.checkViolation);
      const [stored] = await store.db.select().from(orders).where(eq(orders.clientOrderId, 'sig42-A-entry'));
      expect(stored).toMatchObject({
        state: 'INITIALIZED',
        filledQty: '0',
        qty: '0.015',
        createdAt: 1_700_000_000_123,
      });
    });

    it('de-duplicates fills by (broker, venue trade id)', async () => {
      const fill = {
        venueTradeId: 'T-1001',
        symbol: 'BTC/USDT',
        side: 'buy',
        qty: '0.5',
        price: '40000.1',
        at: 5,
      } as const;
      await store.db.insert(fills).values({ ...fill, broker: 'binance' } as const);
      await store.db.insert(fills).values({ ...fill, broker: 'oanda' } as const);
      const again = store.db.insert(fills).values({ ...fill, broker: 'binance' } as const);
      await expect(again).rejects.toSatisfy((e) => databaseErrorCode(e) === SqlState.uniqueViolation);
      const ignored = await store.db
        .insert(fills)
        .values({ ...fill, broker: 'binance' } as const)
        .onConflictDoNothing({ target: [fills.broker, fills.venueTradeId] })
        .returning();
      expect(ignored, 'the idiomatic de-duplicating insert').toEqual([]);
      expect(await store.db.$count(fills, eq(fills.venueTradeId, 'T-1001'))).toBe(2);
    });

    storeReposContract(getStore);
    storeJournalContract(getStore);
  });
}

function order(clientOrderId: string) {
  return {
    clientOrderId,
    broker: 'oanda',
    symbol: 'EUR_USD',
    side: 'buy',
    kind: 'market',
    intentKind: 'entry',
    ticket: 'A',
    qty: '0.015',
    createdAt: 1_700_000_000_123,
    updatedAt: 1_700_000_000_123,
  } as const;
}
