// Bars and a store for the fetch tests: deterministic 1h bars from a start, and an in-memory
// PGlite store with the migrations applied.
import { openStore, type Store } from '../../store/index.js';

const HOUR = 3_600_000;

export interface Bar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** `count` hourly bars from `start` (every `spacing` ms), a gentle wave around `base`. */
export function bars(start: number, count: number, base: number, spacing = HOUR): Bar[] {
  return Array.from({ length: count }, (_, i) => {
    const open = base * (1 + 0.01 * Math.sin(i / 7));
    const close = base * (1 + 0.01 * Math.sin((i + 1) / 7));
    const round = (x: number) => Math.round(x * 1e5) / 1e5;
    return {
      time: start + i * spacing,
      open: round(open),
      high: round(Math.max(open, close) * 1.001),
      low: round(Math.min(open, close) * 0.999),
      close: round(close),
      volume: 100 + i,
    };
  });
}

export async function memoryStore(): Promise<Store> {
  const store = await openStore({ dataDir: 'unused', memory: true });
  await store.migrate();
  return store;
}
