// The IG REST transport: v2 session tokens (CST, X-SECURITY-TOKEN), a `Version` header per
// endpoint, a timeout per request, IG's allowances (rate-limiter.ts), and every failure turned into
// a typed error. Two rules carry the money: a deal call answered with anything short of a
// readable answer is ambiguous (the venue may have acted), and an expired session is renewed but a
// deal is never replayed on the new one — the caller resolves it through /confirms instead.
import type { z } from 'zod';
import { bodyKind, NOT_JSON, parseJson, retryAfterMs, transportDetail } from '../wire-text.js';
import { type IgCall, type IgFailure, igError } from './errors.js';
import { type Allowance, AllowanceLimiter, type IgLimits } from './rate-limiter.js';
import { errorBody, sessionResponse } from './schemas.js';

export interface IgHttpOptions {
  /** `IG_BASE_URL`, including `/gateway/deal`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly identifier: string;
  readonly password: string;
  readonly timeoutMs?: number;
  readonly limits?: IgLimits;
}

export interface IgRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path template (`/positions/otc/{dealId}`), named in errors. */
  readonly endpoint: string;
  readonly path: string;
  readonly version: 1 | 2 | 3;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  /** A dealing call: counted as trading, and a lost answer is ambiguous, never retryable. */
  readonly deal?: boolean;
  /** Statuses handed back with their body instead of thrown (404 confirm lookups). */
  readonly accept?: readonly number[];
  /** Counts against the weekly historical-data allowance. */
  readonly history?: boolean;
}

export interface IgResponse {
  readonly status: number;
  readonly body: unknown;
  readonly call: IgCall;
}

/** The session expired under a deal call: renewed, but the deal was not re-sent. */
export class SessionRenewed {
  constructor(readonly call: IgCall) {}
}

const EXPIRED = /^error\.security\.(client|account)-token-(invalid|missing)$/;
const ALLOWANCE = /^error\.public-api\.exceeded-(.+)-allowance$/;

export class IgHttp {
  readonly #base: string;
  readonly #options: IgHttpOptions;
  readonly #timeoutMs: number;
  readonly limiter: AllowanceLimiter;
  readonly #secrets: string[];
  #tokens: { cst: string; security: string } | undefined;
  #login: Promise<void> | undefined;
  accountId: string | undefined;
  currency: string | undefined;
  logins = 0;

  constructor(options: IgHttpOptions) {
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.limiter = new AllowanceLimiter(options.limits);
    this.#secrets = [options.apiKey, options.password];
  }

  get secrets(): readonly string[] {
    return this.#secrets;
  }

  /**
   * Sends `req`; on an expired session logs in again and repeats a non-deal request once. A deal
   * request gets a `SessionRenewed` throw instead, so no deal is ever sent twice.
   */
  async request(req: IgRequest): Promise<IgResponse> {
    await this.#session();
    const first = await this.#send(req);
    if (!(first instanceof SessionRenewed)) return first;
    this.#tokens = undefined;
    await this.#session();
    if (req.deal === true) throw first;
    const again = await this.#send(req);
    if (again instanceof SessionRenewed)
      return this.#fail(req, 'fatal', 401, 'session refused right after login');
    return again;
  }

  /** Validates a body; a payload we cannot read after a deal call leaves its outcome unknown. */
  parse<S extends z.ZodType>(schema: S, res: IgResponse, deal = false): z.output<S> {
    const parsed = schema.safeParse(res.body);
    if (parsed.success) return parsed.data;
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    const kind = deal ? 'ambiguous' : 'fatal';
    throw igError({ kind, call: res.call, detail: `unexpected payload (${where})` }, this.#secrets);
  }

  fail(call: IgCall, kind: IgFailure, detail: string, reason?: string): never {
    throw igError({ kind, call, detail, ...(reason === undefined ? {} : { reason }) }, this.#secrets);
  }

  #fail(req: IgRequest, kind: IgFailure, status: number | undefined, detail: string, more = {}): never {
    const call: IgCall = { venue: 'ig', endpoint: `${req.method} ${req.endpoint}`, status };
    throw igError({ kind, call, detail, ...more }, this.#secrets);
  }

  async #session(): Promise<void> {
    if (this.#tokens !== undefined) return;
    this.#login ??= this.#logIn().finally(() => {
      this.#login = undefined;
    });
    await this.#login;
  }

