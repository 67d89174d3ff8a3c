import { describe, expect, it } from 'vitest';
import { FatalError } from '../domain/errors.js';
import { openStore } from './open.js';
import { describeDatabaseUrl } from './store.js';

describe('openStore', () => {
  it('names the database without its password when it cannot connect', async () => {
    const opening = openStore({
      databaseUrl: 'postgres://bot:s3cr%40t@127.0.0.1:1/divbot?sslmode=disable',
      dataDir: 'x',
    });
    const error = await opening.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalError);
    expect((error as Error).message).toMatch(
      /^cannot connect to PostgreSQL at postgresql:\/\/bot@127\.0\.0\.1:1\/divbot: /,
    );
    expect((error as Error).message).not.toMatch(/s3cr/);
  });

  it('describes a URL without password or query', () => {
    expect(describeDatabaseUrl('postgresql://u:p@db.internal:6543/app?sslmode=require')).toBe(
      'postgresql://u@db.internal:6543/app',
    );
    expect(describeDatabaseUrl('not a url')).not.toContain('not a url');
  });
});
