// Adapter pacing for tests on an accelerated clock: the venues' per-minute allowances and ccxt's
// own throttle are real-time waits, meant for real time.
import type { VenueTuning } from '../venues.js';

export const FAST_VENUES: VenueTuning = {
  binance: { enableRateLimit: false, timeoutMs: 2000 },
  oanda: { timeoutMs: 2000 },
  ig: {
    limits: { nonTradingPerMinute: 100_000, tradingPerMinute: 100_000 },
    confirmDelayMs: 5,
    timeoutMs: 2000,
  },
};
