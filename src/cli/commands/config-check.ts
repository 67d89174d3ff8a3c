import { configCheck } from '../../config/check.js';
import { configSources, type GlobalOptions } from '../global-options.js';

export async function configCheckCommand(opts: { json?: boolean }, globals: GlobalOptions): Promise<void> {
  const { env, overrides, dotenv } = configSources(globals);
  const result = configCheck(env, { overrides, dotenv, json: opts.json === true });
  if (result.stdout)
    process.stdout.write(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`);
  if (result.stderr)
    process.stderr.write(result.stderr.endsWith('\n') ? result.stderr : `${result.stderr}\n`);
  process.exitCode = result.exitCode;
}
