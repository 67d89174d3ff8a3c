// Opens the store: PostgreSQL when a URL is given, else the embedded PGlite on disk or in memory.
// Both run the same migrations from drizzle/ and hand out the same drizzle type.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { FatalError } from '../domain/errors.js';
import { advisoryKey } from './advisory-key.js';
import * as schema from './schema/index.js';
import { type Db, describeDatabaseUrl, type Store, sessionOf } from './store.js';

export interface OpenStoreOptions {
  /** PostgreSQL connection string; when set, `dataDir` is ignored. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data directory, e.g. `./var/db`; created when missing. */
  readonly dataDir: string;
  /** PGlite in memory (tests): nothing is written to `dataDir`. */
  readonly memory?: boolean | undefined;
}

/**
 * drizzle/ sits at the package root, two levels above this file both as src/store/open.ts (vitest,
 * tsx) and as dist/store/open.js (compiled), so it is found wherever the package is installed.
 */
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (!existsSync(migrationsFolder)) throw new FatalError(`migrations folder not found: ${migrationsFolder}`);
  if (options.databaseUrl !== undefined && options.databaseUrl !== '')
    return openPostgres(options.databaseUrl);
  return openPglite(options.memory === true ? null : resolve(options.dataDir));
}

async function openPostgres(databaseUrl: string): Promise<Store> {
  const description = describeDatabaseUrl(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, application_name: 'divbot' });
  // An idle client dropped by the server emits 'error' on the pool, which would crash the process;
  // the next query reports the problem where it can be handled.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new FatalError(
      `cannot connect to PostgreSQL at ${description}: ${errorMessage(error, databaseUrl)}`,
      {
        cause: error,
      },
    );
  }
  const native = drizzlePg({ client: pool, schema });
  const db: Db = native;
  return {
    ...sessionOf('postgres', db),
    description,
    target: { kind: 'postgres', databaseUrl },
    async migrate() {
      // Two processes migrating at once (a release command and a starting instance) take turns.
      const client = await pool.connect();
      const key = advisoryKey('migrate');
      try {
        await client.query('SELECT pg_advisory_lock($1::bigint)', [key]);
        await migratePg(native, { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string | null): Promise<Store> {
  const description = dataDir === null ? 'PGlite in memory' : `PGlite at ${dataDir}`;
  let client: PGlite;
  try {
    if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
    client = await PGlite.create(dataDir === null ? 'memory://' : dataDir);
  } catch (error) {
    throw new FatalError(`cannot open ${description}: ${errorMessage(error)}`, { cause: error });
  }
  const native = drizzlePglite({ client, schema });
  const db: Db = native;
  return {
    ...sessionOf('pglite', db),
    description,
    target: { kind: 'pglite', dataDir },
    migrate: () => migratePglite(native, { migrationsFolder }),
    close: () => client.close(),
  };
}

/** The cause's message, with the URL's password cut out should a driver ever echo it. */
function errorMessage(error: unknown, databaseUrl?: string): string {
  // Refused connections to `localhost` surface as an AggregateError (IPv4 and IPv6) with no message.
  const parts = error instanceof AggregateError ? error.errors : [error];
  const message = parts.map((e) => (e instanceof Error ? e.message || e.name : String(e))).join('; ');
  const password = databaseUrl === undefined ? '' : safePassword(databaseUrl);
  return password === '' ? message : message.replaceAll(password, '***');
}

function safePassword(databaseUrl: string): string {
  try {
    return decodeURIComponent(new URL(databaseUrl).password);
  } catch {
    return '';
  }
}
