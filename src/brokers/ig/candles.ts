// Candles for non-share epics from GET /prices/{epic} (Version 3): mid of bid and ask, stamped by
// `snapshotTimeUTC` (UTC without a zone; `snapshotTime` is account-local and never read). Every
// point returned costs weekly allowance, so the remaining budget is tracked from each answer.
import type { Candle } from '../../domain/candle.js';
import { type Timeframe, timeframeMs } from '../../domain/timeframe.js';
import type { IgHttp } from './http.js';
import { formatUtc, parseUtc, pricesResponse } from './schemas.js';

const RESOLUTION: Record<Timeframe, string> = { '1h': 'HOUR', '4h': 'HOUR_4' };
const mid = (p: { bid?: number | null | undefined; ask?: number | null | undefined }) =>
  p.bid != null && p.ask != null ? (p.bid + p.ask) / 2 : (p.bid ?? p.ask ?? Number.NaN);

export class IgCandles {
  constructor(
    readonly http: IgHttp,
    readonly now: () => number,
  ) {}

  async read(epic: string, timeframe: Timeframe, since?: number): Promise<Candle[]> {
    const step = timeframeMs[timeframe];
    const now = this.now();
    const from = since ?? now - 200 * step;
    const res = await this.http.request({
      method: 'GET',
      endpoint: '/prices/{epic}',
      path: `/prices/${encodeURIComponent(epic)}`,
      version: 3,
      history: true,
      query: { resolution: RESOLUTION[timeframe], from: formatUtc(from), to: formatUtc(now), pageSize: '0' },
    });
    const body = this.http.parse(pricesResponse, res);
    const { remainingAllowance, allowanceExpiry } = body.metadata.allowance;
    this.http.limiter.historyRemaining = remainingAllowance;
    if (remainingAllowance <= 0) this.http.limiter.block('history', allowanceExpiry * 1000);
    return body.prices
      .map((p) => ({
        time: parseUtc(p.snapshotTimeUTC),
        open: mid(p.openPrice),
        high: mid(p.highPrice),
        low: mid(p.lowPrice),
        close: mid(p.closePrice),
        volume: p.lastTradedVolume ?? null,
      }))
      .filter((c) => c.time + step <= now && c.time >= from && Number.isFinite(c.close));
  }
}
