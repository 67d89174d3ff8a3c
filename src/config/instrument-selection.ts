import type { InstrumentSelection } from '../domain/instruments/index.js';
import type { Config } from './schema.js';

/** What `BROKERS` and `SYMBOLS` ask the instrument registry for (unset: every one). */
export function instrumentSelection(config: Pick<Config, 'BROKERS' | 'SYMBOLS'>): InstrumentSelection {
  return {
    ...(config.BROKERS ? { brokers: config.BROKERS } : {}),
    ...(config.SYMBOLS ? { symbols: config.SYMBOLS } : {}),
  };
}
