// Trading rules from `GET /markets/{epic}` (Version 3, brokers.md §2.6): levels carry
// `snapshot.decimalPlacesFactor` decimals, the smallest deal is `dealingRules.minDealSize` (in
// POINTS, i.e. shares here). IG states no size step; the registry's stands. An epic IG does not
// know (404 epic.unavailable) or an answer we cannot read is an error naming the instrument.
import { RejectedError } from '../../domain/errors.js';
import type { Instrument } from '../../domain/instruments/types.js';
import type { VenueInstrumentSpec } from '../instrument-spec.js';
import type { IgCall } from './errors.js';
import type { IgHttp } from './http.js';
import { marketRulesResponse } from './schemas.js';

const ENDPOINT = '/markets/{epic}';

export async function readInstrumentSpec(http: IgHttp, instrument: Instrument): Promise<VenueInstrumentSpec> {
  const epic = instrument.venueSymbol;
  const name = `${instrument.id} (epic ${epic})`;
  let res: Awaited<ReturnType<IgHttp['request']>>;
  try {
    res = await http.request({
      method: 'GET',
      endpoint: ENDPOINT,
      path: `/markets/${encodeURIComponent(epic)}`,
      version: 3,
    });
  } catch (error) {
    // IG answers an epic it does not list with a 404 refusal: for the refresh that is fatal.
    if (error instanceof RejectedError && 'call' in error) {
      return http.fail(error.call as IgCall, 'fatal', `${name} is unknown to IG: ${error.message}`);
    }
    throw error;
  }
  const parsed = marketRulesResponse.safeParse(res.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return http.fail(
      res.call,
      'fatal',
      `${name}: unusable market (${issue?.path.join('.')}: ${issue?.message})`,
    );
  }
  const { dealingRules, snapshot, instrument: market } = parsed.data;
  if (market.epic !== epic)
    return http.fail(res.call, 'fatal', `${name}: IG answered for epic ${market.epic}`);
  if (dealingRules.minDealSize.unit !== 'POINTS') {
    return http.fail(
      res.call,
      'fatal',
      `${name}: minDealSize in ${dealingRules.minDealSize.unit}, not POINTS`,
    );
  }
  return {
    symbol: instrument.id,
    pricePrecision: snapshot.decimalPlacesFactor,
    minSize: dealingRules.minDealSize.value,
  };
}
