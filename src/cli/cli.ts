// The `divbot` command as a function: maps every outcome to SPEC §16's exit codes.
import { createRequire } from 'node:module';
import { CommanderError } from 'commander';
import { ConfigError, NotImplementedError, UsageError } from '../domain/errors.js';
import { ExitCode } from './exit-codes.js';
import { buildProgram } from './program.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram(version);
  program.exitOverride();
  for (const cmd of allCommands(program)) cmd.exitOverride();
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (e) {
    return reportError(e);
  }
}

function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    // Help and --version are successes; every other commander error is bad usage.
    if (e.exitCode === 0) return ExitCode.ok;
    return ExitCode.usage;
  }
  if (e instanceof ConfigError || e instanceof UsageError) {
    process.stderr.write(`divbot: ${e.message}\n`);
    return ExitCode.usage;
  }
  if (e instanceof NotImplementedError) {
    process.stderr.write(`${e.message}\n`);
    return ExitCode.failure;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`divbot: ${message}\n`);
  if (process.env.DIVBOT_DEBUG === '1' && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  return ExitCode.failure;
}

function* allCommands(cmd: import('commander').Command): Generator<import('commander').Command> {
  for (const sub of cmd.commands) {
    yield sub;
    yield* allCommands(sub);
  }
}
