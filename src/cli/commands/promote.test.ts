import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../../test-support/cli.js';

describe('divbot promote', () => {
  it('says what the paper record lacks and exits 1 when it is not ready', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'divbot-promote-'));
    const r = await runCli(['promote', '--json'], {
      cwd,
      env: cleanEnv({ VAR_DIR: join(cwd, 'var') }),
      timeoutMs: 60_000,
    });
    expect(r.code, r.stderr).toBe(1);
    const out = JSON.parse(r.stdout) as { ready: boolean; missing: string[]; trades: number };
    expect(out).toMatchObject({ ready: false, trades: 0 });
    expect(out.missing.join('\n')).toContain('30 more paper trades');
    expect(out.missing.join('\n')).toContain('4 weeks');
  });
});
