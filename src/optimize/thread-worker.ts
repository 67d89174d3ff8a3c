// A piscina worker thread: the candles arrive once as workerData, then each task is one backtest.
import { workerData } from 'piscina';
import type { FileSeries } from '../backtest/run-backtest.js';
import { type BacktestTask, executeTask, type TaskResult } from './task.js';

const { series } = workerData as { series: FileSeries[] };

export default function run(task: BacktestTask): Promise<TaskResult> {
  return executeTask(task, series);
}
