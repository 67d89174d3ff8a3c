// Position and trade limits (SPEC §9): instrument switches, one position per symbol, positions
// per broker, correlation groups by direction of exposure, trades per trading day, cooldown.
import { brokerSetting } from '../config/index.js';
import type { Direction } from '../domain/divergence.js';
import type { SymbolId } from '../domain/ids.js';
import { exposureDirections, type Instrument } from '../domain/instruments/index.js';
import { type Timeframe, timeframeMs } from '../domain/timeframe.js';
import type { RiskBookView } from './book.js';
import { type Denial, deny } from './denial.js';
import { openTimeBetween } from './market-time.js';
import type { RiskSettings } from './settings.js';
import { tradingDayStart } from './trading-day.js';

/** Run-time switches per instrument (CLI, dashboard), applied without a restart. */
export interface InstrumentControl {
  readonly disabled: boolean;
  /** Scales the risk amount; 1 = as configured. */
  readonly riskMultiplier: number;
}

export const DEFAULT_CONTROL: InstrumentControl = Object.freeze({ disabled: false, riskMultiplier: 1 });

export function checkInstrument(
  instrument: Instrument,
  direction: Direction,
  control: InstrumentControl,
): Denial | undefined {
  // A multiplier that is not a positive number is a switch turned off, not a tiny size.
  if (control.disabled || !(control.riskMultiplier > 0) || !Number.isFinite(control.riskMultiplier)) {
    return deny('INSTRUMENT_DISABLED', `${instrument.id} is disabled at run time`);
  }
  if (direction === 'short' && !instrument.canShort) {
    return deny(
      'CANNOT_SHORT',
      `${instrument.id} cannot be shorted (${instrument.broker} spot): journaled only`,
    );
  }
  return undefined;
}

type PositionLimitSettings = Parameters<typeof brokerSetting>[0];

export function checkPositions(
  instrument: Instrument,
  direction: Direction,
  book: Pick<RiskBookView, 'positions'>,
  settings: PositionLimitSettings,
): Denial | undefined {
  if (book.positions.some((p) => p.instrument.id === instrument.id)) {
    return deny('SYMBOL_HAS_POSITION', `${instrument.id} already has a position or working entry`);
  }
  const broker = instrument.broker;
  const maxPositions = brokerSetting(settings, 'MAX_OPEN_POSITIONS', broker);
  const onBroker = book.positions.filter((p) => p.instrument.broker === broker).length;
  if (onBroker >= maxPositions) {
    return deny('MAX_POSITIONS_BROKER', `${onBroker} positions on ${broker}, maximum ${maxPositions}`);
  }
  // Groups span brokers; the limit is the one configured for the new trade's broker.
  const maxGroup = brokerSetting(settings, 'MAX_CORRELATION_EXPOSURE', broker);
  for (const exposure of exposureDirections(instrument, direction)) {
    const same = book.positions.filter((p) =>
      exposureDirections(p.instrument, p.direction).some(
        (e) => e.group === exposure.group && e.direction === exposure.direction,
      ),
    ).length;
    if (same >= maxGroup) {
      return deny(
        'CORRELATION_GROUP_FULL',
        `${same} positions ${exposure.direction} ${exposure.group}, maximum ${maxGroup}`,
      );
    }
  }
  return undefined;
}

export function checkTradesToday(
  symbol: SymbolId,
  at: number,
  book: Pick<RiskBookView, 'entries'>,
  settings: Pick<RiskSettings, 'MAX_TRADES_PER_DAY' | 'MAX_TRADES_PER_DAY_SYMBOL' | 'TRADING_DAY_START'>,
): Denial | undefined {
  const dayStart = tradingDayStart(at, settings.TRADING_DAY_START);
  const today = book.entries.filter((e) => e.at >= dayStart && e.at <= at);
  if (today.length >= settings.MAX_TRADES_PER_DAY) {
    return deny('MAX_TRADES_PER_DAY', `${today.length} trades today, maximum ${settings.MAX_TRADES_PER_DAY}`);
  }
  const onSymbol = today.filter((e) => e.symbol === symbol).length;
  if (onSymbol >= settings.MAX_TRADES_PER_DAY_SYMBOL) {
    return deny(
      'MAX_TRADES_PER_DAY_SYMBOL',
      `${onSymbol} trades on ${symbol} today, maximum ${settings.MAX_TRADES_PER_DAY_SYMBOL}`,
    );
  }
  return undefined;
}

/**
 * No entry on a symbol and timeframe until COOLDOWN_BARS_AFTER_STOP bars of open-market time
 * have passed since a stop-out (a weekend or night does not count toward it).
 */
export function checkCooldown(
  instrument: Instrument,
  timeframe: Timeframe,
  at: number,
  book: Pick<RiskBookView, 'stopOuts'>,
  settings: Pick<RiskSettings, 'COOLDOWN_BARS_AFTER_STOP'>,
): Denial | undefined {
  const bars = settings.COOLDOWN_BARS_AFTER_STOP;
  if (bars === 0) return undefined;
  const needed = bars * timeframeMs[timeframe];
  for (const s of book.stopOuts) {
    if (s.symbol !== instrument.id || s.timeframe !== timeframe) continue;
    // A stop-out stamped after `at` (clock skew) counts as just now: fail closed.
    const elapsed = openTimeBetween(instrument, s.at, at, needed);
    if (elapsed < needed) {
      const done = Math.floor(elapsed / timeframeMs[timeframe]);
      return deny(
        'COOLDOWN_AFTER_STOP',
        `${instrument.id} ${timeframe} stopped out ${done} of ${bars} bars ago`,
      );
    }
  }
  return undefined;
}
