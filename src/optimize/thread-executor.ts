// `--workers N`: a piscina pool of N threads on this machine. Each thread gets the (hold-out cut)
// candles once, as workerData, and then one backtest per task.
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { FileSeries } from '../backtest/run-backtest.js';
import type { Executor } from './executor.js';
import type { BacktestTask, TaskResult } from './task.js';

/** The compiled worker next to this file (dist/optimize/thread-worker.js). */
export const THREAD_WORKER = fileURLToPath(new URL('./thread-worker.js', import.meta.url));

export interface ThreadOptions {
  readonly threads: number;
  /** The worker module; tests running from src point it at the built dist. */
  readonly filename?: string;
}

export class ThreadExecutor implements Executor {
  private readonly pool: Piscina<BacktestTask, TaskResult>;

  constructor(series: readonly FileSeries[], options: ThreadOptions) {
    this.pool = new Piscina({
      filename: options.filename ?? THREAD_WORKER,
      minThreads: options.threads,
      maxThreads: options.threads,
      workerData: { series },
    });
  }

  run(tasks: readonly BacktestTask[], onDone?: () => void): Promise<TaskResult[]> {
    return Promise.all(
      tasks.map(async (t) => {
        const r = await this.pool.run(t);
        onDone?.();
        return r;
      }),
    );
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
