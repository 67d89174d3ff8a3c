import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.js';
import { type HttpServer, startHttpServer } from './server.js';

const quiet = createLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });
let server: HttpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('HTTP server', () => {
  it('answers /health with 200 and security headers', async () => {
    server = await startHttpServer({ host: '127.0.0.1', port: 0, logger: quiet, version: '0.0.0-test' });
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.json()).toMatchObject({ status: 'ok', version: '0.0.0-test' });
  });

  it('answers /health/deep with 503 naming the failing parts, 200 when pending or ok', async () => {
    server = await startHttpServer({ host: '127.0.0.1', port: 0, logger: quiet, version: 't' });
    server.health.register('store', () => ({ status: 'ok' }));
    server.health.register('job:analysis', () => ({ status: 'pending' }));
    let res = await fetch(`${server.url}/health/deep`);
    expect(res.status).toBe(200);
    server.health.register('broker:oanda', async () => {
      throw new Error('connect ECONNREFUSED');
    });
    res = await fetch(`${server.url}/health/deep`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { failing: string[]; checks: Record<string, { detail?: string }> };
    expect(body.failing).toEqual(['broker:oanda']);
    expect(body.checks['broker:oanda']?.detail).toContain('ECONNREFUSED');
  });
});
