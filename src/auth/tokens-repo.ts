// API bearer tokens (`divbot tokens create NAME`): printed once, stored as a digest.
import { and, eq, isNull } from 'drizzle-orm';
import { UsageError } from '../domain/errors.js';
import { appendAudit, isUniqueViolation, type Session, schema } from '../store/index.js';
import { newApiToken, tokenDigest } from './secrets.js';

const { apiTokens } = schema;

/** Creates a token (audited) and returns it: the only time it exists in clear. */
export async function createApiToken(
  store: Session,
  o: { name: string; at: number; actor: string },
): Promise<string> {
  const token = newApiToken();
  await store.transaction(async (tx) => {
    try {
      await tx.db.insert(apiTokens).values({ name: o.name, tokenHash: tokenDigest(token), createdAt: o.at });
    } catch (e) {
      if (isUniqueViolation(e)) throw new UsageError(`an active token named ${o.name} exists already`);
      throw e;
    }
    await appendAudit(tx, { at: o.at, actor: o.actor, action: 'tokens.create', target: o.name });
  });
  return token;
}

/** The active token's name, or undefined. Marks it used. */
export async function useApiToken(store: Session, token: string, at: number): Promise<string | undefined> {
  const [row] = await store.db
    .update(apiTokens)
    .set({ lastUsedAt: at })
    .where(and(eq(apiTokens.tokenHash, tokenDigest(token)), isNull(apiTokens.revokedAt)))
    .returning({ name: apiTokens.name });
  return row?.name;
}
