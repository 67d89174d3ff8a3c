// Trading rules from `GET /v3/accounts/{accountID}/instruments?instruments=…` (brokers.md §1.10):
// prices carry `displayPrecision` decimals, units `tradeUnitsPrecision`, the minimum is
// `minimumTradeSize`. Each instrument is read on its own, so junk names the instrument it is for,
// and one the account does not offer is an error, never silently the default.

import { tickForDecimals } from '../../domain/instruments/precision.js';
import type { Instrument } from '../../domain/instruments/types.js';
import type { VenueInstrumentSpec } from '../instrument-spec.js';
import { oandaError } from './errors.js';
import type { OandaHttp } from './http.js';
import { accountInstrument, accountInstrumentsResponse } from './schemas.js';

export const INSTRUMENTS_ENDPOINT = '/v3/accounts/{accountID}/instruments';

export async function readInstrumentSpecs(
  http: OandaHttp,
  accountPath: string,
  instruments: readonly Instrument[],
  token: string,
): Promise<VenueInstrumentSpec[]> {
  if (instruments.length === 0) return [];
  const res = await http.request({
    method: 'GET',
    endpoint: INSTRUMENTS_ENDPOINT,
    path: `${accountPath}/instruments`,
    query: { instruments: instruments.map((i) => i.venueSymbol).join(',') },
  });
  const listed = http.parse(accountInstrumentsResponse, res).instruments;
  const fail = (detail: string) => oandaError({ kind: 'fatal', call: res.call, detail }, token);
  return instruments.map((instrument) => {
    const raw = listed.find((l) => l.name === instrument.venueSymbol);
    if (raw === undefined) throw fail(`${instrument.id} is not offered by this account`);
    const parsed = accountInstrument.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw fail(`${instrument.id}: unusable instrument (${issue?.path.join('.')}: ${issue?.message})`);
    }
    const { displayPrecision, tradeUnitsPrecision, minimumTradeSize } = parsed.data;
    const sizeStep = tickForDecimals(tradeUnitsPrecision);
    const minSize = Number(minimumTradeSize);
    // A minimum off the unit step (0.5 with whole units) cannot be traded as written.
    if (!(minSize > 0) || Math.abs(minSize / sizeStep - Math.round(minSize / sizeStep)) > 1e-9)
      throw fail(
        `${instrument.id}: minimumTradeSize ${minimumTradeSize} is not a positive multiple of ${sizeStep}`,
      );
    return { symbol: instrument.id, pricePrecision: displayPrecision, sizeStep, minSize };
  });
}
