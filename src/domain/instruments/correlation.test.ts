import { describe, expect, it } from 'vitest';
import { CorrelationGroup, exposureDirections } from './correlation.js';
import { defaultRegistry as registry } from './registry.js';

const exposure = (id: string, direction: 'long' | 'short') => exposureDirections(registry.get(id), direction);

describe('correlation groups', () => {
  it('counts FX by the direction of the USD exposure', () => {
    expect(exposure('USD_JPY', 'long')).toEqual([{ group: 'usd', direction: 'long' }]);
    expect(exposure('EUR_USD', 'long')).toEqual([{ group: 'usd', direction: 'short' }]);
    expect(exposure('EUR_USD', 'short')).toEqual([{ group: 'usd', direction: 'long' }]);
    expect(exposure('EUR_GBP', 'long')).toEqual([{ group: 'eur-crosses', direction: 'long' }]);
  });

  it('puts every instrument in a known group', () => {
    const groups = new Set<string>(Object.values(CorrelationGroup));
    for (const i of registry.all())
      for (const e of i.correlation) expect(groups.has(e.group), i.id).toBe(true);
    expect(exposure('NVDA', 'short')).toEqual([{ group: 'us-megacap-tech', direction: 'short' }]);
    expect(exposure('SOL/USDT', 'long')).toEqual([{ group: 'crypto', direction: 'long' }]);
    expect(exposure('XAG_USD', 'long')[0]?.group).toBe('precious-metals');
  });
});
