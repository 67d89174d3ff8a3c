import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Heartbeat } from './heartbeat.js';
import { captureLogger } from './test-support.js';

let server: Server;
let base: string;
const hits: string[] = [];
let status = 200;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(status).end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('heartbeat', () => {
  it('GETs the URL, one beat at a time', async () => {
    const hb = new Heartbeat(`${base}/ping/secret-token`, captureLogger().logger);
    hb.beat();
    hb.beat(); // still in flight: skipped
    await hb.settle();
    expect(hits).toEqual(['GET /ping/secret-token']);
    hb.beat();
    await hb.settle();
    expect(hb.sent).toBe(2);
  });

  it('logs a failure without the path (often a token) and never throws', async () => {
    const log = captureLogger();
    status = 500;
    const hb = new Heartbeat(`${base}/ping/secret-token`, log.logger);
    expect(() => hb.beat()).not.toThrow();
    await hb.settle();
    const dead = new Heartbeat('http://127.0.0.1:9/ping/secret-token', log.logger);
    dead.beat();
    await dead.settle();
    expect(hb.failed + dead.failed).toBe(2);
    const lines = log.lines().filter((l) => String(l.msg).startsWith('heartbeat'));
    expect(lines).toHaveLength(2);
    expect(lines[0]!.reason).toBe('HTTP 500');
    expect(JSON.stringify(lines)).not.toContain('secret-token');
  });
});
