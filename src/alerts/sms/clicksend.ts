// Critical alerts by SMS through ClickSend's REST API v3 (`POST /v3/sms/send`, HTTP basic auth
// with the user name and API key): one request per alert carrying a message per SMS_TO number.
// The answer is parsed with zod; the alert counts as delivered only when every message was
// accepted (`status: SUCCESS`). 401/403 and per-message refusals (bad number, no credit) are
// definitive; 429 and 5xx are retried by the outbox (Retry-After honoured when sent).
import { z } from 'zod';
import { type Channel, DeliveryError, type Notifier } from '../alert-event.js';

/** Two concatenated SMS parts: enough for the headline and the levels. */
const MAX_BODY = 300;
const TIMEOUT_MS = 15_000;

const answer = z.object({
  http_code: z.number().optional(),
  response_code: z.string(),
  response_msg: z.string().optional(),
  data: z
    .object({ messages: z.array(z.object({ to: z.string().optional(), status: z.string() })).default([]) })
    .nullish(),
});

export interface ClickSendOptions {
  readonly baseUrl: string;
  readonly username: string;
  readonly apiKey: string;
  readonly to: readonly string[];
  /** Shown as the sender where the network allows an alphanumeric one. */
  readonly source?: string;
  readonly fetchFn?: typeof fetch;
}

export class ClickSendNotifier implements Notifier {
  readonly channel: Channel = 'sms';
  private readonly url: string;
  private readonly auth: string;

  constructor(private readonly o: ClickSendOptions) {
    if (o.to.length === 0) throw new RangeError('ClickSend: SMS_TO has no phone number');
    this.url = `${o.baseUrl.replace(/\/+$/, '')}/v3/sms/send`;
    this.auth = `Basic ${Buffer.from(`${o.username}:${o.apiKey}`).toString('base64')}`;
  }

  async send(text: string): Promise<void> {
    const body = text.length > MAX_BODY ? `${text.slice(0, MAX_BODY - 1)}…` : text;
    const messages = this.o.to.map((to) => ({ source: this.o.source ?? 'divbot', body, to }));
    let res: Response;
    try {
      res = await (this.o.fetchFn ?? fetch)(this.url, {
        method: 'POST',
        headers: { authorization: this.auth, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ messages }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      throw new DeliveryError(
        `ClickSend /v3/sms/send: no answer (${e instanceof Error ? e.message : String(e)})`,
      );
    }
    const raw = await res.text();
    const parsed = answer.safeParse(safeJson(raw));
    const what = parsed.success
      ? `${parsed.data.response_code}${parsed.data.response_msg ? `: ${parsed.data.response_msg}` : ''}`
      : `unreadable answer (${raw.slice(0, 80)})`;
    if (!res.ok) {
      const retryAfter = Number(res.headers.get('retry-after'));
      throw new DeliveryError(`ClickSend /v3/sms/send: HTTP ${res.status} ${what}`, {
        permanent: res.status === 401 || res.status === 403 || res.status === 400,
        ...(res.status === 429
          ? { retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 60_000 }
          : {}),
      });
    }
    if (!parsed.success) throw new DeliveryError(`ClickSend /v3/sms/send: ${what}`);
    const refused = (parsed.data.data?.messages ?? []).filter((m) => m.status !== 'SUCCESS');
    if (parsed.data.response_code !== 'SUCCESS' || refused.length > 0) {
      throw new DeliveryError(
        `ClickSend /v3/sms/send: ${refused.length ? refused.map((m) => `${m.to ?? '?'} ${m.status}`).join(', ') : what}`,
        { permanent: true },
      );
    }
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
