// Tests that spawn the `divbot` binary run the compiled dist/; build it once per test run so
// they never exercise a stale build. tsc still emits when types are wrong; type errors are
// reported here and fail `npm run typecheck` (which CI runs), not every unrelated test.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) process.stderr.write(`[global-setup] tsc reported errors:\n${r.stdout}${r.stderr}\n`);
}
