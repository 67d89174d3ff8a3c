// Telegram alerts through grammy's Bot API client (apiRoot from TELEGRAM_API_URL). A 429's
// `parameters.retry_after` becomes the outbox's retry delay for the channel; 400/401/403/404 are
// definitive (bad chat, bot removed or token revoked: retrying cannot help); anything else,
// network errors included, is retried with backoff.
import { Api, GrammyError, HttpError } from 'grammy';
import { type Channel, DeliveryError, type Notifier } from '../alert-event.js';

/** Bot API limit for a message's text. */
const MAX_TEXT = 4096;
const PERMANENT = new Set([400, 401, 403, 404]);

export interface TelegramTarget {
  readonly token: string;
  readonly chatId: string;
  readonly apiRoot: string;
}

/** grammy refuses an apiRoot with a trailing slash. */
export function apiRootOf(url: string): string {
  return url.replace(/\/+$/, '');
}

export function telegramApi(token: string, apiUrl: string): Api {
  // A bounded wait: the outbox retries, and a hung call must not hold the alerts job forever.
  return new Api(token, { apiRoot: apiRootOf(apiUrl), timeoutSeconds: 30 });
}

export class TelegramNotifier implements Notifier {
  readonly channel: Channel = 'telegram';

  constructor(
    private readonly api: Api,
    private readonly chatId: string,
  ) {}

  async send(text: string): Promise<void> {
    const body = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
    try {
      await this.api.sendMessage(this.chatId, body, { link_preview_options: { is_disabled: true } });
    } catch (e) {
      throw deliveryError(e);
    }
  }
}

/** A grammy error as the outbox's DeliveryError, without the token (grammy's messages name only the method). */
export function deliveryError(e: unknown): DeliveryError {
  if (e instanceof GrammyError) {
    const retryAfter = e.parameters.retry_after;
    return new DeliveryError(`Telegram ${e.method}: ${e.error_code} ${e.description}`, {
      ...(retryAfter !== undefined ? { retryAfterMs: retryAfter * 1000 } : {}),
      permanent: PERMANENT.has(e.error_code),
    });
  }
  if (e instanceof HttpError) {
    // The inner error's message carries the request URL, token included: only its code is kept.
    const code = (e.error as { code?: unknown } | undefined)?.code;
    return new DeliveryError(`Telegram: ${e.message}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  return new DeliveryError(`Telegram: ${errorText(e)}`);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
