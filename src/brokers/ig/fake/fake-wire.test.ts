// Keeps the fake IG honest where the registry refresh reads it: every field GET /markets/{epic}
// sends exists, at the same place and with the same JSON type, in trading-ig's recording of the
// real answer (fixtures/markets_epic.json), so the client is tested against IG's dialect.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AAPL_EPIC, igHarness } from '../test-support/ig-harness.js';

const recorded = JSON.parse(
  readFileSync(new URL('../fixtures/markets_epic.json', import.meta.url), 'utf8'),
) as unknown;

/** Paths in `sent` that the recording lacks or types differently (null in either matches anything). */
function strays(sent: unknown, real: unknown, path = ''): string[] {
  if (sent === null || real === null) return [];
  if (Array.isArray(sent))
    return Array.isArray(real) && real.length > 0
      ? sent.flatMap((s, i) => strays(s, real[0], `${path}[${i}]`))
      : [path];
  if (typeof sent === 'object') {
    if (typeof real !== 'object' || Array.isArray(real)) return [path];
    const r = real as Record<string, unknown>;
    return Object.entries(sent as Record<string, unknown>).flatMap(([k, v]) =>
      k in r ? strays(v, r[k], `${path}.${k}`) : [`${path}.${k}`],
    );
  }
  return typeof sent === typeof real ? [] : [path];
}

let h: Awaited<ReturnType<typeof igHarness>>;

describe('the fake IG server speaks the recorded dialect', () => {
  beforeEach(async () => {
    h = await igHarness();
  });
  afterEach(() => h.teardown());

  it('GET /markets/{epic} sends only fields of the recorded answer', async () => {
    const res = await h.broker.http.request({
      method: 'GET',
      endpoint: '/markets/{epic}',
      path: `/markets/${AAPL_EPIC.epic}`,
      version: 3,
    });
    expect(strays(res.body, recorded)).toEqual([]);
    expect(strays({ snapshot: { extra: 1 } }, recorded), 'the check can fail').toEqual(['.snapshot.extra']);
  });
});
