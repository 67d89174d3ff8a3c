// A local fake of Yahoo's chart endpoint (GET /v8/finance/chart/{symbol}) answering in the native
// envelope recorded in fixtures/ (meta, timestamp[], indicators.quote[0]), from 1h bars a test
// feeds. Like Yahoo it serves the forming bar too, stamped at its open; unknown symbols get
// Yahoo's 404 envelope. yahoo-finance2 reaches it through an injected fetch (https is hard-coded).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { listenLoopback } from '../../fake-support/listen.js';

export interface YahooBar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export type YahooFault = 'serverError' | 'htmlError' | 'malformedJson' | 'invalidPayload';

export interface FakeYahoo {
  readonly baseUrl: string;
  readonly bars: Map<string, YahooBar[]>;
  readonly requests: URL[];
  /** Armed for the next request. */
  fault: YahooFault | undefined;
  close(): Promise<void>;
}

const recorded = JSON.parse(
  // From the package root: the same file whether this runs from src/ or the built dist/ (`divbot fakes`).
  readFileSync(
    new URL('../../../../src/brokers/ig/fixtures/chart-AAPL-2020-01-01-to-2020-01-03.json', import.meta.url),
    'utf8',
  ),
) as { response: { bodyJson: { chart: { result: { meta: Record<string, unknown> }[] } } } };
const META = recorded.response.bodyJson.chart.result[0]!.meta;

export async function startFakeYahoo(): Promise<FakeYahoo> {
  const bars = new Map<string, YahooBar[]>();
  const requests: URL[] = [];
  const state: { fault: YahooFault | undefined } = { fault: undefined };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push(url);
    const fault = state.fault;
    state.fault = undefined;
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json;charset=utf-8' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (fault === 'serverError') return json(503, 'upstream unavailable');
    if (fault === 'htmlError') {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      return res.end('<html><head><title>502 Bad Gateway</title></head><body></body></html>');
    }
    const symbol = decodeURIComponent(/^\/v8\/finance\/chart\/([^/]+)$/.exec(url.pathname)?.[1] ?? '');
    const list = bars.get(symbol);
    if (list === undefined) {
      const error = { code: 'Not Found', description: 'No data found, symbol may be delisted' };
      return json(404, { chart: { result: null, error } });
    }
    const p1 = Number(url.searchParams.get('period1')) * 1000;
    const p2 = Number(url.searchParams.get('period2')) * 1000;
    const inRange = list.filter((b) => b.time >= p1 && b.time < p2);
    const meta = { ...META, symbol, dataGranularity: url.searchParams.get('interval') ?? '1h', range: '' };
    if (fault === 'invalidPayload') delete (meta as Record<string, unknown>).validRanges;
    const quote = {
      open: inRange.map((b) => b.open),
      high: inRange.map((b) => b.high),
      low: inRange.map((b) => b.low),
      close: inRange.map((b) => b.close),
      volume: inRange.map((b) => b.volume),
    };
    const result = { meta, timestamp: inRange.map((b) => b.time / 1000), indicators: { quote: [quote] } };
    const body = { chart: { result: [result], error: null } };
    if (fault === 'malformedJson') return json(200, JSON.stringify(body).slice(0, 30));
    json(200, body);
  });
  const port = await listenLoopback(server);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    bars,
    requests,
    get fault() {
      return state.fault;
    },
    set fault(f) {
      state.fault = f;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
