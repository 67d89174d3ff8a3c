// The v20 transport: Bearer auth, JSON, a timeout per request, client-side pacing, and every
// failure turned into a typed error (errors.ts). The one rule that matters for money: on an
// order call, anything short of a readable answer (timeout, dropped connection, 5xx, garbage) is
// ambiguous, because the venue may have acted; elsewhere the same failures are retryable.
import type { z } from 'zod';
import { bodyKind, NOT_JSON, parseJson, retryAfterMs, transportDetail } from '../wire-text.js';
import { type FailureDetails, type OandaCall, type OandaFailure, oandaError } from './errors.js';
import { RateLimiter } from './rate-limiter.js';
import { errorBody } from './schemas.js';

export interface OandaHttpOptions {
  /** `OANDA_BASE_URL`: up to, not including, `/v3`. */
  readonly baseUrl: string;
  readonly token: string;
  readonly timeoutMs?: number;
  /** Default 100, under the venue's 120/s per IP. */
  readonly requestsPerSecond?: number;
}

export interface OandaRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** The path template (`/v3/accounts/{accountID}/orders`), named in errors. */
  readonly endpoint: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  /** An order call: a lost or unreadable answer is ambiguous, never retryable. */
  readonly mutating?: boolean;
  /** Statuses handed back with their body instead of thrown (400 rejections, 404 lookups). */
  readonly accept?: readonly number[];
}

export interface OandaResponse {
  readonly status: number;
  readonly body: unknown;
  readonly call: OandaCall;
}

export class OandaHttp {
  readonly #baseUrl: string;
  readonly #token: string;
  readonly #timeoutMs: number;
  readonly #limiter: RateLimiter;

  constructor(options: OandaHttpOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#token = options.token;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#limiter = new RateLimiter(options.requestsPerSecond ?? 100);
  }

  async request(req: OandaRequest): Promise<OandaResponse> {
    const endpoint = `${req.method} ${req.endpoint}`;
    const fail = (kind: OandaFailure, status: number | undefined, detail: string, more = {}): never => {
      throw oandaError({ kind, call: { venue: 'oanda', endpoint, status }, detail, ...more }, this.#token);
    };
    const unsure: OandaFailure = req.mutating === true ? 'ambiguous' : 'retryable';
    await this.#limiter.acquire();
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.#url(req), {
        method: req.method,
        headers: this.#headers(req.body !== undefined),
        ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      // Inside the try: a body cut off mid-way is as lost as no answer at all.
      text = await response.text();
    } catch (error) {
      return fail(unsure, undefined, transportDetail(error, this.#timeoutMs));
    }
    const { status } = response;
    const call: OandaCall = { venue: 'oanda', endpoint, status };
    const json = parseJson(text);
    if ((status >= 200 && status < 300) || req.accept?.includes(status)) {
      if (json === NOT_JSON)
        return fail(
          unsure,
          status,
          `unreadable body (${bodyKind(response.headers.get('content-type'), text)})`,
        );
      return { status, body: json, call };
    }
    const venue = json === NOT_JSON ? undefined : errorBody.safeParse(json).data;
    const said =
      venue?.errorMessage ??
      (json === NOT_JSON ? bodyKind(response.headers.get('content-type'), text) : 'no error message');
    const reason = venue?.orderRejectTransaction?.rejectReason ?? venue?.errorCode;
    if (status === 401 || status === 403) {
      return fail('fatal', status, `authorization refused: ${said} (check the token and the account)`);
    }
    if (status === 429) {
      return fail('retryable', status, 'rate limited', {
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
      });
    }
    if (status >= 500) return fail(unsure, status, said);
    return fail('rejected', status, reason === undefined ? said : `${reason}: ${said}`, { reason });
  }

  /** Validates a body; a payload we cannot read after an order call leaves its outcome unknown. */
  parse<S extends z.ZodType>(schema: S, res: OandaResponse, mutating = false): z.output<S> {
    const parsed = schema.safeParse(res.body);
    if (parsed.success) return parsed.data;
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    const failure: FailureDetails = {
      kind: mutating ? 'ambiguous' : 'fatal',
      call: res.call,
      detail: `unexpected payload (${where})`,
    };
    throw oandaError(failure, this.#token);
  }

  #url(req: OandaRequest): string {
    const url = new URL(`${this.#baseUrl}${req.path}`);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    return url.toString();
  }

  #headers(hasBody: boolean): Record<string, string> {
    return {
      Authorization: `Bearer ${this.#token}`,
      'Accept-Datetime-Format': 'RFC3339',
      Accept: 'application/json',
      ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
    };
  }
}
