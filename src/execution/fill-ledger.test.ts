import { describe, expect, it } from 'vitest';
import type { TradeId } from '../domain/ids.js';
import { FillLedger } from './fill-ledger.js';

const t = (id: string) => id as TradeId;

describe('FillLedger', () => {
  it('records a trade id once per broker', () => {
    const ledger = new FillLedger();
    expect(ledger.add('binance', t('1'))).toBe(true);
    expect(ledger.add('binance', t('1')), 'the same fill from stream and poll').toBe(false);
    expect(ledger.add('oanda', t('1')), 'trade ids are unique per venue only').toBe(true);
    expect(ledger.has('binance', t('1'))).toBe(true);
    expect(ledger.has('ig', t('1'))).toBe(false);
    expect(ledger.size).toBe(2);
  });

  it('forgets the oldest ids beyond its capacity', () => {
    const ledger = new FillLedger(2);
    ledger.add('binance', t('a'));
    ledger.add('binance', t('b'));
    ledger.add('binance', t('a')); // a duplicate does not refresh or grow
    ledger.add('binance', t('c'));
    expect(ledger.size).toBe(2);
    expect(ledger.has('binance', t('a'))).toBe(false);
    expect(ledger.has('binance', t('c'))).toBe(true);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new FillLedger(0)).toThrow(RangeError);
    expect(() => new FillLedger(1.5)).toThrow(RangeError);
  });
});
