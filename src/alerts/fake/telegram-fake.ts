// A fake Telegram Bot API server on 127.0.0.1 speaking the real wire format
// (https://core.telegram.org/bots/api): `POST /bot<token>/<method>` with a JSON body, answers
// `{ok:true,result}` or `{ok:false,error_code,description,parameters?}`; getUpdates long-polls
// (it waits up to `timeout` seconds for an update) and confirms every update below `offset`, as
// the real server does; messages carry `bot_command` entities like Telegram computes them.
// Tests push messages from users and read what the bot sent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultQueue } from '../../brokers/fake-support/fault-queue.js';

export interface SentMessage {
  readonly chatId: string;
  readonly text: string;
}

/** An error answer, e.g. `{ status: 429, description: 'Too Many Requests: retry after 3', retryAfter: 3 }`. */
export interface TelegramFault {
  readonly status: number;
  readonly description: string;
  readonly retryAfter?: number;
}

type Method = 'getMe' | 'sendMessage' | 'getUpdates' | 'deleteWebhook';

interface Update {
  readonly update_id: number;
  readonly message: Record<string, unknown>;
}

export const FAKE_BOT = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: 'divbot',
  username: 'divbot_fake_bot',
};

export class FakeTelegram {
  readonly faults = new FaultQueue<Method, TelegramFault>();
  readonly sent: SentMessage[] = [];
  /** Every call, by method, for assertions on offsets and the like. */
  readonly calls: { method: string; body: Record<string, unknown> }[] = [];
  private readonly updates: Update[] = [];
  private nextUpdateId = 100;
  private nextMessageId = 1;
  private waiters: (() => void)[] = [];
  private server: Server | undefined;

  constructor(readonly token = '123456:TEST-token_abc') {}

  /** Starts on an ephemeral port; returns the apiRoot for the client. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const w of this.waiters.splice(0)) w();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** A text message from a user in a chat (a private chat has the user's id). */
  pushMessage(fromUserId: number, text: string, chatId: number = fromUserId): number {
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
    const message = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat:
        chatId === fromUserId
          ? { id: chatId, type: 'private', first_name: 'u' }
          : { id: chatId, type: 'group', title: 'g' },
      from: { id: fromUserId, is_bot: false, first_name: `user${fromUserId}` },
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    };
    const id = this.nextUpdateId++;
    this.updates.push({ update_id: id, message });
    for (const w of this.waiters.splice(0)) w();
    return id;
  }

  /** Updates not yet confirmed by an offset. */
  get unconfirmed(): number {
    return this.updates.length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
    const raw = await readBody(req);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = match;
    if (token !== this.token)
      return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid JSON' });
    }
    this.calls.push({ method: method!, body });
    const fault = this.faults.take(method as Method);
    if (fault) {
      return send(res, fault.status, {
        ok: false,
        error_code: fault.status,
        description: fault.description,
        ...(fault.retryAfter !== undefined ? { parameters: { retry_after: fault.retryAfter } } : {}),
      });
    }
    switch (method) {
      case 'getMe':
        return send(res, 200, { ok: true, result: { ...FAKE_BOT, can_join_groups: true } });
      case 'deleteWebhook':
        return send(res, 200, { ok: true, result: true });
      case 'sendMessage':
        return this.sendMessage(res, body);
      case 'getUpdates':
        return this.getUpdates(req, res, body);
      default:
        return send(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
  }

  private sendMessage(res: ServerResponse, body: Record<string, unknown>): void {
    const chatId = body.chat_id;
    const text = body.text;
    if ((typeof chatId !== 'string' && typeof chatId !== 'number') || typeof text !== 'string' || !text) {
      send(res, 400, {
        ok: false,
        error_code: 400,
        description: 'Bad Request: message text is empty',
      });
      return;
    }
    this.sent.push({ chatId: String(chatId), text });
    send(res, 200, {
      ok: true,
      result: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: Number(chatId), type: 'private' },
        from: FAKE_BOT,
        text,
      },
    });
  }

  private async getUpdates(
    req: IncomingMessage,
    res: ServerResponse,
    body: Record<string, unknown>,
  ): Promise<void> {
    const offset = typeof body.offset === 'number' ? body.offset : 0;
    const limit = typeof body.limit === 'number' ? body.limit : 100;
    const timeout = typeof body.timeout === 'number' ? body.timeout : 0;
    // Confirmed: an offset forgets every update below it.
    while (this.updates.length > 0 && this.updates[0]!.update_id < offset) this.updates.shift();
    if (this.updates.length === 0 && timeout > 0) {
      let wake = () => {};
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeout * 1000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.waiters.push(wake);
        req.socket.once('close', wake);
      });
      req.socket.off('close', wake);
    }
    if (res.destroyed) return;
    send(res, 200, { ok: true, result: this.updates.slice(0, limit) });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
