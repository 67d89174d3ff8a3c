// The dead-man heartbeat (SPEC §13): a GET to HEARTBEAT_URL after every analysis cycle, so an
// outside monitor notices when the bot is dead. Fire-and-forget: it never delays or fails the
// cycle; a failure is logged (the URL's path is often a token, so only its origin is named). One
// request at a time: on a fast demo clock, cycles that come while one is in flight send nothing.
import type { Logger } from '../logging/logger.js';

const TIMEOUT_MS = 10_000;

export class Heartbeat {
  private inFlight: Promise<void> | undefined;
  private readonly origin: string;
  sent = 0;
  failed = 0;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
    private readonly fetchFn: typeof fetch = fetch,
  ) {
    this.origin = new URL(url).origin;
  }

  /** Starts a beat unless one is still going; never throws. */
  beat(): void {
    if (this.inFlight) return;
    this.inFlight = this.send().finally(() => {
      this.inFlight = undefined;
    });
  }

  /** For shutdown and tests: the beat in flight, if any. */
  async settle(): Promise<void> {
    await this.inFlight;
  }

  private async send(): Promise<void> {
    try {
      const res = await this.fetchFn(this.url, { method: 'GET', signal: AbortSignal.timeout(TIMEOUT_MS) });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      this.sent++;
    } catch (e) {
      this.failed++;
      const reason = e instanceof Error ? e.message : String(e);
      this.logger.warn({ heartbeat: this.origin, reason }, `heartbeat to ${this.origin} failed: ${reason}`);
    }
  }
}
