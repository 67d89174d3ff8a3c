// Adapter pacing for the soak: the venues' per-minute allowances, ccxt's throttle and IG's
// allowance back-off are real-time waits meant for real time, and the soak runs a simulated year
// in minutes. Timeouts are short so a held-back answer (fault-plan.ts DELAY_MS) times out fast.
import type { VenueTuning } from '../run/paper/venues.js';

export const SOAK_TIMEOUT_MS = 300;

export const SOAK_VENUES: VenueTuning = {
  binance: { enableRateLimit: false, timeoutMs: SOAK_TIMEOUT_MS },
  oanda: { timeoutMs: SOAK_TIMEOUT_MS },
  ig: {
    limits: { nonTradingPerMinute: 1_000_000, tradingPerMinute: 1_000_000, backoffMs: 20 },
    confirmDelayMs: 5,
    timeoutMs: SOAK_TIMEOUT_MS,
  },
};
