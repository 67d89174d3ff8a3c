// Where the optimiser's backtests run: inline, in worker threads, or on BullMQ workers. Each
// executor returns the results in task order, whatever order they finish in, so the report is the
// same for any executor and any worker count.
import type { FileSeries } from '../backtest/run-backtest.js';
import { type BacktestTask, executeTask, type TaskResult } from './task.js';

export interface Executor {
  /** Runs every task; `onDone` after each one finishes. Results in task order. */
  run(tasks: readonly BacktestTask[], onDone?: () => void): Promise<TaskResult[]>;
  close(): Promise<void>;
}

/** One after the other in this thread (`--workers 1`). */
export class InlineExecutor implements Executor {
  constructor(private readonly series: readonly FileSeries[]) {}

  async run(tasks: readonly BacktestTask[], onDone?: () => void): Promise<TaskResult[]> {
    const out: TaskResult[] = [];
    for (const t of tasks) {
      out.push(await executeTask(t, this.series));
      onDone?.();
    }
    return out;
  }

  async close(): Promise<void> {}
}
