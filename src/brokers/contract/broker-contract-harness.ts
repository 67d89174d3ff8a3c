// What a venue gives the Broker contract suite: a broker, one instrument to trade, and a way to
// move that instrument's market. The simulated harness feeds a 1h bar; a fake-server harness
// moves its fake prices through the bar and lets its resting orders fill.
import type Big from 'big.js';
import type { Broker } from '../../domain/broker.js';
import type { SymbolId } from '../../domain/ids.js';
import type { Instrument } from '../../domain/instruments/index.js';

/** One bar of the market's mid price; the venue quotes its bid and ask around it. */
export interface BarMove {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

export interface MarketDriver {
  /**
   * Moves the market through one bar (open, then high and low, then close) and resolves once
   * everything the venue does about it (fills, closed positions) is visible through the port.
   */
  next(bar: BarMove): Promise<void>;
}

/** Behaviour that differs between venues, declared rather than assumed. */
export interface ContractCapabilities {
  /** Orders and closes fill at the next bar's open (the SimulatedBroker), not on placement. */
  readonly barDriven: boolean;
  /**
   * A bar touching both the stop and the target fills the stop: true where the venue cannot see
   * inside a bar (bar-driven); a tick-driven fake fills whichever level it passes first.
   */
  readonly stopFirstInsideBar: boolean;
}

/** Switches the suite needs; a harness without them skips the fault tests. */
export interface ContractFaults {
  /** The next placeOrder/closePosition takes effect, but its caller gets AmbiguousOrderError. */
  loseNextResponse(): void;
  /** The next fetchPositions fails. */
  failPositionsQuery(): void;
}

export interface ContractHarness {
  readonly broker: Broker;
  /** The instrument to trade (shorted where it can be: the short tests skip otherwise). */
  readonly symbol: SymbolId;
  readonly instrument: Instrument;
  /** Where the market's mid starts; quiet bars stay within 0.3% of it. */
  readonly referencePrice: number;
  /** A valid order size with an even number of size steps, so half of it can be closed. */
  readonly qty: Big;
  /** An instrument that cannot be shorted (Binance spot), with a valid size; absent: skipped. */
  readonly noShort?: { readonly symbol: SymbolId; readonly qty: Big };
  readonly market: MarketDriver;
  readonly faults?: ContractFaults;
  readonly capabilities: ContractCapabilities;
  teardown(): Promise<void>;
}

export type ContractSetup = () => Promise<ContractHarness>;
