// The walk-forward search (SPEC §15): every parameter set is backtested in-sample in every window;
// the best qualifying one of each window is then run on the span after it. Only those
// out-of-sample runs, stitched, are the result. Work goes to an Executor in two batches (all
// in-sample runs, then all out-of-sample runs), so threads and remote workers stay busy.
import type { Executor } from './executor.js';
import { best, type Objective, periodSharpe, type Score, score } from './objective.js';
import type { Settings } from './params.js';
import type { BacktestTask, TaskResult } from './task.js';
import type { WindowPlan } from './windows.js';

export interface OptimizeInput {
  /** Every configuration value the runs share (the parameter sets go on top). */
  readonly base: Settings;
  readonly sets: readonly Settings[];
  readonly objective: Objective;
  readonly minTrades: number;
  readonly plan: WindowPlan;
  readonly executor: Executor;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface OptimizeRun {
  readonly input: OptimizeInput;
  /** scores[set][window]: the in-sample objective. */
  readonly scores: Score[][];
  /** Per window, the chosen set (undefined: none qualified, the window stays flat). */
  readonly chosen: Array<number | undefined>;
  /** Per window, the out-of-sample run of its chosen set. */
  readonly outOfSample: Array<TaskResult | undefined>;
  /** Per set, the mean in-sample daily Sharpe over the windows that have one (the DSR's trials). */
  readonly trialSharpes: Array<number | undefined>;
  /** The set chosen most often (ties: the lower index) and its out-of-sample run in every window. */
  readonly frequent:
    | { readonly set: number; readonly count: number; readonly runs: TaskResult[] }
    | undefined;
  readonly backtests: number;
}

export async function optimize(input: OptimizeInput): Promise<OptimizeRun> {
  const { sets, plan, executor, base } = input;
  const windows = plan.windows;
  let done = 0;
  let total = sets.length * windows.length + windows.length;
  const tick = () => input.onProgress?.(++done, total);
  const task = (set: number, span: BacktestTask['span'], detail: boolean): BacktestTask => ({
    settings: { ...base, ...sets[set] },
    span,
    detail,
  });

  const inSampleTasks = sets.flatMap((_, s) => windows.map((w) => task(s, w.inSample, false)));
  const inSample = await executor.run(inSampleTasks, tick);
  const at = (s: number, w: number) => inSample[s * windows.length + w]!;
  const scores = sets.map((_, s) => windows.map((_, w) => score(input.objective, at(s, w), input.minTrades)));
  const chosen = windows.map((_, w) => best(scores.map((row) => row[w]!)));
  const trialSharpes = sets.map((_, s) => {
    const xs = windows.map((_, w) => periodSharpe(at(s, w).daily)).filter((x) => x !== null);
    return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined;
  });

  const counts = new Map<number, number>();
  for (const c of chosen) if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
  let frequentSet: number | undefined;
  for (const [s, n] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (frequentSet === undefined || n > counts.get(frequentSet)!) frequentSet = s;
  }

  // Second batch: each window's chosen set, and the most frequent set where it was not chosen.
  const oosTasks: BacktestTask[] = [];
  const chosenAt: Array<number | undefined> = [];
  const frequentAt: number[] = [];
  windows.forEach((w, i) => {
    const c = chosen[i];
    chosenAt.push(c === undefined ? undefined : oosTasks.push(task(c, w.outOfSample, true)) - 1);
    if (frequentSet === undefined) return;
    frequentAt.push(
      c === frequentSet ? chosenAt[i]! : oosTasks.push(task(frequentSet, w.outOfSample, true)) - 1,
    );
  });
  total = done + oosTasks.length;
  const oos = await executor.run(oosTasks, tick);
  return {
    input,
    scores,
    chosen,
    outOfSample: chosenAt.map((i) => (i === undefined ? undefined : oos[i])),
    trialSharpes,
    frequent:
      frequentSet === undefined
        ? undefined
        : { set: frequentSet, count: counts.get(frequentSet)!, runs: frequentAt.map((i) => oos[i]!) },
    backtests: inSampleTasks.length + oosTasks.length,
  };
}
