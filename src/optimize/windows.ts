// The rolling walk-forward (SPEC §15): K windows of fixed in-sample and out-of-sample lengths, each
// out-of-sample span right after its in-sample span and right before the next window's, the last
// one ending with the data. Every backtest reads a fixed warm-up before its span, so no run sees
// more history than another, and the first window still has its warm-up inside the data.
import { UsageError } from '../domain/errors.js';
import { HOUR_MS } from '../domain/timeframe.js';

export const DAY_MS = 86_400_000;
/** History read before each span: 4h EMA-200 needs 800 h, and paper mode back-fills 60 days. */
export const WARMUP_DAYS = 60;
/** With neither length given, in-sample gets at least three times out-of-sample. */
const IN_SAMPLE_RATIO = 3;

/** Half-open: `from` is the first bar's open time, `to` the open time after the last bar. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

export interface WalkWindow {
  readonly index: number;
  readonly inSample: Span;
  readonly outOfSample: Span;
}

export interface WindowOptions {
  /** Open time of the first and last 1h bar available (after the hold-out is cut away). */
  readonly firstBar: number;
  readonly lastBar: number;
  readonly windows: number;
  readonly inSampleDays?: number | undefined;
  readonly outOfSampleDays?: number | undefined;
}

export interface WindowPlan {
  readonly inSampleDays: number;
  readonly outOfSampleDays: number;
  readonly windows: WalkWindow[];
}

export function planWindows(o: WindowOptions): WindowPlan {
  const k = o.windows;
  if (!Number.isInteger(k) || k < 1)
    throw new UsageError(`--walk-forward: expected a whole number ≥ 1, got ${k}`);
  const end = o.lastBar + HOUR_MS;
  const usableFrom = o.firstBar + WARMUP_DAYS * DAY_MS;
  const days = Math.floor((end - usableFrom) / DAY_MS);
  if (days < 2) {
    throw new UsageError(
      `--data: ${Math.floor((end - o.firstBar) / DAY_MS)} days of 1h data (before any --holdout-from): the walk-forward needs ${WARMUP_DAYS} days of warm-up and more`,
    );
  }
  let is = o.inSampleDays;
  let oos = o.outOfSampleDays;
  if (is === undefined && oos === undefined) {
    oos = Math.floor(days / (k + IN_SAMPLE_RATIO));
    is = days - k * oos;
  } else if (is === undefined) is = days - k * oos!;
  else if (oos === undefined) oos = Math.floor((days - is) / k);
  if (oos! < 1 || is < 1 || is + k * oos! > days) {
    throw new UsageError(
      `--walk-forward ${k} with --in-sample ${is} and --out-of-sample ${oos} days does not fit: ${days} days of data after the ${WARMUP_DAYS}-day warm-up (in-sample + K × out-of-sample must be at most that, each at least 1)`,
    );
  }
  const o2 = oos!;
  const windows: WalkWindow[] = [];
  for (let i = 0; i < k; i++) {
    const oosFrom = end - (k - i) * o2 * DAY_MS;
    windows.push({
      index: i,
      inSample: { from: oosFrom - is * DAY_MS, to: oosFrom },
      outOfSample: { from: oosFrom, to: oosFrom + o2 * DAY_MS },
    });
  }
  return { inSampleDays: is, outOfSampleDays: o2, windows };
}
