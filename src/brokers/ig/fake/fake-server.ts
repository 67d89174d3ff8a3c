// A local fake of IG's REST API (node:http on 127.0.0.1, ephemeral port) speaking its wire
// format: `/gateway/deal` paths, `X-IG-API-KEY`, a v2 session whose CST / X-SECURITY-TOKEN come
// back as headers, `Version` headers, POST + `_method: DELETE` for deletes, `{errorCode}` bodies.
// State is driven by the 1h bars a test feeds (`nextBar`); faults are armed per route.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Big from 'big.js';
import { HOUR_MS } from '../../../domain/timeframe.js';
import { walkBar } from '../../fake-support/bar-walk.js';
import { listenLoopback } from '../../fake-support/listen.js';
import { FakeFaults, type Fault, isBefore, type Route } from './fake-faults.js';
import { type FakeEpic, FakeVenue, type Outcome, utc, type Wire } from './fake-venue.js';
import { orderWire, positionWire } from './wire-views.js';

export interface FakeIg {
  /** `IG_BASE_URL`, including `/gateway/deal`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly identifier: string;
  readonly password: string;
  readonly venue: FakeVenue;
  readonly faults: FakeFaults;
  /** Method, path, Version and `_method` of every request received, in order. */
  readonly requests: readonly {
    method: string;
    path: string;
    version: string | undefined;
    override: string | undefined;
  }[];
  /** Tokens issued by POST /session, in order (the tests check none leaks). */
  readonly tokens: readonly string[];
  /** Bars fed so far, per epic (the fake /prices answers from them). */
  readonly bars: Map<string, { time: number; open: number; high: number; low: number; close: number }[]>;
  setMid(epic: string, mid: number): void;
  nextBar(epic: string, bar: { open: number; high: number; low: number; close: number }): void;
  close(): Promise<void>;
}

const PREFIX = '/gateway/deal';

