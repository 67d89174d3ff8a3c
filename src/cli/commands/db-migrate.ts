import { sql } from 'drizzle-orm';
import { executeRows, type Session } from '../../store/index.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';
import { emit } from '../output.js';
import { withCliStore } from '../store-access.js';

export async function dbMigrateCommand(opts: { demo?: boolean; json?: boolean }, globals: GlobalOptions) {
  const config = loadCliConfig(globals);
  const result = await withCliStore(config, { demo: opts.demo === true, write: true }, async (store) => {
    const before = await appliedCount(store);
    await store.migrate();
    const after = await appliedCount(store);
    return { database: store.description, applied: after - before, total: after };
  });
  await emit(
    result,
    () =>
      result.applied === 0
        ? `${result.database}: up to date (${result.total} migrations applied)`
        : `${result.database}: applied ${result.applied} migration(s), ${result.total} in all`,
    { json: opts.json === true },
  );
}

// drizzle records applied migrations in drizzle.__drizzle_migrations; before the first run it
// does not exist yet.
async function appliedCount(session: Session): Promise<number> {
  const [exists] = await executeRows<{ present: boolean }>(
    session,
    sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`,
  );
  if (!exists?.present) return 0;
  const [row] = await executeRows<{ n: number | string }>(
    session,
    sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
  );
  return Number(row?.n ?? 0);
}
