// The ccxt transport: one `ccxt.binance` in sandbox mode with every `urls.api` entry pointed at
// `BINANCE_BASE_URL` (brokers.md §3.1: sandbox first, then the override), and every ccxt error
// turned into a typed domain error (errors.ts). The rule that matters for money: on an order call,
// anything short of a readable answer (timeout, dropped connection, 5xx, garbage) is ambiguous,
// because the venue may have acted; elsewhere the same failures are retryable.
import {
  AuthenticationError,
  BadResponse,
  binance as CcxtBinance,
  BaseError as CcxtError,
  DDoSProtection,
  InvalidNonce,
  NetworkError,
  OrderNotFound,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt';
import type { z } from 'zod';
import { bodyKind, excerpt } from '../wire-text.js';
import { type BinanceCall, type BinanceFailure, binanceError } from './errors.js';

export interface BinanceClientOptions {
  readonly apiKey: string;
  readonly secret: string;
  /** `BINANCE_BASE_URL` (an origin, e.g. `http://127.0.0.1:PORT`); absent: the venue's own hosts. */
  readonly baseUrl?: string;
  /** Live trading on api.binance.com; otherwise (paper mode, tests) the spot testnet's paths. */
  readonly live?: boolean;
  readonly timeoutMs?: number;
  /** ccxt's own pacing (per-endpoint weights); on unless a test turns it off. */
  readonly enableRateLimit?: boolean;
}

/** What the last HTTP exchange looked like, captured from ccxt's response hook. */
interface LastResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Marker: the venue said the order does not exist (a lookup's "no"), not a failure. */
export const NOT_FOUND = Symbol('not found');

export class BinanceClient {
  readonly exchange: CcxtBinance;
  readonly #secrets: readonly string[];
  readonly #timeoutMs: number;
  #last: LastResponse | undefined;
  /** Calls run one at a time, so the captured response belongs to the call that reads it. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: BinanceClientOptions) {
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#secrets = [options.apiKey, options.secret];
    const exchange = new CcxtBinance({
      apiKey: options.apiKey,
      secret: options.secret,
      timeout: this.#timeoutMs,
      enableRateLimit: options.enableRateLimit ?? true,
      options: {
        // Spot only: without this, loadMarkets also asks the futures testnets (brokers.md §3.2).
        fetchMarkets: { types: ['spot'] },
        fetchCurrencies: false,
        fetchMargins: false,
        recvWindow: 10_000,
      },
    });
    // Sandbox first, then the override: the other order loses the override (brokers.md §3.1).
    if (options.live !== true) exchange.setSandboxMode(true);
    const base = options.baseUrl?.replace(/\/+$/, '');
    if (base !== undefined) {
      const api = exchange.urls.api as Record<string, unknown>;
      for (const [k, url] of Object.entries(api)) {
        if (typeof url === 'string') api[k] = url.replace(/^https:\/\/[^/]+/, base);
      }
    }
    const hook = exchange.onRestResponse.bind(exchange);
    exchange.onRestResponse = (status, text, url, method, headers, body, ...rest) => {
      this.#last = { status: Number(status), headers: lower(headers), body: String(body ?? '') };
      return hook(status, text, url, method, headers, body, ...rest);
    };
    this.exchange = exchange;
  }

  /**
   * Runs one ccxt call for `endpoint` (`POST /api/v3/order`); `mutating` marks an order call,
   * whose unreadable outcome is ambiguous. An OrderNotFound answer resolves to NOT_FOUND.
   */
  call<T>(
    endpoint: string,
    mutating: boolean,
    run: () => Promise<T>,
    subject?: string,
  ): Promise<T | typeof NOT_FOUND> {
    const next = this.#queue.then(async () => {
      this.#last = undefined;
      try {
        await this.exchange.loadMarkets();
      } catch (error) {
        throw this.#failure(error, 'GET /api/v3/exchangeInfo', false);
      }
      this.#last = undefined;
      try {
        return await run();
      } catch (error) {
        if (error instanceof OrderNotFound) return NOT_FOUND;
        throw this.#failure(error, endpoint, mutating, subject);
      }
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Validates a payload ccxt passed through; one we cannot read after an order call is ambiguous. */
  parse<S extends z.ZodType>(schema: S, value: unknown, endpoint: string, mutating = false): z.output<S> {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    const unreadable = this.#last !== undefined && !isJson(this.#last.body);
    const detail = unreadable ? `unreadable body (${this.#bodyKind()})` : `unexpected payload (${where})`;
    const kind: BinanceFailure = mutating ? 'ambiguous' : unreadable ? 'retryable' : 'fatal';
    throw this.fail(kind, endpoint, detail);
  }

  fail(kind: BinanceFailure, endpoint: string, detail: string, more: { code?: number } = {}) {
    const call: BinanceCall = { venue: 'binance', endpoint, status: this.#last?.status };
    return binanceError({ kind, call, detail, ...more }, this.#secrets);
  }

  /** `subject` (the symbol an order is for) leads the detail, so an alert says what was refused. */
  #failure(error: unknown, endpoint: string, mutating: boolean, subject?: string) {
    const unsure: BinanceFailure = mutating ? 'ambiguous' : 'retryable';
    const last = this.#last;
    const venue = last === undefined ? undefined : venueError(last.body);
    const said = venue === undefined ? undefined : `${venue.code}: ${venue.msg}`;
    const call: BinanceCall = { venue: 'binance', endpoint, status: last?.status };
    const make = (kind: BinanceFailure, text: string, retryAfterMs?: number) => {
      const detail = subject === undefined ? text : `${subject} ${text}`;
      const more = {
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        ...(venue === undefined ? {} : { code: venue.code }),
      };
      return binanceError({ kind, call, detail, ...more }, this.#secrets);
    };
    if (!(error instanceof CcxtError)) {
      // A ccxt parser choking on a body it could not read (malformed JSON on a 200).
      if (last !== undefined && !isJson(last.body))
        return make(unsure, `unreadable body (${this.#bodyKind()})`);
      return make(mutating ? 'ambiguous' : 'fatal', `client error (${(error as Error).name})`);
    }
    if (
      error instanceof DDoSProtection ||
      error instanceof RateLimitExceeded ||
      last?.status === 429 ||
      last?.status === 418
    ) {
      // 429 and 418 are refused before the matching engine: nothing was placed, so retry later.
      const what = last?.status === 418 ? 'IP banned for ignoring 429s' : 'rate limited';
      return make('retryable', `${what}${said === undefined ? '' : ` (${said})`}`, retryAfterMs(last));
    }
    if (error instanceof InvalidNonce) {
      const hint = 'timestamp outside recvWindow: check the clock (options.adjustForTimeDifference)';
      return make('retryable', `${said ?? '-1021'} (${hint})`);
    }
    if (error instanceof AuthenticationError) {
      return make('fatal', `authorization refused: ${said ?? error.constructor.name} (check the API key)`);
    }
    // A 5xx is the venue failing, whatever code ccxt read from its body (-1001 maps to a plain
    // ExchangeError): the matching engine may still have taken the order.
    if (error instanceof NetworkError || error instanceof BadResponse || (last?.status ?? 0) >= 500) {
      if (last === undefined) return make(unsure, transportDetail(error, this.#timeoutMs));
      return make(unsure, venue === undefined ? this.#bodyKind() : (said ?? ''));
    }
    return make('rejected', said ?? error.constructor.name);
  }

  /** What came instead of JSON, briefly: an HTML error page is named by its title. */
  #bodyKind(): string {
    const last = this.#last;
    if (last === undefined) return 'no body';
    return bodyKind(last.headers['content-type'] ?? null, last.body);
  }
}

function lower(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((headers ?? {}) as Record<string, unknown>))
    out[k.toLowerCase()] = String(v);
  return out;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function venueError(body: string): { code: number; msg: string } | undefined {
  try {
    const parsed = JSON.parse(body) as { code?: unknown; msg?: unknown };
    if (typeof parsed.code === 'number' && typeof parsed.msg === 'string') {
      return { code: parsed.code, msg: excerpt(parsed.msg) };
    }
  } catch {}
  return undefined;
}

function retryAfterMs(last: LastResponse | undefined): number {
  const seconds = Number(last?.headers['retry-after']);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000;
}

function transportDetail(error: CcxtError, timeoutMs: number): string {
  if (error instanceof RequestTimeout) return `no answer within ${timeoutMs} ms`;
  return `connection failed (${error.constructor.name})`;
}
