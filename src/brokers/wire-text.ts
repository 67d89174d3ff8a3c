// What every REST adapter does with a venue's raw answer before it reads it: JSON or not, what
// came instead (an HTML error page is named by its title), how long a 429 asks to wait, why a
// request got no answer — short, single-line text for error messages (a page must not flood the
// log). Shared by the OANDA, IG and Binance adapters.

/** parseJson's answer when the body is not JSON. */
export const NOT_JSON: unique symbol = Symbol('not JSON');

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** A short, single-line excerpt of a body. */
export function excerpt(text: string, max = 120): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** What came instead of JSON, briefly. */
export function bodyKind(contentType: string | null, text: string): string {
  const type = contentType ?? 'no content type';
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
  const shown = title ?? excerpt(text.replace(/<[^>]*>/g, ' '), 80);
  return `non-JSON ${type} body: ${shown.length > 0 ? shown : '(empty)'}`;
}

/** Retry-After in ms (seconds on the wire); 1 s when absent or unreadable. */
export function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000;
}

/** Why fetch threw: a timeout, or the connection's own error code. */
export function transportDetail(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  return `connection failed (${e.cause?.code ?? e.cause?.message ?? e.message ?? 'unknown'})`;
}
