// The venue adapters paper and live mode trade through (SPEC §11): one per enabled broker, with
// its base URL and credentials from the configuration and time from the run's Clock. A missing
// credential stops start-up naming the variable (exit 2).
import { BinanceBroker, type BinanceBrokerOptions } from '../../brokers/binance/binance-broker.js';
import { IgBroker, type IgBrokerOptions } from '../../brokers/ig/ig-broker.js';
import type { InstrumentSpecSource } from '../../brokers/instrument-spec.js';
import { OandaBroker, type OandaBrokerOptions } from '../../brokers/oanda/oanda-broker.js';
import { enabledBrokers, missingBrokerSecrets, venueBaseUrl } from '../../config/live.js';
import type { Config } from '../../config/schema.js';
import type { Broker } from '../../domain/broker.js';
import type { Clock } from '../../domain/clock.js';
import { ConfigError } from '../../domain/errors.js';
import type { Instrument } from '../../domain/instruments/index.js';
import type { InstrumentRegistry } from '../../domain/instruments/registry.js';
import type { BrokerId } from '../../domain/instruments/types.js';

/** Each adapter also answers for its instruments' trading rules (the start-up registry refresh). */
export type Venue = Broker & InstrumentSpecSource;
export type Venues = Partial<Record<BrokerId, Venue>>;

/** Adapter options beyond the configuration (tests: pacing for an accelerated clock). */
export interface VenueTuning {
  readonly oanda?: Partial<OandaBrokerOptions>;
  readonly binance?: Partial<BinanceBrokerOptions>;
  readonly ig?: Partial<IgBrokerOptions>;
}

/** The enabled brokers that have at least one selected instrument. */
export function tradedBrokers(config: Config, instruments: readonly Instrument[]): BrokerId[] {
  return enabledBrokers(config).filter((b) => instruments.some((i) => i.broker === b));
}

export function buildVenues(
  config: Config,
  registry: InstrumentRegistry,
  instruments: readonly Instrument[],
  clock: Clock,
  tuning: VenueTuning = {},
): Venues {
  const brokers = tradedBrokers(config, instruments);
  const missing = brokers.flatMap((b) =>
    missingBrokerSecrets(config, b).map((variable) => ({
      variable,
      message: `needed to trade on ${b} in ${config.MODE} mode (or leave ${b} out of BROKERS)`,
    })),
  );
  if (missing.length > 0) throw new ConfigError(missing);
  const now = () => clock.now();
  const venues: Venues = {};
  for (const b of brokers) venues[b] = build(b, config, registry, instruments, now, tuning);
  return venues;
}

function build(
  broker: BrokerId,
  config: Config,
  registry: InstrumentRegistry,
  instruments: readonly Instrument[],
  now: () => number,
  tuning: VenueTuning,
): Venue {
  const baseUrl = venueBaseUrl(config, broker);
  switch (broker) {
    case 'oanda':
      return new OandaBroker({
        baseUrl,
        token: config.OANDA_API_TOKEN!,
        accountId: config.OANDA_ACCOUNT_ID!,
        registry,
        now,
        ...tuning.oanda,
      });
    case 'binance':
      return new BinanceBroker({
        baseUrl,
        apiKey: config.BINANCE_API_KEY!,
        secret: config.BINANCE_API_SECRET!,
        live: config.MODE === 'live',
        registry,
        symbols: instruments.filter((i) => i.broker === 'binance').map((i) => i.id),
        now,
        ...tuning.binance,
      });
    case 'ig':
      return new IgBroker({
        baseUrl,
        apiKey: config.IG_API_KEY!,
        identifier: config.IG_USERNAME!,
        password: config.IG_PASSWORD!,
        registry,
        yahoo: { baseUrl: config.YAHOO_BASE_URL },
        now,
        ...tuning.ig,
      });
  }
}
