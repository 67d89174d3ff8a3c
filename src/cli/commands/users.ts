// `divbot users add NAME` and `divbot users hash` (SPEC §14): dashboard users with argon2id
// password hashes. `add` stores the user (audited); `hash` prints a hash for
// DASHBOARD_USER_<NAME> and stores nothing.
import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { readNewPassword } from '../../auth/password-input.js';
import { hashPassword } from '../../auth/passwords.js';
import { addUser, countUsers, userName } from '../../auth/users-repo.js';
import type { Config } from '../../config/schema.js';
import { executeRows } from '../../store/index.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';
import { pgliteDir, withCliStore } from '../store-access.js';

export async function usersAddCommand(
  rawName: string,
  opts: { demo?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  const config = loadCliConfig(globals);
  const name = userName(rawName);
  const passwordHash = await hashPassword(await readNewPassword());
  await withCliStore(config, { demo: opts.demo === true, write: true }, async (store) => {
    await store.migrate();
    await addUser(store, { name, passwordHash, at: Date.now(), actor: 'cli' });
  });
  process.stdout.write(`dashboard user ${name} added\n`);
}

export async function usersHashCommand(): Promise<void> {
  const hash = await hashPassword(await readNewPassword());
  process.stdout.write(`${hash}\n`);
}

/**
 * Users added with `divbot users add`, for live mode's refusal (SPEC §17): read-only, and 0 when
 * there is no store yet or it predates the users table.
 */
export async function storedUserCount(config: Config): Promise<number> {
  if (!config.DATABASE_URL && !existsSync(pgliteDir(config, false))) return 0;
  return withCliStore(config, { write: false }, async (store) => {
    const [row] = await executeRows<{ present: boolean }>(
      store,
      sql`SELECT to_regclass('public.users') IS NOT NULL AS present`,
    );
    return row?.present ? countUsers(store) : 0;
  });
}