export async function startFakeIg(epics: readonly FakeEpic[], options: { start: number }): Promise<FakeIg> {
  const apiKey = 'fake-ig-api-key-0123456789abcdef0123456789';
  const identifier = 'divbot-demo';
  const password = 'fake-ig-password-S3cr3t!';
  const venue = new FakeVenue(new Map(epics.map((e) => [e.epic, e])));
  venue.now = options.start;
  const faults = new FakeFaults();
  const requests: FakeIg['requests'][number][] = [];
  const tokens: string[] = [];
  const bars: FakeIg['bars'] = new Map();
  let session: { cst: string; security: string } | undefined;
  let allowance = 10_000;
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const override = header(req, '_method');
      const method = req.method === 'POST' && override === 'DELETE' ? 'DELETE' : (req.method ?? 'GET');
      const path = url.pathname.startsWith(PREFIX)
        ? url.pathname.slice(PREFIX.length)
        : '(outside the gateway)';
      requests.push({ method: req.method ?? 'GET', path, version: header(req, 'version'), override });
      const reply = (o: Outcome, fault?: Fault, extra: Record<string, string> = {}) =>
        send(res, o, fault, faults.latencyMs, timers, extra);
      if (header(req, 'x-ig-api-key') !== apiKey)
        return reply({ status: 403, body: { errorCode: 'error.security.api-key-invalid' } });
      let body: Wire = {};
      try {
        body = chunks.length === 0 ? {} : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Wire);
      } catch {
        return reply({ status: 400, body: { errorCode: 'invalid.input' } });
      }
      const found = route(method, path);
      if (found === undefined)
        return reply({ status: 404, body: { errorCode: 'error.public-api.endpoint.not-found' } });
      const fault = faults.take(found.route);
      if (found.route === 'session') {
        if (body.identifier !== identifier || body.password !== password)
          return reply({ status: 401, body: { errorCode: 'error.security.invalid-details' } });
        session = { cst: `CST-${randomHex()}`, security: `XST-${randomHex()}` };
        tokens.push(session.cst, session.security);
        return reply(loginBody(), undefined, { CST: session.cst, 'X-SECURITY-TOKEN': session.security });
      }
      if (fault?.kind === 'expiredSession') session = undefined;
      if (
        session === undefined ||
        header(req, 'cst') !== session.cst ||
        header(req, 'x-security-token') !== session.security
      ) {
        return reply({ status: 401, body: { errorCode: 'error.security.client-token-invalid' } });
      }
      if (fault !== undefined && isBefore(fault)) return reply({ status: 0, body: {} }, fault);
      const reject = fault?.kind === 'rejectDeal' ? fault.reason : undefined;
      reply(found.handle(body, url.searchParams, reject), fault);
    });
  });

  function route(method: string, path: string) {
    const seg = path
      .split('/')
      .filter((s) => s.length > 0)
      .map(decodeURIComponent);
    const r = (name: Route, handle: (body: Wire, q: URLSearchParams, reject?: string) => Outcome) => ({
      route: name,
      handle,
    });
    const key = `${method} /${seg.map((s, i) => (i > 0 && ['markets', 'prices', 'positions', 'confirms', 'otc'].includes(seg[i - 1]!) && !(seg[i - 1] === 'positions' && s === 'otc') ? ':id' : s)).join('/')}`;
    const id = seg.at(-1) ?? '';
    switch (key) {
      case 'POST /session':
        return r('session', () => ({ status: 200, body: {} }));
      case 'GET /accounts':
        return r('accounts', () => ({ status: 200, body: accountsBody() }));
      case 'GET /markets/:id':
        return r('market', () => marketBody(id));
      case 'GET /prices/:id':
        return r('prices', (_b, q) => pricesBody(id, q));
      case 'POST /positions/otc':
        return r('openPosition', (b, _q, reject) => venue.open(b, reject));
      case 'DELETE /positions/otc':
        return r('closePosition', (b, _q, reject) => venue.close(b, reject));
      case 'PUT /positions/otc/:id':
        return r('amendPosition', (b) => venue.amend(id, b));
      case 'GET /positions':
        return r('positions', () => ({
          status: 200,
          body: { positions: [...venue.positions.values()].map((d) => positionWire(venue, d)) },
        }));
      case 'GET /positions/:id':
        return r('position', () => {
          const d = venue.positions.get(id);
          return d === undefined
            ? { status: 404, body: { errorCode: 'error.service.otc.position.not-found' } }
            : { status: 200, body: positionWire(venue, d) };
        });
      case 'GET /confirms/:id':
        return r('confirm', () => {
          const c = venue.confirms.get(id);
          return c === undefined
            ? { status: 404, body: { errorCode: 'error.confirms.deal-not-found' } }
            : { status: 200, body: c };
        });
      case 'GET /workingorders':
        return r('workingOrders', () => ({
          status: 200,
          body: { workingOrders: [...venue.orders.values()].map((d) => orderWire(venue, d)) },
        }));
      case 'POST /workingorders/otc':
        return r('createWorkingOrder', (b, _q, reject) => venue.createOrder(b, reject));
      case 'DELETE /workingorders/otc/:id':
        return r('deleteWorkingOrder', () => venue.deleteOrder(id));
      case 'GET /history/activity':
        return r('activity', (_b, q) => {
          const from = q.get('from') ?? '1970-01-01T00:00:00';
          const activities = venue.activities.filter((a) => String(a.date) >= from);
          return {
            status: 200,
            body: { activities, metadata: { paging: { size: activities.length, next: null } } },
          };
        });
      default:
        return undefined;
    }
  }

  function loginBody(): Outcome {
    return {
      status: 200,
      body: {
        accountType: 'CFD',
        accountInfo: { balance: venue.balance, deposit: 0, profitLoss: 0, available: venue.balance },
        currencyIsoCode: 'USD',
        currencySymbol: '$',
        currentAccountId: 'ABC123',
        lightstreamerEndpoint: 'https://demo-apd.marketdatasystems.com',
        accounts: [{ accountId: 'ABC123', accountName: 'Demo-cfd', preferred: true, accountType: 'CFD' }],
        clientId: '20007685858',
        timezoneOffset: 0,
        hasActiveDemoAccounts: true,
        hasActiveLiveAccounts: false,
        trailingStopsEnabled: true,
        reroutingEnvironment: null,
        dealingEnabled: true,
      },
    };
  }

  function accountsBody(): Wire {
    const balance = { balance: venue.balance, deposit: 0, profitLoss: 0, available: venue.balance };
    return {
      accounts: [
        {
          accountId: 'ABC123',
          accountName: 'Demo-cfd',
          accountAlias: null,
          status: 'ENABLED',
          accountType: 'CFD',
          preferred: true,
          balance,
          currency: 'USD',
          canTransferFrom: true,
          canTransferTo: true,
        },
      ],
    };
  }

  function marketBody(epic: string): Outcome {
    if (!venue.mids.has(epic))
      return { status: 404, body: { errorCode: 'error.service.marketdata.instrument.epic.unavailable' } };
    const bid = venue.quote(epic, 'SELL').toNumber();
    const offer = venue.quote(epic, 'BUY').toNumber();
    return {
      status: 200,
      body: {
        instrument: {
          epic,
          expiry: '-',
          name: epic,
          forceOpenAllowed: true,
          stopsLimitsAllowed: true,
          lotSize: 1.0,
          unit: 'SHARES',
          type: 'SHARES',
          currencies: [
            {
              code: venue.epics.get(epic)!.currency,
              symbol: '$',
              baseExchangeRate: 1.0,
              exchangeRate: 1.0,
              isDefault: true,
            },
          ],
        },
        dealingRules: {
          minDealSize: { unit: 'POINTS', value: venue.epics.get(epic)!.minDealSize ?? 1.0 },
          minNormalStopOrLimitDistance: { unit: 'POINTS', value: 0.1 },
          marketOrderPreference: 'AVAILABLE_DEFAULT_OFF',
          trailingStopsPreference: 'AVAILABLE',
        },
        snapshot: {
          marketStatus: venue.marketStatus,
          netChange: 0,
          percentageChange: 0,
          updateTime: utc(venue.now).slice(11),
          delayTime: 0,
          bid,
          offer,
          high: offer,
          low: bid,
          binaryOdds: null,
          decimalPlacesFactor: venue.epics.get(epic)!.decimalPlacesFactor ?? 2,
          scalingFactor: 1,
          controlledRiskExtraSpread: 0,
        },
      },
    };
  }

  function pricesBody(epic: string, q: URLSearchParams): Outcome {
    const e = venue.epics.get(epic);
    if (e === undefined)
      return { status: 404, body: { errorCode: 'error.service.marketdata.instrument.epic.unavailable' } };
    if (e.share) return { status: 403, body: { errorCode: 'unauthorised.access.to.equity.exception' } };
    const from = q.get('from') ?? '1970-01-01T00:00:00';
    const to = q.get('to') ?? '9999-12-31T00:00:00';
    const half = Number(e.halfSpread);
    const side = (mid: number) => ({ bid: mid - half, ask: mid + half, lastTraded: null });
    // The forming hour is served too, as IG does: the client must drop it.
    const list = [
      ...(bars.get(epic) ?? []),
      {
        time: venue.now,
        open: venue.mids.get(epic)!.toNumber(),
        high: venue.mids.get(epic)!.toNumber(),
        low: venue.mids.get(epic)!.toNumber(),
        close: venue.mids.get(epic)!.toNumber(),
      },
    ];
    const prices = list
      .filter((b) => utc(b.time) >= from && utc(b.time) <= to)
      .map((b) => ({
        snapshotTime: utc(b.time).replace(/-/g, '/').replace('T', ' '),
        snapshotTimeUTC: utc(b.time),
        openPrice: side(b.open),
        closePrice: side(b.close),
        highPrice: side(b.high),
        lowPrice: side(b.low),
        lastTradedVolume: 0,
      }));
    allowance = Math.max(0, allowance - prices.length);
    const metadata = {
      allowance: { remainingAllowance: allowance, totalAllowance: 10_000, allowanceExpiry: 600_000 },
      size: prices.length,
      pageData: { pageSize: 0, pageNumber: 1, totalPages: 1 },
    };
    return { status: 200, body: { prices, instrumentType: 'COMMODITIES', metadata } };
  }

  const port = await listenLoopback(server);
  return {
    baseUrl: `http://127.0.0.1:${port}${PREFIX}`,
    apiKey,
    identifier,
    password,
    venue,
    faults,
    requests,
    tokens,
    bars,
    setMid: (epic, mid) => venue.sweep(epic, new Big(mid), true),
    nextBar(epic, bar) {
      const start = venue.now;
      walkBar(bar, start, (mid, time, first) => {
        venue.now = time;
        venue.sweep(epic, new Big(mid), first);
      });
      venue.now = start + HOUR_MS;
      const list = bars.get(epic) ?? [];
      list.push({ time: start, ...bar });
      bars.set(epic, list);
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};
const randomHex = () =>
  Array.from({ length: 24 }, () => Math.floor(Math.random() * 16).toString(16)).join('');

function send(
  res: ServerResponse,
  o: Outcome,
  fault: Fault | undefined,
  latencyMs: number,
  timers: Set<NodeJS.Timeout>,
  extra: Record<string, string>,
) {
  const later = (ms: number, fn: () => void) => {
    if (ms <= 0) return fn();
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const json = (status: number, body: unknown, more: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', ...extra, ...more });
    res.end(JSON.stringify(body));
  };
  switch (fault?.kind) {
    case 'rateLimited':
      return later(latencyMs, () =>
        json(
          429,
          { errorCode: 'error.public-api.too-many-requests' },
          { 'Retry-After': String(fault.retryAfterSeconds ?? 1) },
        ),
      );
    case 'allowance':
      return later(latencyMs, () =>
        json(403, { errorCode: `error.public-api.exceeded-${fault.which}-allowance` }),
      );
    case 'serverError':
      return later(latencyMs, () => json(fault.status ?? 503, { errorCode: 'system.error' }));
    case 'confirmNotYet':
      return later(latencyMs, () => json(404, { errorCode: 'error.confirms.deal-not-found' }));
    case 'htmlError':
      return later(latencyMs, () => {
        res.writeHead(fault.status ?? 502, { 'Content-Type': 'text/html' });
        res.end('<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>');
      });
    case 'malformedJson':
      return later(latencyMs, () => {
        res.writeHead(o.status, { 'Content-Type': 'application/json; charset=UTF-8' });
        // Cut short of its end, whatever its length: a short answer (`[]`) must not stay whole.
        const text = JSON.stringify(o.body);
        res.end(text.slice(0, Math.min(10, text.length - 1)));
      });
    case 'loseResponse':
      return res.destroy();
    case 'delay':
      return later(latencyMs + fault.ms, () => json(o.status, o.body));
    default:
      return later(latencyMs, () => json(o.status, o.body));
  }
}
