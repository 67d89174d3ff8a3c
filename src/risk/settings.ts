// The configuration the risk manager reads, named exactly as SPEC §9/§17 (the parsed `Config`
// satisfies it, so callers pass the config object itself).
import type { brokerSetting, Config } from '../config/index.js';

type BrokerVariants = Parameters<typeof brokerSetting>[0];

export type RiskSettings = BrokerVariants &
  Pick<
    Config,
    | 'BASE_CURRENCY'
    | 'MAX_NOTIONAL_PCT'
    | 'MAX_COST_R'
    | 'MAX_OPEN_RISK_PCT'
    | 'MAX_CURRENCY_RISK_PCT'
    | 'MAX_MARGIN_USE_PCT'
    | 'BINANCE_ALLOCATION_USDT'
    | 'MAX_TRADES_PER_DAY'
    | 'MAX_TRADES_PER_DAY_SYMBOL'
    | 'COOLDOWN_BARS_AFTER_STOP'
    | 'MAX_CONSECUTIVE_LOSSES'
    | 'MAX_SIGNAL_AGE_BARS'
    | 'NO_ENTRY_BEFORE_CLOSE_MIN'
    | 'NEWS_BLACKOUT_MIN'
    | 'EARNINGS_BLACKOUT_DAYS'
    | 'WEEKEND_POLICY'
    | 'MAX_DAILY_LOSS_PCT'
    | 'TRADING_DAY_START'
    | 'MAX_DRAWDOWN_PCT'
    | 'HALT_ACTION'
    | 'LIVE_RISK_SCALE'
    | 'LIVE_RAMP_TRADES'
    | 'TP1_CLOSE_PCT'
    | 'MIN_RISK_REWARD'
    | 'MIN_ATR_MULTIPLE'
    | 'MAX_ATR_MULTIPLE'
    | 'ENTRY_MODE'
    | 'USE_MULTI_TF_CONFIRMATION'
  >;

/** `pct` per cent of `x`. */
export const percentOf = (x: number, pct: number): number => (x * pct) / 100;
