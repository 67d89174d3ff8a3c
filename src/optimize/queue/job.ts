// What travels through Redis: one backtest task, and what the data it runs on must be. Candles do
// not travel: each worker reads its own --data (the same files, on its own disk) and proves by
// fingerprint that, cut at the same hold-out, they are the very candles of the optimize run.
import { z } from 'zod';
import type { BacktestTask } from '../task.js';

export interface DataRef {
  readonly fingerprint: string;
  /** `--symbols` of the optimize run (null: every file). */
  readonly symbols: string | null;
  readonly holdoutFrom: number | null;
}

export interface OptimizeJob {
  readonly data: DataRef;
  readonly task: BacktestTask;
}

export const optimizeJobSchema = z.object({
  data: z.object({
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
    symbols: z.string().nullable(),
    holdoutFrom: z.number().nullable(),
  }),
  task: z.object({
    settings: z.record(z.string(), z.string()),
    span: z.object({ from: z.number(), to: z.number() }),
    detail: z.boolean(),
  }),
});

export const JOB_NAME = 'backtest';
