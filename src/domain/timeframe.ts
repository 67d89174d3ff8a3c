export const Timeframes = ['1h', '4h'] as const;
export type Timeframe = (typeof Timeframes)[number];

export const HOUR_MS = 3_600_000;

export const timeframeMs: Readonly<Record<Timeframe, number>> = Object.freeze({
  '1h': HOUR_MS,
  '4h': 4 * HOUR_MS,
});

export function isTimeframe(value: string): value is Timeframe {
  return (Timeframes as readonly string[]).includes(value);
}
