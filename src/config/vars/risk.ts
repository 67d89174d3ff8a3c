import { brokerSettingFields } from '../broker-overrides.js';
import {
  enumField,
  formatTimeOfDayInZone,
  integerField,
  numberField,
  type TimeOfDayInZone,
  timeOfDayInZoneField,
} from '../fields.js';
import { optionalSetting, setting } from '../var-def.js';

export const WEEKEND_POLICIES = ['hold', 'reduce', 'flatten'] as const;
export const HALT_ACTIONS = ['keep', 'flatten'] as const;

const risk = { group: 'risk' } as const;
const pct = () => numberField({ gt: 0, max: 100 });
const count = (min: number) => integerField({ min });

export const riskVars = {
  RISK_PER_TRADE_PCT: setting(brokerSettingFields.RISK_PER_TRADE_PCT(), 1, {
    ...risk,
    meaning: 'Risk per trade, % of equity; per broker with _BINANCE/_OANDA/_IG',
  }),
  MAX_NOTIONAL_PCT: setting(numberField({ gt: 0, max: 10_000 }), 500, {
    ...risk,
    meaning: 'Largest position notional, % of equity',
  }),
  MAX_COST_R: setting(numberField({ gt: 0 }), 0.2, {
    ...risk,
    meaning: 'Deny a trade whose round-trip costs exceed this fraction of its risk',
  }),
  MAX_OPEN_RISK_PCT: setting(pct(), 4, {
    ...risk,
    meaning: 'Most open risk (sum of risk to each stop), % of equity',
  }),
  MAX_CURRENCY_RISK_PCT: setting(pct(), 3, {
    ...risk,
    meaning: 'Most risk per currency (signed legs), % of equity',
  }),
  MAX_MARGIN_USE_PCT: setting(pct(), 50, {
    ...risk,
    meaning: "Most margin or cash used, % of each broker's free margin",
  }),
  MAX_OPEN_POSITIONS: optionalSetting(brokerSettingFields.MAX_OPEN_POSITIONS(), {
    ...risk,
    meaning: 'Most open positions per broker, for every broker; _BINANCE/_OANDA/_IG set one broker',
    defaultProse: '(per broker: 2, 5, 5)',
  }),
  MAX_CORRELATION_EXPOSURE: setting(brokerSettingFields.MAX_CORRELATION_EXPOSURE(), 3, {
    ...risk,
    meaning: 'Most positions per correlation group and direction, portfolio-wide; per broker with suffixes',
  }),
  MAX_TRADES_PER_DAY: setting(count(1), 10, {
    ...risk,
    meaning: 'Most new trades per trading day, portfolio-wide',
  }),
  MAX_TRADES_PER_DAY_SYMBOL: setting(count(1), 2, {
    ...risk,
    meaning: 'Most new trades per trading day per symbol',
  }),
  COOLDOWN_BARS_AFTER_STOP: setting(count(0), 6, {
    ...risk,
    meaning: 'Bars without entries on a symbol and timeframe after a stop-out',
  }),
  MAX_CONSECUTIVE_LOSSES: setting(count(1), 5, {
    ...risk,
    meaning: 'Consecutive losses that switch to PAUSED',
  }),
  MAX_SIGNAL_AGE_BARS: setting(count(0), 1, {
    ...risk,
    meaning: 'A signal tradable for more bars than this is not sent (STALE_SIGNAL)',
  }),
  NO_ENTRY_BEFORE_CLOSE_MIN: setting(count(0), 60, {
    ...risk,
    meaning: "No entries this many minutes before a session's or the week's close",
  }),
  NEWS_BLACKOUT_MIN: setting(count(0), 30, {
    ...risk,
    meaning: 'No entries within this many minutes of an economic-calendar event',
  }),
  EARNINGS_BLACKOUT_DAYS: setting(count(0), 1, {
    ...risk,
    meaning: "No entries within this many days of a stock's earnings",
  }),
  WEEKEND_POLICY: setting(enumField(WEEKEND_POLICIES), 'hold', {
    ...risk,
    meaning: 'FX and CFD positions over the weekend: hold, reduce or flatten',
  }),
  MAX_DAILY_LOSS_PCT: setting(pct(), 3, {
    ...risk,
    meaning: 'Daily loss (realized + unrealized), % of equity, that switches to REDUCING',
  }),
  TRADING_DAY_START: setting(
    timeOfDayInZoneField(),
    { hour: 17, minute: 0, timeZone: 'America/New_York' },
    {
      ...risk,
      meaning: 'Start of the trading day for daily limits: HH:MM and an IANA zone',
      defaultText: '17:00 America/New_York',
      display: (value) => formatTimeOfDayInZone(value as TimeOfDayInZone),
    },
  ),
  MAX_DRAWDOWN_PCT: setting(pct(), 15, {
    ...risk,
    meaning: 'Drawdown from the equity peak, %, that trips the kill switch (HALTED)',
  }),
  HALT_ACTION: setting(enumField(HALT_ACTIONS), 'keep', {
    ...risk,
    meaning: 'On HALTED: keep open positions with their protection, or flatten them',
  }),
  LIVE_RISK_SCALE: setting(numberField({ gt: 0, max: 1 }), 0.25, {
    ...risk,
    meaning: 'Risk multiplier for the first LIVE_RAMP_TRADES live trades',
  }),
  LIVE_RAMP_TRADES: setting(count(0), 50, {
    ...risk,
    meaning: 'Number of live trades run at LIVE_RISK_SCALE',
  }),
};
