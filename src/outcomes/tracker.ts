// The outcome tracker job (every 5 minutes): for each journaled candidate whose outcome is still
// open, read the 1h bars since it became known from the broker and record prices and verdict.
import type { Broker } from '../domain/broker.js';
import type { SymbolId } from '../domain/ids.js';
import { HOUR_MS } from '../domain/timeframe.js';
import { pendingOutcomes, saveOutcome } from '../store/outcomes-repo.js';
import type { Session } from '../store/store.js';
import { evaluateOutcome } from './outcome.js';

export async function trackOutcomes(
  session: Session,
  broker: Broker,
  runId: string,
  now: number,
): Promise<number> {
  const pending = await pendingOutcomes(session, runId, now - HOUR_MS);
  const bars = new Map<string, Awaited<ReturnType<Broker['fetchCandles']>>>();
  let resolved = 0;
  for (const p of pending) {
    const key = `${p.symbol}|${p.knownAt}`;
    let series = bars.get(key);
    if (!series) {
      series = await broker.fetchCandles(p.symbol as SymbolId, '1h', p.knownAt);
      bars.set(key, series);
    }
    const o = evaluateOutcome(p, series, now);
    await saveOutcome(session, p.id, o, now);
    if (o.verdict !== null) resolved++;
  }
  return resolved;
}
