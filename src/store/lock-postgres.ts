// PostgreSQL instance lock: `pg_try_advisory_lock` on a dedicated connection (not a pool client,
// which the pool could recycle). The lock lives exactly as long as that session: a killed process
// loses its connection and the server frees the lock, so nothing is ever stale.
import { hostname } from 'node:os';
import pg from 'pg';
import { FatalError } from '../domain/errors.js';
import { advisoryKey } from './advisory-key.js';
import type { InstanceLock } from './lock.js';
import { InstanceLockedError } from './lock-error.js';

export async function acquirePostgresLock(
  databaseUrl: string,
  database: string,
  accountKey: string,
  onLost: ((error: Error) => void) | undefined,
): Promise<InstanceLock> {
  const key = advisoryKey(`instance:${accountKey}`);
  // The holder's identity, shown to the instance that gets refused.
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: `divbot pid=${process.pid} host=${hostname()}`.slice(0, 63),
  });
  let released = false;
  client.on('error', (error) => {
    if (!released) onLost?.(error);
  });
  try {
    await client.connect();
  } catch (error) {
    throw new FatalError(`cannot connect to PostgreSQL at ${database} to take the instance lock`, {
      cause: error,
    });
  }
  const account = JSON.stringify(accountKey);
  try {
    const result = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1::bigint) AS locked',
      [key],
    );
    if (result.rows[0]?.locked !== true) {
      const holder = await describeHolder(client, key).catch(() => undefined);
      throw new InstanceLockedError(
        `another divbot instance holds the lock for account ${account} on ${database}` +
          `${holder === undefined ? '' : ` (held by ${holder})`}. Only one instance may trade an account: ` +
          'stop the other instance first (read-only commands such as `report` work while it runs).',
      );
    }
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  return {
    description: `advisory lock ${key} for account ${account} on ${database}`,
    warning: undefined,
    async release() {
      if (released) return;
      released = true;
      // Ending the session frees the lock; the explicit unlock just makes it immediate and visible.
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}

/** `divbot pid=123 host=x, connected since …` from pg_locks and pg_stat_activity, when visible. */
async function describeHolder(client: pg.Client, key: string): Promise<string | undefined> {
  const k = BigInt(key);
  // A bigint advisory key shows in pg_locks as classid = high 32 bits, objid = low 32 bits.
  const high = ((k >> 32n) & 0xffffffffn).toString();
  const low = (k & 0xffffffffn).toString();
  const result = await client.query<{ application_name: string; client_addr: string | null; since: string }>(
    `SELECT a.application_name, host(a.client_addr) AS client_addr, a.backend_start::text AS since
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid::bigint = $1::bigint AND l.objid::bigint = $2::bigint AND l.pid <> pg_backend_pid()
      LIMIT 1`,
    [high, low],
  );
  const row = result.rows[0];
  if (row === undefined) return undefined;
  const name = row.application_name === '' ? 'an unnamed session' : row.application_name;
  return `${name}${row.client_addr === null ? '' : ` from ${row.client_addr}`}, connected since ${row.since}`;
}
