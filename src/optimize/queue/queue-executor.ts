// `--queue redis://…`: every backtest becomes a BullMQ job, taken by any number of `divbot worker`
// processes on any machines. Results come back as the jobs' return values and are put in task
// order, so the report is the same as a local run's.
import { randomUUID } from 'node:crypto';
import { type Job, Queue, QueueEvents } from 'bullmq';
import type { Executor } from '../executor.js';
import type { BacktestTask, TaskResult } from '../task.js';
import { describeRedis, probeRedis, type RedisClientOptions, useRedisClient } from './connection.js';
import { type DataRef, JOB_NAME, type OptimizeJob } from './job.js';

export interface QueueExecutorOptions {
  readonly connection: RedisClientOptions;
  readonly queueName: string;
  readonly data: DataRef;
  readonly log?: (line: string) => void;
}

/** Finished jobs stay a day (a producer that reconnects can still read them), then go. */
const KEEP = { age: 86_400, count: 1_000_000 };

export class QueueExecutor implements Executor {
  private batch = 0;
  private readonly runId = randomUUID();
  /** Jobs not finished yet: removed on close, so an aborted run leaves no work behind. */
  private readonly unfinished = new Map<string, Job>();

  private constructor(
    private readonly options: QueueExecutorOptions,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
  ) {}

  static async open(options: QueueExecutorOptions): Promise<QueueExecutor> {
    await probeRedis('--queue', options.connection);
    useRedisClient();
    const connection = { ...options.connection };
    const queue = new Queue(options.queueName, { connection });
    const events = new QueueEvents(options.queueName, { connection });
    // Failures to connect are reported once, below; later ones fail the waiting jobs.
    const quiet = () => {};
    queue.on('error', quiet);
    events.on('error', quiet);
    try {
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    } catch (e) {
      await Promise.allSettled([queue.close(), events.close()]);
      throw new Error(`--queue: cannot reach ${describeRedis(options.connection)}: ${(e as Error).message}`);
    }
    events.setMaxListeners(0);
    return new QueueExecutor(options, queue, events);
  }

  async run(tasks: readonly BacktestTask[], onDone?: () => void): Promise<TaskResult[]> {
    const batch = this.batch++;
    const jobs = await this.queue.addBulk(
      tasks.map((task, i) => ({
        name: JOB_NAME,
        data: { data: this.options.data, task } satisfies OptimizeJob,
        opts: {
          jobId: `${this.runId}-${batch}-${i}`,
          removeOnComplete: KEEP,
          removeOnFail: KEEP,
          attempts: 1,
        },
      })),
    );
    this.options.log?.(
      `${jobs.length} backtests queued on ${this.options.queueName} at ${describeRedis(this.options.connection)}; waiting for divbot worker processes`,
    );
    for (const job of jobs) this.unfinished.set(job.id!, job);
    return Promise.all(
      jobs.map(async (job) => {
        try {
          const r = (await job.waitUntilFinished(this.events)) as TaskResult;
          this.unfinished.delete(job.id!);
          onDone?.();
          return r;
        } catch (e) {
          throw new Error(`a worker failed job ${job.id}: ${(e as Error).message}`);
        }
      }),
    );
  }

  async close(): Promise<void> {
    // Waiting jobs go; one a worker is running stays locked and ends unread.
    await Promise.allSettled([...this.unfinished.values()].map((job) => job.remove()));
    this.unfinished.clear();
    await Promise.allSettled([this.events.close(), this.queue.close()]);
  }
}
