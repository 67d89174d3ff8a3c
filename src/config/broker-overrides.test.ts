import { describe, expect, it } from 'vitest';
import { BROKER_IDS, BROKER_SETTING_KEYS, brokerSetting } from './broker-overrides.js';
import { loadConfig } from './load.js';
import { messageFor } from './test-support/issues.js';

describe('per-broker overrides', () => {
  it('fall back to the base variable', () => {
    const config = loadConfig({ MIN_CONFIDENCE: '0.8', RISK_PER_TRADE_PCT: '0.5' });
    for (const broker of BROKER_IDS) {
      expect(brokerSetting(config, 'MIN_CONFIDENCE', broker)).toBe(0.8);
      expect(brokerSetting(config, 'RISK_PER_TRADE_PCT', broker)).toBe(0.5);
      expect(brokerSetting(config, 'MAX_CORRELATION_EXPOSURE', broker)).toBe(3);
    }
  });

  it('an override wins over the base, for its broker only', () => {
    const config = loadConfig({
      MIN_CONFIDENCE: '0.8',
      MIN_CONFIDENCE_BINANCE: '0.9',
      RISK_PER_TRADE_PCT_IG: '0.25',
    });
    expect(brokerSetting(config, 'MIN_CONFIDENCE', 'binance')).toBe(0.9);
    expect(brokerSetting(config, 'MIN_CONFIDENCE', 'oanda')).toBe(0.8);
    expect(brokerSetting(config, 'RISK_PER_TRADE_PCT', 'ig')).toBe(0.25);
    expect(brokerSetting(config, 'RISK_PER_TRADE_PCT', 'binance')).toBe(1);
  });

  it('MAX_OPEN_POSITIONS: override, else the base, else 2/5/5', () => {
    expect(
      ['binance', 'oanda', 'ig'].map((b) => brokerSetting(loadConfig({}), 'MAX_OPEN_POSITIONS', b as 'ig')),
    ).toEqual([2, 5, 5]);
    const base = loadConfig({ MAX_OPEN_POSITIONS: '3', MAX_OPEN_POSITIONS_OANDA: '7' });
    expect(
      brokerSetting(base, 'MAX_OPEN_POSITIONS', 'binance'),
      'a base set by a person beats the built-in 2',
    ).toBe(3);
    expect(brokerSetting(base, 'MAX_OPEN_POSITIONS', 'oanda')).toBe(7);
    expect(brokerSetting(base, 'MAX_OPEN_POSITIONS', 'ig')).toBe(3);
  });

  it('overrides are validated like their base', () => {
    expect(messageFor({ MIN_CONFIDENCE_OANDA: '1.5' }, 'MIN_CONFIDENCE_OANDA')).toBe(
      'must be >= 0 and <= 1, got 1.5',
    );
    expect(messageFor({ MAX_OPEN_POSITIONS_IG: '0' }, 'MAX_OPEN_POSITIONS_IG')).toBe('must be >= 1, got 0');
  });

  it('every key has all three variants in the parsed config', () => {
    const config = loadConfig({}) as unknown as Record<string, unknown>;
    for (const key of BROKER_SETTING_KEYS) {
      for (const suffix of ['BINANCE', 'OANDA', 'IG'])
        expect(typeof config[`${key}_${suffix}`]).toBe('number');
    }
  });
});
