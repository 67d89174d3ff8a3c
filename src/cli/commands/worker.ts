// `divbot worker --queue redis://… --data …`: run optimiser backtests from a BullMQ queue until
// SIGINT or SIGTERM (the running backtests finish first). Any number of these, on any machines
// holding the same data files, serve one `divbot optimize --queue`.
import { UsageError } from '../../domain/errors.js';
import { parseRedisUrl } from '../../optimize/queue/connection.js';
import { startQueueWorker } from '../../optimize/queue/queue-worker.js';
import { loadDataSet } from '../data-set.js';
import type { GlobalOptions } from '../global-options.js';
import { parseCount } from '../parse-count.js';

interface WorkerOptions {
  readonly queue: string;
  readonly data: string[];
  readonly queueName?: string;
  readonly concurrency?: string;
}

export async function workerCommand(opts: WorkerOptions, _globals: GlobalOptions): Promise<void> {
  const connection = parseRedisUrl('--queue', opts.queue);
  const concurrency = parseCount('--concurrency', opts.concurrency, 1);
  if (concurrency < 1)
    throw new UsageError(`--concurrency: expected a whole number ≥ 1, got "${opts.concurrency}"`);
  await loadDataSet(opts.data); // a wrong path fails now, not at the first job
  const log = (line: string) => process.stderr.write(`divbot worker: ${line}\n`);
  const worker = await startQueueWorker({
    connection,
    queueName: opts.queueName ?? 'divbot-optimize',
    concurrency,
    load: (symbols) => loadDataSet(opts.data, symbols ?? undefined),
    log,
  });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`${signal}: finishing the running backtests`);
      worker.close().then(resolve, resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
