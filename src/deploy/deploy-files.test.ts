// Docker cannot run on the development machines, so the deployment files are checked here:
// fly.toml's settings (parsed), the Dockerfile's stages and instructions, and the final stage's
// file layout rebuilt from its COPY lines in a temporary directory, where the release command
// (db migrate) and the HEALTHCHECK command are run for real against the server it starts.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT } from '../test-support/cli.js';
import { freePort } from '../test-support/ports.js';
import { waitFor } from '../test-support/wait.js';

type Toml = Record<string, unknown>;

/** The TOML fly.toml uses: tables, arrays of tables, strings, numbers, booleans. */
function parseToml(text: string): Toml {
  const root: Toml = {};
  let table = root;
  const at = (path: string[], array: boolean) => {
    let t = root;
    path.forEach((k, i) => {
      const last = i === path.length - 1;
      if (last && array) {
        t[k] ??= [];
        const list = t[k] as Toml[];
        list.push({});
        t = list.at(-1)!;
      } else {
        t[k] ??= {};
        const v = t[k] as Toml | Toml[];
        t = Array.isArray(v) ? v.at(-1)! : v;
      }
    });
    return t;
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s*#.*$/, '').trim();
    if (line === '') continue;
    let m = /^\[\[([\w.]+)\]\]$/.exec(line);
    if (m) {
      table = at(m[1]!.split('.'), true);
      continue;
    }
    m = /^\[([\w.]+)\]$/.exec(line);
    if (m) {
      table = at(m[1]!.split('.'), false);
      continue;
    }
    m = /^(\w+)\s*=\s*(.+)$/.exec(line);
    if (!m) throw new Error(`fly.toml: cannot read "${line}"`);
    const v = m[2]!.trim();
    table[m[1]!] = v.startsWith('"')
      ? JSON.parse(v)
      : v === 'true' || v === 'false'
        ? v === 'true'
        : Number(v);
  }
  return root;
}

interface Instruction {
  readonly op: string;
  readonly args: string;
}

/** Instructions per stage (continuation lines joined, comments dropped). */
function dockerStages(text: string): Array<{ from: string; name: string | undefined; steps: Instruction[] }> {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const stages: Array<{ from: string; name: string | undefined; steps: Instruction[] }> = [];
  for (const l of lines) {
    const [op, ...rest] = l.split(/\s+/);
    const args = rest.join(' ');
    if (op === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args)!;
      stages.push({ from: m[1]!, name: m[2], steps: [] });
    } else if (op !== 'ARG' || stages.length > 0) stages.at(-1)?.steps.push({ op: op!, args });
  }
  return stages;
}

const fly = parseToml(readFileSync(join(ROOT, 'fly.toml'), 'utf8'));
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const stages = dockerStages(dockerfile);
const runtime = stages.at(-1)!;
const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

