// `divbot users add`, `users hash` and `tokens create` as a user runs them: the password from
// stdin (a pipe, as in scripts), the store under VAR_DIR.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../auth/passwords.js';
import { tokenDigest } from '../../auth/secrets.js';
import { findUser } from '../../auth/users-repo.js';
import { listAudit, openStore, schema } from '../../store/index.js';
import { BIN, type CliResult, cleanEnv } from '../../test-support/cli.js';

function run(args: string[], stdin: string, env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('divbot users and tokens', () => {
  const dir = mkdtempSync(join(tmpdir(), 'divbot-users-'));
  const env = cleanEnv({ VAR_DIR: join(dir, 'var') });

  it('users hash prints an argon2id hash that DASHBOARD_USER_<NAME> accepts; a short password is refused', async () => {
    const r = await run(['users', 'hash'], 'correct horse battery staple\n', env);
    expect(r.code, r.stderr).toBe(0);
    const hash = r.stdout.trim();
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    const check = await run(['config', 'check', '--json'], '', { ...env, DASHBOARD_USER_ALICE: hash });
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout, 'the hash is masked').not.toContain(hash);
    const plain = await run(['config', 'check'], '', {
      ...env,
      DASHBOARD_USER_ALICE: 'correct horse battery staple',
    });
    expect(plain.code).toBe(2);
    expect(plain.stderr + plain.stdout).not.toContain('correct horse battery staple');
    const short = await run(['users', 'hash'], 'short\n', env);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 12 characters');
  }, 60_000);

  it('users add stores the user (audited) and refuses the name twice; tokens create prints a token stored hashed', async () => {
    const live = () => run(['run', '--mode', 'live'], '', env);
    const before = await live();
    expect(before.code).toBe(2);
    expect(before.stderr, 'no dashboard user yet').toContain('DASHBOARD_USER_<NAME>');
    const added = await run(['users', 'add', 'Bob'], 'bobs long password\n', env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('dashboard user bob added');
    const again = await run(['users', 'add', 'bob'], 'bobs long password\n', env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists already');
    const after = await live();
    expect(after.code, 'live still refuses for the other items').toBe(2);
    expect(after.stderr, 'a user in the store counts').not.toContain('DASHBOARD_USER_<NAME>');
    const token = await run(['tokens', 'create', 'ci'], '', env);
    expect(token.code, token.stderr).toBe(0);
    const printed = token.stdout.trim();
    expect(printed).toMatch(/^dvb_[A-Za-z0-9_-]{43}$/);

    const store = await openStore({ dataDir: join(dir, 'var', 'db') });
    try {
      const bob = await findUser(store, 'bob');
      expect(await verifyPassword(bob!.passwordHash, 'bobs long password')).toBe(true);
      const tokens = await store.db.select().from(schema.apiTokens);
      expect(tokens.map((t) => t.tokenHash)).toEqual([tokenDigest(printed)]);
      expect(JSON.stringify(tokens)).not.toContain(printed);
      expect((await listAudit(store)).map((a) => `${a.actor} ${a.action} ${a.target}`)).toEqual([
        'cli tokens.create ci',
        'cli users.add bob',
      ]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
