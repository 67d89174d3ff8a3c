import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { initialRiskState } from '../risk/breaker-state.js';
import { applyCommand, checkSymbols, parseMultiplier } from './core.js';
import { ControlConflictError, ControlUsageError } from './errors.js';
import { LocalApi } from './local-api.js';
import { readLiveEndpoint } from './token-file.js';
import type { ControlPlane } from './types.js';

describe('control core', () => {
  it('trips and resets the kill switch, re-basing the peak (or clearing it while equity is unknown)', () => {
    const halted = applyCommand(
      { ...initialRiskState(), equityPeak: 100_000 },
      'trip',
      'manual halt',
      10,
      undefined,
      'flatten',
    );
    expect(halted).toMatchObject({ changed: true, flatten: true, state: { state: 'HALTED', since: 10 } });
    const reset = applyCommand(halted.state, 'reset', 'checked', 20, 84_000, 'keep');
    expect(reset.state).toMatchObject({ state: 'ACTIVE', equityPeak: 84_000, since: 20 });
    expect(applyCommand(halted.state, 'reset', 'checked', 20, undefined, 'keep').state.equityPeak).toBeNull();
    expect(() => applyCommand(reset.state, 'reset', 'again', 30, 1, 'keep')).toThrow(ControlConflictError);
    expect(() => applyCommand(halted.state, 'pause', 'x', 30, 1, 'keep')).toThrow(ControlConflictError);
  });

  it('checks symbols and multipliers', () => {
    expect(() => checkSymbols(['BTC/USDT', 'EUR_USD'])).not.toThrow();
    expect(() => checkSymbols(['BTC/USDT', 'X', 'Y'])).toThrow(/unknown symbols X, Y/);
    expect(parseMultiplier('0.25')).toBe(0.25);
    for (const bad of ['', '0', '-2', 'NaN', 'Infinity', '11'])
      expect(() => parseMultiplier(bad)).toThrow(ControlUsageError);
  });
});

describe('LocalApi', () => {
  it('answers 401 without the bearer token (before parsing the body), and serves with it', async () => {
    const api = new LocalApi();
    const app = Fastify();
    api.plugin(app);
    const calls: string[] = [];
    const plane: ControlPlane = {
      status: async () => ({ state: 'ACTIVE' }) as never,
      command: async (c, reason) => {
        calls.push(`${c}:${reason}`);
        return { from: 'ACTIVE', to: 'PAUSED', changed: true, reason, at: '' };
      },
      close: async () => ({ target: 'all', positions_closed: 0, at: '' }),
      instrument: async () => ({}) as never,
    };
    expect((await app.inject({ method: 'GET', url: '/api/local/status' })).statusCode, 'not open yet').toBe(
      401,
    );
    const path = join(mkdtempSync(join(tmpdir(), 'divbot-token-')), 'local-api.token');
    const endpoint = api.open(plane, path, 'http://127.0.0.1:1');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readLiveEndpoint(path)).toEqual(endpoint);

    const bad = await app.inject({
      method: 'POST',
      url: '/api/local/pause',
      headers: { authorization: 'Bearer wrong', 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(bad.statusCode, 'refused before the malformed body is parsed').toBe(401);
    const auth = { authorization: `Bearer ${endpoint.token}` };
    expect((await app.inject({ method: 'GET', url: '/api/local/status', headers: auth })).statusCode).toBe(
      200,
    );
    const paused = await app.inject({ method: 'POST', url: '/api/local/pause', headers: auth, payload: {} });
    expect(paused.json()).toMatchObject({ to: 'PAUSED' });
    const reset = await app.inject({
      method: 'POST',
      url: '/api/local/killswitch/reset',
      headers: auth,
      payload: {},
    });
    expect(reset.statusCode, 'reset needs a reason').toBe(400);
    const close = await app.inject({ method: 'POST', url: '/api/local/close', headers: auth, payload: {} });
    expect(close.statusCode, 'close needs a symbol or all').toBe(400);
    expect(calls).toEqual(['pause:paused by a person']);

    api.close();
    expect(readLiveEndpoint(path)).toBeUndefined();
    expect((await app.inject({ method: 'GET', url: '/api/local/status', headers: auth })).statusCode).toBe(
      401,
    );
    await app.close();
  });
});
