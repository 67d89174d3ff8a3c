// Issue #6's figure: the CPU time of one analysis cycle for 36 instruments × 2 timeframes
// (≤ 20 ms). The demo's object graph over generated hourly data for every registry instrument:
// history up to the start is back-filled once, then each cycle processes one new closed 1h bar
// of every instrument (sync, analysis on 1h and 4h, monitor, risk, execution).
import { SimulatedClock } from '../../clock/simulated-clock.js';
import { loadConfig } from '../../config/load.js';
import type { Candle } from '../../domain/candle.js';
import type { SymbolId } from '../../domain/ids.js';
import { defaultRegistry } from '../../domain/instruments/index.js';
import { HOUR_MS } from '../../domain/timeframe.js';
import { MemoryExecutionJournal } from '../../execution/execution-journal.js';
import type { SignalJournal } from '../../pipeline/trading-loop.js';
import { composeDemo } from '../../run/demo/demo-runtime.js';
import type { BenchResult, BenchSuite } from '../harness.js';
import { randomWalkOhlcv } from '../random-walk.js';

const HISTORY = 2_000;
const CYCLES = 60;
const T0 = Date.UTC(2024, 0, 1);

class CountingJournal implements SignalJournal {
  n = 0;
  candidate(): void {
    this.n++;
  }
  denied(): void {}
  traded(): void {}
  async flush(): Promise<void> {}
}

export const cycleSuite: BenchSuite = {
  name: 'cycle',
  cases: () => [],
  async results(): Promise<BenchResult[]> {
    const config = loadConfig({});
    const series = defaultRegistry.all().map((inst, k) => {
      const { open, high, low, close, volume } = randomWalkOhlcv(HISTORY + CYCLES + 1, 100 + k);
      const candles: Candle[] = Array.from({ length: HISTORY + CYCLES + 1 }, (_, i) => ({
        time: T0 + i * HOUR_MS,
        open: open[i]!,
        high: high[i]!,
        low: low[i]!,
        close: close[i]!,
        volume: inst.volumeKnown ? volume[i]! : null,
      }));
      return { symbol: inst.id as SymbolId, timeframe: '1h' as const, candles, shiftWeeks: 0 };
    });
    const start = T0 + HISTORY * HOUR_MS;
    const clock = new SimulatedClock(start);
    const journal = new CountingJournal();
    const { loop } = composeDemo(config, { series, start: T0, end: start + CYCLES * HOUR_MS }, clock, start, {
      journal,
      execution: new MemoryExecutionJournal(),
      namespace: 'bench',
    });
    await loop.step(start); // back-fill
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let c = 1; c <= CYCLES; c++) {
      const t = start + c * HOUR_MS;
      await clock.advanceTo(t);
      const u0 = process.cpuUsage();
      const w0 = performance.now();
      await loop.step(t);
      wall.push(performance.now() - w0);
      const u = process.cpuUsage(u0);
      cpu.push((u.user + u.system) / 1000);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const round = (x: number) => Math.round(x * 1000) / 1000;
    return [
      {
        name: 'analysis_cycle_36x2_cpu',
        unit: 'cycles',
        units: 1,
        runs: CYCLES,
        median_ms: round(median(cpu)),
        min_ms: round(Math.min(...cpu)),
        per_second: Math.round(1000 / median(cpu)),
      },
      {
        name: 'analysis_cycle_36x2_wall',
        unit: 'cycles',
        units: 1,
        runs: CYCLES,
        median_ms: round(median(wall)),
        min_ms: round(Math.min(...wall)),
        per_second: Math.round(1000 / median(wall)),
      },
    ];
  },
};
