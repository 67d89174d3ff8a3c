// Scripted entries: the pipeline's own divergences come a few a week, too rare for the order path
// to meet many faults. Now and then the soak hands the risk gate a signal of its own at the
// current price (as the paper-mode tests do), which the gate may deny and the engine then trades
// through the same two tickets, stops, targets and monitor as any other.
import type { EvaluatedCandidate } from '../domain/divergence.js';
import type { SymbolId } from '../domain/ids.js';
import { HOUR_MS } from '../domain/timeframe.js';
import type { PaperSession } from '../run/paper/paper-session.js';
import type { Random } from './random.js';
import type { SoakSummary } from './soak-summary.js';

export async function scriptedEntry(
  session: PaperSession,
  t: number,
  random: Random,
  summary: SoakSummary,
): Promise<void> {
  const free = session.feeds.map((f) => f.symbol).filter((s) => session.engine.active(s).length === 0);
  if (free.length === 0) return;
  const symbol = random.pick(free) as SymbolId;
  const spot = session.registry.get(symbol).broker === 'binance';
  const long = spot || random.chance(0.5);
  try {
    const ticker = await session.broker.fetchTicker(symbol);
    const price = (ticker.bid + ticker.ask) / 2;
    const atr = price * 0.01;
    const sign = long ? 1 : -1;
    const signal: EvaluatedCandidate = {
      symbol,
      timeframe: '1h',
      type: long ? 'regular_bullish' : 'regular_bearish',
      direction: long ? 'long' : 'short',
      oscillators: [],
      // Off the hour: never the pivots of a real divergence, so never its position id.
      pivot1: { index: 80, time: t - 30 * HOUR_MS + 7, price: price - sign * 2 * atr },
      pivot2: { index: 95, time: t - 6 * HOUR_MS + 7, price: price - sign * 2 * atr },
      knownAt: { index: 100, time: t - HOUR_MS },
      entry: price,
      stop: price - sign * 3 * atr,
      tp1: price + sign * 3 * atr,
      tp2: price + sign * 9 * atr,
      atr,
      score: 7,
      confidence: null,
      verdicts: [],
      rejectedBy: null,
      accepted: true,
    };
    const decision = await session.risk.evaluate(signal, t, undefined);
    if (!decision.ok) {
      summary.scripted.denied[decision.code] = (summary.scripted.denied[decision.code] ?? 0) + 1;
      return;
    }
    await session.engine.open(signal, decision.tickets, t);
    summary.scripted.opened++;
  } catch (e) {
    const key = e instanceof Error ? e.constructor.name : typeof e;
    summary.scripted.failed[key] = (summary.scripted.failed[key] ?? 0) + 1;
  }
}