describe('fly.toml', () => {
  it('deploys to Sydney, one release at a time, migrating first, behind TLS', () => {
    expect(fly.primary_region).toBe('syd');
    const deploy = fly.deploy as Toml;
    expect(deploy.strategy).toBe('immediate');
    expect(deploy.release_command).toBe('node dist/cli/main.js db migrate');
    const env = fly.env as Record<string, string>;
    expect(env.TRUST_PROXY).toBe('true');
    expect(env.HOST).toBe('0.0.0.0');
    const http = fly.http_service as Toml;
    expect(String(http.internal_port)).toBe(env.PORT);
    expect((http.checks as Toml[])[0]!.path).toBe('/health');
    expect(http.min_machines_running).toBe(1);
    expect(env.DATABASE_URL, 'a secret: set with fly secrets, never in fly.toml').toBeUndefined();
    expect(readFileSync(join(ROOT, 'fly.toml'), 'utf8')).toMatch(
      /DATABASE_URL \(required[\s\S]*PGlite[\s\S]*one machine/,
    );
  });
});

describe('Dockerfile', () => {
  it('builds in one stage, installs production dependencies in another, runs as non-root with a health check', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const build = stages.find((s) => s.name === 'build')!;
    const runs = (s: typeof build) =>
      s.steps
        .filter((x) => x.op === 'RUN')
        .map((x) => x.args)
        .join(' && ');
    expect(runs(build)).toMatch(/npm ci\b/);
    expect(runs(build)).toMatch(/npm run build/);
    const deps = stages.find((s) => s.name === 'deps')!;
    expect(runs(deps)).toMatch(/npm ci --omit=dev/);
    const steps = runtime.steps;
    const copies = steps.filter((s) => s.op === 'COPY');
    expect(copies.some((c) => c.args === '--from=deps /app/node_modules ./node_modules')).toBe(true);
    expect(copies.some((c) => c.args === '--from=build /app/dist ./dist')).toBe(true);
    expect(runs(runtime), 'no npm install in the final stage').not.toMatch(/npm (ci|install)/);
    const user = steps.filter((s) => s.op === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(
      steps
        .filter((s) => s.op === 'ENV')
        .map((s) => s.args)
        .join(' '),
    ).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(steps.find((s) => s.op === 'HEALTHCHECK')?.args).toContain('/health');
    expect(JSON.parse(steps.find((s) => s.op === 'CMD')!.args)).toEqual(['node', 'dist/cli/main.js', 'run']);
  });

  it('copies only files that exist in the build context and are not ignored', () => {
    for (const s of stages)
      for (const c of s.steps.filter((x) => x.op === 'COPY' && !x.args.startsWith('--from'))) {
        const sources = c.args.split(/\s+/).slice(0, -1);
        for (const src of sources) {
          expect(existsSync(join(ROOT, src)), `COPY ${src}`).toBe(true);
          expect(ignored.includes(src.split('/')[0]!), `${src} is in .dockerignore`).toBe(false);
        }
      }
    expect(ignored).toEqual(expect.arrayContaining(['.env', 'node_modules', 'dist', 'var', '.git']));
  });

  it("the final stage's files run: db migrate (the release command) and the HEALTHCHECK against the server", async () => {
    // The runtime stage rebuilt from its COPY lines (node_modules linked: the local install,
    // which has dev dependencies too; the image's has only production ones).
    const app = mkdtempSync(join(tmpdir(), 'divbot-image-'));
    for (const c of runtime.steps.filter((s) => s.op === 'COPY')) {
      const parts = c.args.split(/\s+/);
      const from = parts[0]!.startsWith('--from=') ? parts.shift() : undefined;
      const [src, dest] = parts as [string, string];
      const local = from ? src.replace(/^\/app\//, '') : src;
      if (local === 'node_modules') symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'));
      else cpSync(join(ROOT, local), join(app, dest === './' ? local : dest), { recursive: true });
    }
    const env = cleanEnv({ VAR_DIR: join(app, 'var'), HOST: '0.0.0.0', PORT: String(await freePort()) });
    mkdirSync(env.VAR_DIR!, { recursive: true });
    const migrate = spawnSync(process.execPath, ['dist/cli/main.js', 'db', 'migrate'], {
      cwd: app,
      env,
      encoding: 'utf8',
    });
    expect(migrate.status, migrate.stderr).toBe(0);
    const server = spawn(process.execPath, ['dist/cli/main.js', 'run'], { cwd: app, env, stdio: 'ignore' });
    try {
      const [cmd, ...args] = JSON.parse(
        runtime.steps.find((s) => s.op === 'HEALTHCHECK')!.args.replace(/^.*?CMD\s+/, ''),
      ) as string[];
      expect(cmd).toBe('node');
      const check = () => spawnSync(process.execPath, args, { env, encoding: 'utf8' }).status;
      await waitFor(() => (check() === 0 ? true : undefined), 30_000);
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      expect(check(), 'the health check fails once the server is gone').toBe(1);
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
    }
  }, 60_000);
});
