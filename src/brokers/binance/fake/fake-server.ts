// A local fake of Binance's spot REST API (node:http on 127.0.0.1, ephemeral port) speaking the
// wire format ccxt expects: `/api/v3` paths, `X-MBX-APIKEY` plus an HMAC-SHA256 `signature` over
// the query or form body, `{code, msg}` refusals. State is driven by the 1h bars a test feeds
// (`nextBar`); faults are armed per route (fake-faults.ts).

import { createHmac } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import Big from 'big.js';
import { HOUR_MS } from '../../../domain/timeframe.js';
import { walkBar } from '../../fake-support/bar-walk.js';
import { listenLoopback } from '../../fake-support/listen.js';
import { FakeExchange, type FakeSymbol, VenueRefusal } from './fake-exchange.js';
import { FakeFaults, type Fault, isBefore } from './fake-faults.js';
import { type FedBar, match } from './fake-routes.js';

export interface FakeBinance {
  /** `BINANCE_BASE_URL`: the origin; paths stay `/api/v3/...`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly secret: string;
  readonly exchange: FakeExchange;
  readonly faults: FakeFaults;
  /** Method and path of every request received, in order. */
  readonly requests: readonly { method: string; path: string }[];
  /** Sets a price without a path (a jump); resting orders it crosses fill at the new quote. */
  setMid(symbol: string, mid: number): void;
  /** One 1h bar from the clock's time: open, then the nearer extreme, the other, the close. */
  nextBar(symbol: string, bar: Omit<FedBar, 'time' | 'volume'>): void;
  close(): Promise<void>;
}

export const FAKE_API_KEY =
  'fake-binance-key-vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
export const FAKE_SECRET =
  'fake-binance-secret-NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

export async function startFakeBinance(
  symbols: readonly FakeSymbol[],
  options: { start: number; balances?: Readonly<Record<string, string>> },
): Promise<FakeBinance> {
  const exchange = new FakeExchange(new Map(symbols.map((s) => [s.symbol, s])));
  exchange.now = options.start;
  for (const [asset, free] of Object.entries(options.balances ?? { USDT: '100000' })) {
    exchange.balance(asset).free = new Big(free);
  }
  const bars = new Map<string, FedBar[]>();
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
      const reply = (status: number, body: unknown, fault?: Fault) =>
        send(res, status, body, fault, faults.latencyMs, timers);
      const refuse = (e: VenueRefusal) => reply(e.status, { code: e.code, msg: e.msg });
      const found = match(method, url.pathname);
      if (found === undefined) return reply(404, { code: -1, msg: `no route ${method} ${url.pathname}` });
      const form = Buffer.concat(chunks).toString('utf8');
      const signedText = method === 'POST' ? form : url.search.slice(1);
      const params = new URLSearchParams(signedText);
      if (found.signed) {
        const refusal = checkSignature(req.headers['x-mbx-apikey'], signedText, params);
        if (refusal !== undefined) return refuse(refusal);
      }
      const fault = faults.take(found.route);
      if (fault !== undefined && isBefore(fault)) return reply(0, {}, fault);
      try {
        reply(200, found.handle(params, { exchange, bars }), fault);
      } catch (error) {
        if (error instanceof VenueRefusal) return refuse(error);
        reply(500, { code: -1000, msg: `fake: ${(error as Error).message}` });
      }
    });
  });
  const port = await listenLoopback(server);

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey: FAKE_API_KEY,
    secret: FAKE_SECRET,
    exchange,
    faults,
    requests,
    setMid: (symbol, mid) => exchange.sweep(symbol, new Big(mid), true),
    nextBar(symbol, bar) {
      const start = exchange.now;
      walkBar(bar, start, (mid, time, first) => {
        exchange.now = time;
        exchange.sweep(symbol, new Big(mid), first);
      });
      exchange.now = start + HOUR_MS;
      const list = bars.get(symbol) ?? [];
      list.push({ time: start, volume: 12.5, ...bar });
      bars.set(symbol, list);
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Binance's checks, in its order: the key header, the signature, then the timestamp window. */
function checkSignature(
  key: string | string[] | undefined,
  signedText: string,
  params: URLSearchParams,
): VenueRefusal | undefined {
  if (key !== FAKE_API_KEY) {
    return new VenueRefusal(-2015, 'Invalid API-key, IP, or permissions for action.', 401);
  }
  const signature = params.get('signature') ?? '';
  const payload = signedText.replace(/&?signature=[0-9a-f]*/, '');
  const expected = createHmac('sha256', FAKE_SECRET).update(payload).digest('hex');
  if (signature !== expected) return new VenueRefusal(-1022, 'Signature for this request is not valid.');
  const timestamp = Number(params.get('timestamp'));
  const window = Number(params.get('recvWindow') ?? 5000);
  if (!Number.isFinite(timestamp) || Math.abs(Date.now() - timestamp) > window) {
    return new VenueRefusal(-1021, 'Timestamp for this request is outside of the recvWindow.');
  }
  return undefined;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
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
  const json = (code: number, payload: unknown, extra: Record<string, string> = {}) => {
    res.writeHead(code, { 'Content-Type': 'application/json;charset=UTF-8', ...extra });
    res.end(JSON.stringify(payload));
  };
  const tooMany = (code: number, retry: number | undefined, msg: string) =>
    later(latencyMs, () => json(code, { code: -1003, msg }, { 'Retry-After': String(retry ?? 1) }));
  switch (fault?.kind) {
    case 'rateLimited':
      return tooMany(
        429,
        fault.retryAfterSeconds,
        'Too much request weight used; please use WebSocket Streams.',
      );
    case 'banned':
      return tooMany(418, fault.retryAfterSeconds, 'Way too much request weight used; IP banned.');
    case 'serverError':
      return later(latencyMs, () =>
        json(fault.status ?? 503, { code: -1001, msg: 'Internal error; unable to process your request.' }),
      );
    case 'timestamp':
      return later(latencyMs, () =>
        json(400, { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' }),
      );
    case 'reject':
      return later(latencyMs, () => json(400, { code: fault.code ?? -2010, msg: fault.msg }));
    case 'htmlError':
      return later(latencyMs, () => {
        res.writeHead(fault.status ?? 502, { 'Content-Type': 'text/html' });
        res.end('<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>');
      });
    case 'malformedJson':
      return later(latencyMs, () => {
        res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' });
        // Cut short of its end, whatever its length: a short answer (`[]`) must not stay whole.
        const text = JSON.stringify(body);
        res.end(text.slice(0, Math.min(40, text.length - 1)));
      });
    case 'loseResponse':
      return res.destroy();
    case 'delay':
      return later(latencyMs + fault.ms, () => json(status, body));
    default:
      return later(latencyMs, () => json(status, body));
  }
}