  async #logIn(): Promise<void> {
    const req: IgRequest = { method: 'POST', endpoint: '/session', path: '/session', version: 2 };
    const body = { identifier: this.#options.identifier, password: this.#options.password };
    const res = await this.#send({ ...req, body }, true);
    if (res instanceof SessionRenewed) return this.#fail(req, 'fatal', 401, 'login refused');
    const session = this.parse(sessionResponse, res);
    const cst = res.headers?.get('cst');
    const security = res.headers?.get('x-security-token');
    if (!cst || !security)
      return this.#fail(req, 'fatal', res.status, 'login answer without CST / X-SECURITY-TOKEN');
    this.#tokens = { cst, security };
    this.#secrets.push(cst, security);
    this.accountId = session.currentAccountId;
    this.currency = session.currencyIsoCode;
    this.logins++;
  }

  async #send(req: IgRequest, login = false): Promise<(IgResponse & { headers?: Headers }) | SessionRenewed> {
    const kind: Allowance = req.deal === true ? 'trading' : 'nonTrading';
    const unsure: IgFailure = req.deal === true ? 'ambiguous' : 'retryable';
    for (const k of req.history === true ? [kind, 'history' as const] : [kind]) {
      const wait = this.limiter.blockedFor(k);
      if (wait > 0)
        this.#fail(req, 'retryable', undefined, `${k} allowance spent; held back`, { retryAfterMs: wait });
    }
    await this.limiter.acquire(kind);
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.#url(req), {
        // IG reads DELETE bodies only as POST + `_method: DELETE` (its FAQ); we always send that form.
        method: req.method === 'DELETE' ? 'POST' : req.method,
        headers: this.#headers(req, login),
        ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      return this.#fail(req, unsure, undefined, transportDetail(error, this.#timeoutMs));
    }
    const { status } = response;
    const call: IgCall = { venue: 'ig', endpoint: `${req.method} ${req.endpoint}`, status };
    const json = parseJson(text);
    const code = json === NOT_JSON ? undefined : errorBody.safeParse(json).data?.errorCode;
    if ((status >= 200 && status < 300) || (req.accept?.includes(status) && code !== undefined)) {
      if (json === NOT_JSON)
        return this.#fail(
          req,
          unsure,
          status,
          `unreadable body (${bodyKind(response.headers.get('content-type'), text)})`,
        );
      return { status, body: json, call, headers: response.headers };
    }
    const said =
      code ?? (json === NOT_JSON ? bodyKind(response.headers.get('content-type'), text) : 'no error code');
    if (status === 401 && !login && code !== undefined && EXPIRED.test(code)) return new SessionRenewed(call);
    if (status === 401) return this.#fail(req, 'fatal', status, `authorization refused: ${said}`);
    const allowance = code === undefined ? undefined : ALLOWANCE.exec(code)?.[1];
    if (status === 403 && allowance !== undefined) {
      const held = allowance.includes('historical')
        ? 'history'
        : allowance.includes('trading')
          ? 'trading'
          : 'nonTrading';
      this.limiter.block(held);
      const detail = `${said}: slow down (held back ${this.limiter.backoffMs} ms)`;
      return this.#fail(req, 'retryable', status, detail, { retryAfterMs: this.limiter.backoffMs });
    }
    if (status === 403 && code === 'unauthorised.access.to.equity.exception') {
      return this.#fail(req, 'rejected', status, `${code}: IG serves no share history`, { reason: code });
    }
    if (status === 403) return this.#fail(req, 'fatal', status, `forbidden: ${said} (check the API key)`);
    if (status === 429)
      return this.#fail(req, 'retryable', status, 'rate limited', {
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      });
    if (status >= 500) return this.#fail(req, unsure, status, said);
    return this.#fail(req, 'rejected', status, said, code === undefined ? {} : { reason: code });
  }

  #url(req: IgRequest): string {
    const url = new URL(`${this.#base}${req.path}`);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    return url.toString();
  }

  #headers(req: IgRequest, login: boolean): Record<string, string> {
    return {
      'X-IG-API-KEY': this.#options.apiKey,
      Version: String(req.version),
      Accept: 'application/json; charset=UTF-8',
      ...(req.body === undefined ? {} : { 'Content-Type': 'application/json; charset=UTF-8' }),
      ...(req.method === 'DELETE' ? { _method: 'DELETE' } : {}),
      ...(login || this.#tokens === undefined
        ? {}
        : { CST: this.#tokens.cst, 'X-SECURITY-TOKEN': this.#tokens.security }),
    };
  }
}
