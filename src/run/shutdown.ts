// Graceful shutdown on SIGTERM/SIGINT: finish the running cycle, close what is open (in reverse
// order of opening), then exit. A second signal, or a hung step past the deadline, forces exit 1.
import type { Logger } from '../logging/logger.js';

export type CloseStep = { readonly name: string; close(): Promise<void> | void };

export function installShutdown(
  logger: Logger,
  steps: () => readonly CloseStep[],
  deadlineMs = 20_000,
): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing the running cycle');
    const timer = setTimeout(() => {
      logger.error({ deadlineMs }, 'shutdown took too long: exiting');
      process.exit(1);
    }, deadlineMs);
    timer.unref();
    void closeAll(logger, steps()).then((ok) => {
      logger.info('stopped');
      logger.flush();
      process.exit(ok ? 0 : 1);
    });
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}

export async function closeAll(logger: Logger, steps: readonly CloseStep[]): Promise<boolean> {
  let ok = true;
  for (const step of [...steps].reverse()) {
    try {
      await step.close();
    } catch (e) {
      ok = false;
      logger.error({ err: e, step: step.name }, 'shutdown step failed');
    }
  }
  return ok;
}
