// The audit trail: every human action (kill-switch reset, pause, close, users add) with who, why
// and what. Append-only: nothing here updates or deletes.
import { desc } from 'drizzle-orm';
import { auditLog } from './schema/auth.js';
import type { Session } from './store.js';

export interface AuditEntry {
  /** UTC ms, from the Clock. */
  readonly at: number;
  /** `user:alice`, `token:ci`, `cli`, `telegram:12345`, `system`. */
  readonly actor: string;
  /** e.g. `killswitch.reset`. */
  readonly action: string;
  readonly target?: string | null | undefined;
  readonly reason?: string | null | undefined;
  readonly details?: unknown;
}

export interface StoredAuditEntry {
  readonly id: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly target: string | null;
  readonly reason: string | null;
  readonly details: unknown;
}

export async function appendAudit(store: Session, entry: AuditEntry): Promise<StoredAuditEntry> {
  const [row] = await store.db
    .insert(auditLog)
    .values({
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      reason: entry.reason ?? null,
      details: entry.details ?? null,
    })
    .returning();
  return row!;
}

/** Newest first. */
export async function listAudit(
  store: Session,
  options: { limit?: number } = {},
): Promise<StoredAuditEntry[]> {
  return store.db
    .select()
    .from(auditLog)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(options.limit ?? 100);
}
