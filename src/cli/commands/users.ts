// `divbot users add NAME` and `divbot users hash` (SPEC §14): dashboard users with argon2id
// password hashes. `add` stores the user (audited); `hash` prints a hash for
// DASHBOARD_USER_<NAME> and stores nothing.
import { readNewPassword } from '../../auth/password-input.js';
import { hashPassword } from '../../auth/passwords.js';
import { addUser, userName } from '../../auth/users-repo.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';
import { withCliStore } from '../store-access.js';

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
