// PostgreSQL advisory locks take a bigint key; ours come from names, hashed so that different
// names practically never collide and the same name always gives the same key.
import { createHash } from 'node:crypto';

/** The signed 64-bit key for `name`, as a decimal string (pg binds it as `$1::bigint`). */
export function advisoryKey(name: string): string {
  const digest = createHash('sha256').update(`divbot:${name}`).digest();
  return digest.readBigInt64BE(0).toString();
}
