// `divbot worker`: takes optimiser jobs from the queue and runs each backtest on this machine's
// copy of the data, after checking its fingerprint against the job's. Jobs from runs over other
// data (or another hold-out) fail at once, naming the mismatch, instead of returning numbers
// that would silently differ from a local run.
import { UnrecoverableError, Worker } from 'bullmq';
import type { FileSeries } from '../../backtest/run-backtest.js';
import { cutHoldout, fingerprint } from '../data.js';
import { executeTask, type TaskResult } from '../task.js';
import { describeRedis, probeRedis, type RedisClientOptions, useRedisClient } from './connection.js';
import { type DataRef, optimizeJobSchema } from './job.js';

export interface QueueWorkerOptions {
  readonly connection: RedisClientOptions;
  readonly queueName: string;
  readonly concurrency: number;
  /** Loads this machine's data for a run's `--symbols`. */
  readonly load: (symbols: string | null) => Promise<FileSeries[]>;
  readonly log: (line: string) => void;
}

export async function startQueueWorker(options: QueueWorkerOptions): Promise<Worker> {
  await probeRedis('--queue', options.connection);
  useRedisClient();
  const cache = new Map<string, Promise<{ series: FileSeries[]; fingerprint: string }>>();
  const dataFor = (ref: DataRef) => {
    const key = `${ref.symbols ?? '*'}|${ref.holdoutFrom ?? '-'}`;
    let entry = cache.get(key);
    if (entry === undefined) {
      entry = options.load(ref.symbols).then((all) => {
        const series = cutHoldout(all, ref.holdoutFrom ?? undefined);
        return { series, fingerprint: fingerprint(series) };
      });
      cache.set(key, entry);
    }
    return entry;
  };
  let done = 0;
  const worker = new Worker(
    options.queueName,
    async (job): Promise<TaskResult> => {
      const parsed = optimizeJobSchema.safeParse(job.data);
      if (!parsed.success)
        throw new UnrecoverableError(`not an optimiser job: ${parsed.error.issues[0]?.message}`);
      const { data, task } = parsed.data;
      const local = await dataFor(data);
      if (local.fingerprint !== data.fingerprint) {
        throw new UnrecoverableError(
          `data fingerprint ${local.fingerprint.slice(0, 12)} of this worker's --data differs from the run's ${data.fingerprint.slice(0, 12)}: give the worker the same files`,
        );
      }
      return executeTask(task, local.series);
    },
    { connection: { ...options.connection }, concurrency: options.concurrency },
  );
  worker.on('completed', () => {
    done++;
    if (done % 50 === 0) options.log(`${done} backtests done`);
  });
  worker.on('closed', () => options.log(`closed after ${done} backtests`));
  worker.on('failed', (job, e) => options.log(`job ${job?.id ?? '?'} failed: ${e.message}`));
  let ready = false;
  worker.on('error', (e) => {
    if (ready) options.log(`queue error: ${e.message}`);
  });
  try {
    await worker.waitUntilReady();
    ready = true;
  } catch (e) {
    await worker.close(true).catch(() => {});
    throw new Error(`--queue: cannot reach ${describeRedis(options.connection)}: ${(e as Error).message}`);
  }
  options.log(`waiting for optimiser jobs on ${options.queueName} at ${describeRedis(options.connection)}`);
  return worker;
}
