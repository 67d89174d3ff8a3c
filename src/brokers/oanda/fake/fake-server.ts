// A local fake of the OANDA v20 REST API (node:http on 127.0.0.1, ephemeral port) speaking
// the real wire format: Bearer auth, `/v3` paths, decimal strings, nanosecond times. State is
// driven by the 1h bars a test feeds (`nextBar`); faults are armed per route (fake-faults.ts).

import { createServer, type ServerResponse } from 'node:http';
import Big from 'big.js';
import { HOUR_MS } from '../../../domain/timeframe.js';
import { walkBar } from '../../fake-support/bar-walk.js';
import { listenLoopback } from '../../fake-support/listen.js';
import type { FedBar } from './fake-candles.js';
import { FakeFaults, type Fault, isBefore } from './fake-faults.js';
import { Ledger, type Wire } from './fake-ledger.js';
import { match } from './fake-routes.js';
import { type FakeInstrument, FakeVenue, type Outcome } from './fake-venue.js';

export interface FakeServerState {
  readonly ledger: Ledger;
  readonly venue: FakeVenue;
  readonly bars: Map<string, FedBar[]>;
  tradeable: boolean;
  /** Answers candles on OANDA's default 17:00 New York grid whatever the request asks (a trap switch). */
  ignoreAlignment: boolean;
}

export interface FakeOanda {
  /** `OANDA_BASE_URL` for the client (no `/v3`). */
  readonly baseUrl: string;
  readonly token: string;
  readonly accountId: string;
  readonly state: FakeServerState;
  readonly faults: FakeFaults;
  /** Method and path of every request received, in order. */
  readonly requests: readonly { method: string; path: string }[];
  /** Sets a price without a path (a jump); pending orders it crosses fill at the new quote. */
  setMid(instrument: string, mid: number): void;
  /** One 1h bar from the clock's time: open, then the nearer extreme, the other, the close. */
  nextBar(instrument: string, bar: Omit<FedBar, 'time'>): void;
  close(): Promise<void>;
}

export const FAKE_TOKEN = 'fake-oanda-token-0123456789abcdef-0123456789abcdef';

export async function startFakeOanda(
  instruments: readonly FakeInstrument[],
  options: { start: number; token?: string },
): Promise<FakeOanda> {
  const token = options.token ?? FAKE_TOKEN;
  const ledger = new Ledger();
  ledger.now = options.start;
  const venue = new FakeVenue(ledger, new Map(instruments.map((i) => [i.name, i])));
  const state: FakeServerState = { ledger, venue, bars: new Map(), tradeable: true, ignoreAlignment: false };
  const faults = new FakeFaults();
  const requests: { method: string; path: string }[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const method = req.method ?? 'GET';
      requests.push({ method, path: url.pathname });
      const reply = (o: Outcome, fault?: Fault) => send(res, o, fault, faults.latencyMs, timers);
      if (req.headers.authorization !== `Bearer ${token}`) {
        return reply({
          status: 401,
          body: { errorMessage: 'Insufficient authorization to perform request.' },
        });
      }
      const found = match(method, url.pathname, state);
      if (found === undefined)
        return reply({ status: 404, body: { errorMessage: `no route ${method} ${url.pathname}` } });
      const fault = faults.take(found.route);
      let body: Wire = {};
      try {
        body = chunks.length === 0 ? {} : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Wire);
      } catch {
        return reply({ status: 400, body: { errorMessage: 'Invalid JSON in request body' } });
      }
      if (fault?.kind === 'reject') {
        const order = (body.order ?? {}) as Wire;
        return reply(venue.reject(String(order.type ?? 'MARKET'), order, fault.reason));
      }
      if (fault !== undefined && isBefore(fault)) return reply({ status: 0, body: {} }, fault);
      reply(found.handle(body, url.searchParams), fault);
    });
  });
  const port = await listenLoopback(server);

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    token,
    accountId: '101-004-1435156-001',
    state,
    faults,
    requests,
    setMid: (instrument, mid) => venue.sweep(instrument, new Big(mid), true),
    nextBar(instrument, bar) {
      const start = ledger.now;
      walkBar(bar, start, (mid, time, first) => {
        ledger.now = time;
        venue.sweep(instrument, new Big(mid), first);
      });
      ledger.now = start + HOUR_MS;
      const list = state.bars.get(instrument) ?? [];
      list.push({ time: start, ...bar });
      state.bars.set(instrument, list);
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(
  res: ServerResponse,
  o: Outcome,
  fault: Fault | undefined,
  latencyMs: number,
  timers: Set<NodeJS.Timeout>,
) {
  const later = (ms: number, fn: () => void) => {
    if (ms <= 0) return fn();
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const headers = { 'Content-Type': 'application/json', RequestID: `${Date.now()}` };
  const json = (status: number, body: unknown, extra: Record<string, string> = {}) => {
    res.writeHead(status, { ...headers, ...extra });
    res.end(JSON.stringify(body));
  };
  switch (fault?.kind) {
    case 'rateLimited':
      return later(latencyMs, () =>
        json(
          429,
          { errorMessage: 'Rate limit violation' },
          { 'Retry-After': String(fault.retryAfterSeconds ?? 1) },
        ),
      );
    case 'serverError':
      return later(latencyMs, () => json(fault.status ?? 503, { errorMessage: 'Service unavailable' }));
    case 'unauthorized':
      return later(latencyMs, () =>
        json(401, { errorMessage: 'Insufficient authorization to perform request.' }),
      );
    case 'htmlError':
      return later(latencyMs, () => {
        res.writeHead(fault.status ?? 502, { 'Content-Type': 'text/html' });
        res.end('<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>');
      });
    case 'nanCandle': {
      const body = o.body as { candles?: { mid?: { o: string } }[] };
      const first = body.candles?.[0]?.mid;
      if (first !== undefined) first.o = 'NaN';
      return later(latencyMs, () => json(o.status, body));
    }
    case 'malformedJson':
      return later(latencyMs, () => {
        res.writeHead(o.status, headers);
        // Cut short of its end, whatever its length: a short answer (`[]`) must not stay whole.
        const text = JSON.stringify(o.body);
        res.end(text.slice(0, Math.min(40, text.length - 1)));
      });
    case 'loseResponse':
      return res.destroy();
    case 'delay':
      return later(latencyMs + fault.ms, () => json(o.status, o.body));
    default:
      return later(latencyMs, () => json(o.status, o.body));
  }
}
