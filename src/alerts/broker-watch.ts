// "Broker down" (SPEC §13, critical): each alerts run asks every broker's checkConnectivity; one
// event per outage, keyed by when it was first seen down, so a long outage alerts once and the
// next outage again. A probe that throws or does not answer within the timeout counts as down.

import { isoTime } from '../control/core.js';
import type { BrokerHealth } from '../domain/broker.js';
import type { AlertEvent } from './alert-event.js';

export interface ProbedBroker {
  readonly id: string;
  checkConnectivity(): Promise<BrokerHealth>;
}

const PROBE_TIMEOUT_MS = 15_000;

export class BrokerWatch {
  private readonly downSince = new Map<string, number>();

  constructor(
    private readonly brokers: readonly ProbedBroker[],
    private readonly onProbe: (broker: string, ok: boolean) => void = () => {},
  ) {}

  async probe(now: number): Promise<AlertEvent[]> {
    const events: AlertEvent[] = [];
    for (const b of this.brokers) {
      const health = await probeOne(b);
      this.onProbe(b.id, health.ok);
      if (health.ok) {
        this.downSince.delete(b.id);
        continue;
      }
      const since = this.downSince.get(b.id) ?? now;
      this.downSince.set(b.id, since);
      events.push({
        key: `broker_down:${b.id}:${since}`,
        kind: 'broker_down',
        critical: true,
        at: since,
        text: `🔌 Broker ${b.id} unreachable since ${isoTime(since)}\n${health.detail}`,
      });
    }
    return events;
  }
}

async function probeOne(b: ProbedBroker): Promise<BrokerHealth> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      b.checkConnectivity(),
      new Promise<BrokerHealth>((resolve) => {
        timer = setTimeout(
          () => resolve({ ok: false, detail: `no answer within ${PROBE_TIMEOUT_MS / 1000} s` }),
          PROBE_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}
