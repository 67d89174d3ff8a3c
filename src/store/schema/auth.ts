// Dashboard and API access (SPEC §14) and the audit trail of every human action.
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { utcMs } from './columns.js';

export const users = pgTable(
  'users',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull().unique('users_name_key'),
    passwordHash: text('password_hash').notNull(),
    createdAt: utcMs('created_at').notNull(),
    /** Login lockout (SPEC §14): reset on success. */
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: utcMs('locked_until'),
    lastLoginAt: utcMs('last_login_at'),
  },
  // Plaintext is refused (SPEC §14); the database refuses it too.
  (t) => [check('users_password_hash_check', sql`${t.passwordHash} LIKE '$argon2id$%'`)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    /** The token is printed once and stored hashed. */
    tokenHash: text('token_hash').notNull().unique('api_tokens_token_hash_key'),
    createdAt: utcMs('created_at').notNull(),
    lastUsedAt: utcMs('last_used_at'),
    /** NULL = active. Revoked rows stay, for the audit trail. */
    revokedAt: utcMs('revoked_at'),
  },
  // A name is reusable once its token is revoked.
  (t) => [uniqueIndex('api_tokens_active_name_key').on(t.name).where(sql`${t.revokedAt} IS NULL`)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: utcMs('at').notNull(),
    /** `user:alice`, `token:ci`, `cli`, `telegram:12345`, `system`. */
    actor: text('actor').notNull(),
    /** e.g. `killswitch.reset`, `trading.pause`, `position.close`, `users.add`. */
    action: text('action').notNull(),
    target: text('target'),
    reason: text('reason'),
    details: jsonb('details'),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);
