// `divbot tokens create NAME` (SPEC §14): a bearer token for scripts, printed once and stored as
// a digest (audited).
import { createApiToken } from '../../auth/tokens-repo.js';
import { userName } from '../../auth/users-repo.js';
import { type GlobalOptions, loadCliConfig } from '../global-options.js';
import { withCliStore } from '../store-access.js';

export async function tokensCreateCommand(
  rawName: string,
  opts: { demo?: boolean },
  globals: GlobalOptions,
): Promise<void> {
  const config = loadCliConfig(globals);
  const name = userName(rawName);
  const token = await withCliStore(config, { demo: opts.demo === true, write: true }, async (store) => {
    await store.migrate();
    return createApiToken(store, { name, at: Date.now(), actor: 'cli' });
  });
  process.stderr.write(`token ${name} created; it is shown only this once:\n`);
  process.stdout.write(`${token}\n`);
}
