// The store's types, shared by open.ts, the lock and every repository.
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index.js';

export type Schema = typeof schema;

/**
 * A drizzle database over the schema, the same type for node-postgres and PGlite (each driver's
 * database and each transaction is a subclass of it), so repositories never see the driver.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type StoreKind = 'postgres' | 'pglite';

/** What repositories take: a store or a transaction on it. */
export interface Session {
  readonly kind: StoreKind;
  readonly db: Db;
  /** Runs `fn` in a transaction (a savepoint when already in one); a throw rolls everything back. */
  transaction<T>(fn: (tx: Session) => Promise<T>): Promise<T>;
}

export type StoreTarget =
  | { readonly kind: 'postgres'; readonly databaseUrl: string }
  | { readonly kind: 'pglite'; readonly dataDir: string | null };

export interface Store extends Session {
  /** Where the data lives, for messages: `postgresql://user@host:5432/db` or a directory; never a password. */
  readonly description: string;
  readonly target: StoreTarget;
  /** Applies pending migrations from drizzle/; a no-op when there are none. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export function sessionOf(kind: StoreKind, db: Db): Session {
  return {
    kind,
    db,
    transaction: (fn) => db.transaction((tx) => fn(sessionOf(kind, tx))),
  };
}

/** `postgres://user:secret@host:5432/db?x=y` → `postgresql://user@host:5432/db`. */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const user = url.username === '' ? '' : `${decodeURIComponent(url.username)}@`;
    return `postgresql://${user}${url.host}${url.pathname}`;
  } catch {
    return 'postgresql://<unparseable DATABASE_URL>';
  }
}

/**
 * Rows of a raw SQL query. `db.execute` is typed per driver; both node-postgres and PGlite return
 * `{ rows }`, so this is the one place that relies on it.
 */
export async function executeRows<T>(session: Session, query: SQL): Promise<T[]> {
  const result = (await session.db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
