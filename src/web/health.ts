// Deep health: each component registers a check; the endpoint runs them all with a timeout and
// answers 503 naming the failing parts. "pending" (not run yet) and "finished" are healthy.
export type CheckStatus = 'ok' | 'pending' | 'finished' | 'fail';

export interface CheckResult {
  readonly status: CheckStatus;
  readonly detail?: string;
  readonly data?: Record<string, unknown>;
}

export type HealthCheck = () => CheckResult | Promise<CheckResult>;

export interface DeepHealthReport {
  readonly status: 'ok' | 'fail';
  readonly failing: string[];
  readonly checks: Record<string, CheckResult>;
}

export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  constructor(private readonly timeoutMs = 3_000) {}

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  unregister(name: string): void {
    this.checks.delete(name);
  }

  async run(): Promise<DeepHealthReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await this.runOne(check)] as const),
    );
    const checks = Object.fromEntries(entries);
    const failing = entries.filter(([, r]) => r.status === 'fail').map(([n]) => n);
    return { status: failing.length ? 'fail' : 'ok', failing, checks };
  }

  private async runOne(check: HealthCheck): Promise<CheckResult> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<CheckResult>((resolve) => {
        timer = setTimeout(
          () => resolve({ status: 'fail', detail: `no answer within ${this.timeoutMs} ms` }),
          this.timeoutMs,
        );
      });
      return await Promise.race([Promise.resolve().then(check), timeout]);
    } catch (e) {
      return { status: 'fail', detail: e instanceof Error ? e.message : String(e) };
    } finally {
      clearTimeout(timer);
    }
  }
}
