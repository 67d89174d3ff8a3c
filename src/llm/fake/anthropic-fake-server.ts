// A local fake of the Anthropic Messages API for tests and `divbot fakes`: plain node:http on
// 127.0.0.1 with an ephemeral port, speaking the real wire format, so the real SDK (headers,
// retries, timeouts, error classes) is what gets tested. Scripted by a queue of replies; every
// request it receives is kept for assertions. The few checks the real API makes that an SDK
// upgrade could trip (path, auth, anthropic-version, sampling parameters on 2026-10-21) answer
// with the real error shapes without consuming the queue.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBody, type FakeReply } from './replies.js';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  readonly body: unknown;
}

export interface FakeAnthropic {
  /** Pass as the SDK's baseURL / ANTHROPIC_BASE_URL. */
  readonly baseURL: string;
  readonly requests: readonly ReceivedRequest[];
  /** Requests being answered right now, and the most there ever were at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Replies for the next requests, in order. */
  enqueue(...replies: readonly (FakeReply | readonly FakeReply[])[]): void;
  /** Clears the queue, the received requests and the in-flight high-water mark. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeAnthropicOptions {
  /** What to answer when the queue is empty; default a 500 that the SDK is told not to retry. */
  readonly fallback?: FakeReply;
}

const NO_REPLY: FakeReply = {
  kind: 'json',
  status: 500,
  body: errorBody('api_error', 'fake: no reply queued'),
  headers: { 'x-should-retry': 'false' },
};

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const queue: FakeReply[] = [];
  const requests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxInFlight = 0;
  let served = 0;

  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (!done) inFlight--;
      done = true;
    };
    res.on('close', finish);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = parseBody(text);
      const received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      requests.push(received);
      const requestId = `req_fake_${String(++served).padStart(4, '0')}`;
      const reply = rejection(received) ?? queue.shift() ?? options.fallback ?? NO_REPLY;
      respond(res, reply, requestId, timers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    enqueue: (...replies) => {
      for (const r of replies) queue.push(...(Array.isArray(r) ? r : [r as FakeReply]));
    },
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      maxInFlight = inFlight;
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function respond(
  res: ServerResponse,
  reply: FakeReply,
  requestId: string,
  timers: Set<NodeJS.Timeout>,
): void {
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  if (reply.kind === 'hang') {
    // Never answers: the client's timeout fires first; after `ms` the connection is dropped.
    later(reply.ms, () => res.destroy());
    return;
  }
  const send = () => {
    if (res.destroyed) return;
    res.writeHead(reply.status, {
      'content-type': 'application/json',
      'request-id': requestId,
      ...reply.headers,
    });
    const body = reply.body as { type?: string; request_id?: string } | null;
    // Error bodies carry the request id too, as the real API's do.
    res.end(JSON.stringify(body?.type === 'error' ? { ...body, request_id: requestId } : reply.body));
  };
  if (reply.delayMs === undefined || reply.delayMs <= 0) send();
  else later(reply.delayMs, send);
}

/** The real API's answers to requests it refuses before any model runs. */
function rejection(req: ReceivedRequest): FakeReply | undefined {
  const error = (status: number, type: string, message: string): FakeReply => ({
    kind: 'json',
    status,
    body: errorBody(type, message),
  });
  if (req.method !== 'POST' || req.path.split('?')[0] !== '/v1/messages')
    return error(404, 'not_found_error', `${req.method} ${req.path}: not found`);
  const auth = req.headers.authorization;
  const hasKey = typeof req.headers['x-api-key'] === 'string' && req.headers['x-api-key'] !== '';
  if (!hasKey && !(typeof auth === 'string' && /^Bearer \S+/.test(auth)))
    return error(401, 'authentication_error', 'x-api-key or Authorization: Bearer is required');
  const version = req.headers['anthropic-version'];
  if (typeof version !== 'string' || version === '')
    return error(400, 'invalid_request_error', 'anthropic-version: header is required');
  const body = req.body as Record<string, unknown> | null;
  if (body === null || typeof body !== 'object')
    return error(400, 'invalid_request_error', 'request body must be JSON');
  for (const field of ['model', 'max_tokens', 'messages'])
    if (!(field in body)) return error(400, 'invalid_request_error', `${field}: Field required`);
  if (version >= '2026-10-21')
    for (const field of ['temperature', 'top_p', 'top_k'])
      if (field in body)
        return error(400, 'invalid_request_error', `${field}: not supported on API version ${version}`);
  return undefined;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
