// A fake ClickSend REST v3 server on 127.0.0.1: `POST /v3/sms/send` with HTTP basic auth and a
// `{messages:[{source,body,to}]}` body, answering in ClickSend's envelope
// (`{http_code,response_code,response_msg,data}`, per-message `status`). Faults: an HTTP error
// answer, or a per-message status such as INVALID_RECIPIENT.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultQueue } from '../../brokers/fake-support/fault-queue.js';

export interface SmsSent {
  readonly to: string;
  readonly body: string;
  readonly source: string;
}

export type ClickSendFault =
  | { readonly kind: 'http'; readonly status: number; readonly code: string; readonly retryAfter?: number }
  | { readonly kind: 'message_status'; readonly status: string };

export class FakeClickSend {
  readonly faults = new FaultQueue<'send', ClickSendFault>();
  readonly sent: SmsSent[] = [];
  requests = 0;
  private server: Server | undefined;

  constructor(
    readonly username = 'ops@example.com',
    readonly apiKey = 'FAKE-API-KEY-0000',
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    this.requests++;
    if (req.method !== 'POST' || req.url !== '/v3/sms/send')
      return envelope(res, 404, 'NOT_FOUND', 'Resource not found.');
    const expected = `Basic ${Buffer.from(`${this.username}:${this.apiKey}`).toString('base64')}`;
    if (req.headers.authorization !== expected)
      return envelope(res, 401, 'UNAUTHORIZED', 'Invalid credentials.');
    let messages: { source?: unknown; body?: unknown; to?: unknown }[];
    try {
      messages = (JSON.parse(raw) as { messages: typeof messages }).messages;
      if (!Array.isArray(messages) || messages.length === 0) throw new Error('no messages');
    } catch {
      return envelope(res, 400, 'BAD_REQUEST', 'Invalid request body.');
    }
    const fault = this.faults.take('send');
    if (fault?.kind === 'http') {
      if (fault.retryAfter !== undefined) res.setHeader('retry-after', String(fault.retryAfter));
      return envelope(res, fault.status, fault.code, 'Fault injected.');
    }
    const out = messages.map((m, i) => {
      const ok = typeof m.to === 'string' && /^\+[1-9]\d{6,14}$/.test(m.to) && typeof m.body === 'string';
      const status = fault?.kind === 'message_status' ? fault.status : ok ? 'SUCCESS' : 'INVALID_RECIPIENT';
      if (status === 'SUCCESS')
        this.sent.push({ to: m.to as string, body: m.body as string, source: String(m.source ?? '') });
      return {
        direction: 'out',
        date: Math.floor(Date.now() / 1000),
        to: String(m.to),
        body: String(m.body),
        from: String(m.source ?? ''),
        schedule: 0,
        message_id: `FAKE-${this.requests}-${i}`,
        message_parts: 1,
        message_price: '0.0770',
        status,
      };
    });
    const queued = out.filter((m) => m.status === 'SUCCESS').length;
    envelope(res, 200, 'SUCCESS', 'Messages queued for delivery.', {
      total_price: queued * 0.077,
      total_count: out.length,
      queued_count: queued,
      messages: out,
      _currency: { currency_name_short: 'AUD', currency_prefix_d: '$' },
    });
  }
}

function envelope(
  res: ServerResponse,
  status: number,
  code: string,
  msg: string,
  data: unknown = null,
): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ http_code: status, response_code: code, response_msg: msg, data }));
}
