// The alert outbox (SPEC §13): events become rows of `alerts`, one per event and channel (the
// unique (channel, event_key) makes enqueueing idempotent), and a delivery pass sends what is due,
// recording status, attempts and the last error. Retries back off exponentially on the Clock; a
// service's own "retry after" is honoured for the whole channel; after MAX_ATTEMPTS, or on an
// error retrying cannot fix, the row is `failed` (the health check shows it).
import { and, asc, count, desc, eq, gte, inArray, isNotNull } from 'drizzle-orm';
import { alerts } from '../store/schema/ops.js';
import type { Session } from '../store/store.js';
import { type AlertEvent, type Channel, DeliveryError, type Notifier } from './alert-event.js';

export const MAX_ATTEMPTS = 6;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 30 * 60_000;
/** Rows looked at per delivery pass: a backlog drains over several passes. */
const BATCH = 20;

/** Wait after the n-th failed attempt (1-based): 30 s, 1 min, 2 min, … up to 30 min. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** Channels an event goes to: every configured one, SMS only for critical events. */
export function channelsFor(event: AlertEvent, configured: readonly Channel[]): Channel[] {
  return configured.filter((c) => c !== 'sms' || event.critical);
}

/** Stores the events for their channels; returns how many rows were new. */
export async function enqueue(
  store: Session,
  events: readonly AlertEvent[],
  configured: readonly Channel[],
  now: number,
): Promise<number> {
  const rows = events.flatMap((e) =>
    channelsFor(e, configured).map((channel) => ({
      channel,
      eventKey: e.key,
      kind: e.kind,
      content: e.text,
      createdAt: now,
    })),
  );
  if (rows.length === 0) return 0;
  const written = await store.db
    .insert(alerts)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: alerts.id });
  return written.length;
}

export interface DeliveryPass {
  readonly sent: number;
  readonly failed: number;
  readonly retrying: number;
}

export class Outbox {
  /** Per channel: no attempt before this Clock time (a 429's retry_after). */
  private readonly blockedUntil = new Map<Channel, number>();

  constructor(
    private readonly store: Session,
    private readonly notifiers: readonly Notifier[],
    private readonly onError: (channel: Channel, eventKey: string, error: unknown) => void = () => {},
  ) {}

  get channels(): Channel[] {
    return this.notifiers.map((n) => n.channel);
  }

  /** Sends the pending rows that are due, oldest first, one at a time per channel. */
  async deliver(now: number): Promise<DeliveryPass> {
    const result = { sent: 0, failed: 0, retrying: 0 };
    for (const notifier of this.notifiers) {
      const rows = await this.store.db
        .select()
        .from(alerts)
        .where(and(eq(alerts.status, 'pending'), eq(alerts.channel, notifier.channel)))
        .orderBy(asc(alerts.createdAt), asc(alerts.id))
        .limit(BATCH);
      for (const row of rows) {
        if ((this.blockedUntil.get(notifier.channel) ?? 0) > now) break;
        if (row.lastAttemptAt !== null && row.lastAttemptAt + backoffMs(row.attempts) > now) continue;
        const attempts = row.attempts + 1;
        try {
          await notifier.send(row.content);
          await this.store.db
            .update(alerts)
            .set({ status: 'sent', attempts, lastAttemptAt: now, deliveredAt: now, lastError: null })
            .where(eq(alerts.id, row.id));
          result.sent++;
        } catch (e) {
          this.onError(notifier.channel, row.eventKey, e);
          const d = e instanceof DeliveryError ? e.options : {};
          if (d.retryAfterMs !== undefined) this.blockedUntil.set(notifier.channel, now + d.retryAfterMs);
          const final = d.permanent === true || attempts >= MAX_ATTEMPTS;
          await this.store.db
            .update(alerts)
            .set({
              status: final ? 'failed' : 'pending',
              attempts,
              lastAttemptAt: now,
              lastError: (e instanceof Error ? e.message : String(e)).slice(0, 500),
            })
            .where(eq(alerts.id, row.id));
          if (final) result.failed++;
          else result.retrying++;
        }
      }
    }
    return result;
  }
}

export interface OutboxHealth {
  readonly pending: number;
  readonly failedRecently: number;
  readonly lastError: string | null;
}

/** Pending rows, and failed deliveries whose last attempt was within `windowMs` of now. */
export async function outboxHealth(store: Session, now: number, windowMs: number): Promise<OutboxHealth> {
  const [pending] = await store.db.select({ n: count() }).from(alerts).where(eq(alerts.status, 'pending'));
  const failedWhere = and(eq(alerts.status, 'failed'), gte(alerts.lastAttemptAt, now - windowMs));
  const [failed] = await store.db.select({ n: count() }).from(alerts).where(failedWhere);
  const [last] = await store.db
    .select({ lastError: alerts.lastError })
    .from(alerts)
    .where(
      and(
        inArray(alerts.status, ['failed', 'pending']),
        isNotNull(alerts.lastError),
        gte(alerts.lastAttemptAt, now - windowMs),
      ),
    )
    .orderBy(desc(alerts.lastAttemptAt), desc(alerts.id))
    .limit(1);
  return { pending: pending?.n ?? 0, failedRecently: failed?.n ?? 0, lastError: last?.lastError ?? null };
}

export { DeliveryError };
