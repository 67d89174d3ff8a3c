// The SimulatedBroker as a contract-suite venue: EUR_USD on a Tuesday morning (far from the
// rollover), each market move one 1h bar starting at the clock's time.
import Big from 'big.js';
import { SimulatedClock } from '../../../clock/simulated-clock.js';
import { defaultRegistry } from '../../../domain/instruments/index.js';
import { HOUR_MS } from '../../../domain/timeframe.js';
import type { ContractHarness } from '../../contract/broker-contract-harness.js';
import { SimulatedBroker } from '../simulated-broker.js';

export const HARNESS_START = Date.parse('2026-01-06T10:00:00Z');

export async function simulatedHarness(): Promise<ContractHarness & { broker: SimulatedBroker }> {
  const clock = new SimulatedClock(HARNESS_START);
  const broker = new SimulatedBroker({
    clock,
    registry: defaultRegistry,
    accountCurrency: 'USD',
    startingCash: 100_000,
  });
  const instrument = defaultRegistry.get('EUR_USD');
  return {
    broker,
    symbol: instrument.id,
    instrument,
    referencePrice: 1.1,
    qty: new Big(10_000),
    noShort: { symbol: defaultRegistry.get('BTC/USDT').id, qty: new Big('0.01') },
    market: {
      // Orders placed before this call fill at this bar's open: the bar starts at the clock's now.
      async next(move) {
        const time = clock.now();
        await clock.advanceTo(time + HOUR_MS);
        broker.onBar(instrument.id, { time, ...move, volume: null });
      },
    },
    faults: {
      loseNextResponse: () => broker.faults.loseNextResponse(),
      failPositionsQuery: () => broker.faults.failPositionsQuery(),
    },
    capabilities: { barDriven: true, stopFirstInsideBar: true },
    teardown: () => broker.close(),
  };
}
