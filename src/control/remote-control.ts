// The CLI's side of the local API: finds the running instance from its token file and speaks to
// it. An instance that does not answer (crashed, its file left behind) counts as not running.
import { UsageError } from '../domain/errors.js';
import { ControlConflictError, ControlFailure } from './errors.js';
import { LOCAL_API_PREFIX } from './local-api.js';
import { type LocalApiEndpoint, readLiveEndpoint } from './token-file.js';
import type {
  CloseOutcome,
  ControlPlane,
  InstrumentChange,
  InstrumentOutcome,
  StateChangeOutcome,
  StateCommand,
  TradingStatus,
} from './types.js';

const PATHS: Readonly<Record<StateCommand, string>> = {
  pause: '/pause',
  resume: '/resume',
  reset: '/killswitch/reset',
  trip: '/killswitch/trip',
};

/** A client for the instance behind the token file, or undefined when none answers. */
export async function connectInstance(
  tokenPath: string,
  timeoutMs = 3_000,
): Promise<RemoteControl | undefined> {
  const endpoint = readLiveEndpoint(tokenPath);
  if (endpoint === undefined) return undefined;
  const remote = new RemoteControl(endpoint, timeoutMs);
  try {
    await remote.status();
  } catch (e) {
    if (e instanceof UnreachableError) return undefined;
    throw e;
  }
  return remote;
}

class UnreachableError extends ControlFailure {}

export class RemoteControl implements ControlPlane {
  constructor(
    readonly endpoint: LocalApiEndpoint,
    private readonly timeoutMs = 3_000,
  ) {}

  status(): Promise<TradingStatus> {
    return this.call('GET', '/status');
  }

  command(command: StateCommand, reason: string): Promise<StateChangeOutcome> {
    return this.call('POST', PATHS[command], { reason });
  }

  close(symbol: string | undefined): Promise<CloseOutcome> {
    return this.call('POST', '/close', symbol === undefined ? { all: true } : { symbol });
  }

  instrument(symbol: string, change: InstrumentChange, reason?: string): Promise<InstrumentOutcome> {
    return this.call('POST', `/instruments/${change.kind}`, {
      symbol,
      ...(change.kind === 'risk' ? { multiplier: change.multiplier } : {}),
      ...(reason !== undefined ? { reason } : {}),
    });
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.endpoint.url}${LOCAL_API_PREFIX}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.endpoint.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new UnreachableError(
        `the running divbot (PID ${this.endpoint.pid}) did not answer at ${this.endpoint.url}: ${
          e instanceof Error ? e.message : String(e)
        }`,
      );
    }
    const text = await response.text();
    const parsed = text === '' ? {} : (JSON.parse(text) as unknown);
    if (response.ok) return parsed as T;
    const message =
      typeof (parsed as { error?: unknown }).error === 'string'
        ? (parsed as { error: string }).error
        : `HTTP ${response.status}`;
    if (response.status === 409) throw new ControlConflictError(message);
    if (response.status === 400) throw new UsageError(message);
    if (response.status === 401)
      throw new ControlFailure(`the running divbot (PID ${this.endpoint.pid}) refused the local API token`);
    throw new ControlFailure(`the running divbot: ${message}`);
  }
}
