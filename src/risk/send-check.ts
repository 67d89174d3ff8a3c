// The send-time re-check (SPEC §9): between the signal and the order the market moves, so the
// entry is checked again against the live price (simulation: the next bar's open). Any failure is
// STALE_SIGNAL: the signal as validated no longer exists.
import type { EvaluatedCandidate } from '../domain/divergence.js';
import { type Instrument, roundTripCostPerUnit } from '../domain/instruments/index.js';
import { timeframeMs } from '../domain/timeframe.js';
import { blendedRewardRisk } from '../signals/validator/measures.js';
import type { RuleInputs } from '../signals/validator/rule-inputs.js';
import type { MarketSnapshot } from './blackouts.js';
import { type Denial, deny, fmt } from './denial.js';
import type { RiskSettings } from './settings.js';

export type SendCheckSettings = Pick<
  RiskSettings,
  | 'MAX_SIGNAL_AGE_BARS'
  | 'MIN_RISK_REWARD'
  | 'TP1_CLOSE_PCT'
  | 'MIN_ATR_MULTIPLE'
  | 'MAX_ATR_MULTIPLE'
  | 'ENTRY_MODE'
>;

/** Whole bars of the signal's timeframe since it became tradable (wall time: a closure ages it). */
export function signalAgeBars(
  candidate: Pick<EvaluatedCandidate, 'timeframe'>,
  tradableAt: number,
  at: number,
): number {
  if (candidate.timeframe === undefined) return Number.NaN;
  return Math.floor((at - tradableAt) / timeframeMs[candidate.timeframe]);
}

/** The price the order is sized and checked at: the live price, or the limit at the reference entry. */
export function sendEntryPrice(
  candidate: Pick<EvaluatedCandidate, 'entry'>,
  market: Pick<MarketSnapshot, 'price'>,
  settings: Pick<RiskSettings, 'ENTRY_MODE'>,
): number {
  return settings.ENTRY_MODE === 'limit' ? candidate.entry : market.price;
}

export function recheckAtSend(
  candidate: EvaluatedCandidate,
  instrument: Pick<Instrument, 'costs'>,
  tradableAt: number,
  market: MarketSnapshot,
  settings: SendCheckSettings,
): Denial | undefined {
  const age = signalAgeBars(candidate, tradableAt, market.at);
  if (!(age >= 0))
    return deny('STALE_SIGNAL', `signal is not tradable at ${market.at} (tradable from ${tradableAt})`);
  if (age > settings.MAX_SIGNAL_AGE_BARS) {
    return deny(
      'STALE_SIGNAL',
      `tradable for ${age} bars, more than MAX_SIGNAL_AGE_BARS ${settings.MAX_SIGNAL_AGE_BARS}`,
    );
  }
  const { direction, stop, tp1, tp2, atr } = candidate;
  const s = direction === 'long' ? 1 : -1;
  const live = market.price;
  if (!Number.isFinite(live)) return deny('STALE_SIGNAL', `no live price`);
  if ((live - stop) * s <= 0) return deny('STALE_SIGNAL', `price ${live} is past the stop ${stop}`);
  if ((tp1 - live) * s <= 0) return deny('STALE_SIGNAL', `price ${live} is past TP1 ${tp1}`);
  const entry = sendEntryPrice(candidate, market, settings);
  const inputs: Pick<RuleInputs, 'direction' | 'entry' | 'stop' | 'tp1' | 'tp2' | 'roundTripCost'> = {
    direction,
    entry,
    stop,
    tp1,
    tp2,
    roundTripCost: roundTripCostPerUnit(instrument, entry, market.barSpread),
  };
  // blendedRewardRisk reads only these fields of RuleInputs: the same formula as rule 4.
  const rr = blendedRewardRisk(inputs as RuleInputs, settings.TP1_CLOSE_PCT);
  if (!(rr >= settings.MIN_RISK_REWARD)) {
    return deny('STALE_SIGNAL', `reward/risk at ${entry} is ${fmt(rr)} < ${settings.MIN_RISK_REWARD}`);
  }
  const multiple = Math.abs(entry - stop) / atr;
  if (!(atr > 0) || !(multiple >= settings.MIN_ATR_MULTIPLE && multiple <= settings.MAX_ATR_MULTIPLE)) {
    return deny(
      'STALE_SIGNAL',
      `stop at ${fmt(multiple)} ATR from ${entry}, outside ${settings.MIN_ATR_MULTIPLE}..${settings.MAX_ATR_MULTIPLE}`,
    );
  }
  return undefined;
}
