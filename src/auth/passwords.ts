// Password hashing (SPEC §14): argon2id only. The parameters are @node-rs/argon2's argon2id
// defaults made explicit (19 MiB, 2 passes, 1 lane: OWASP's minimum), so a hash printed today
// verifies after a library upgrade changes its defaults.
import { type Algorithm, hash, verify } from '@node-rs/argon2';

// Algorithm is a const enum (not importable under verbatimModuleSyntax): Argon2id is 2.
const ARGON2ID = 2 as Algorithm;

const PARAMS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Long enough to be worth hashing; shorter is refused (a person can always pick a longer one). */
export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

export function isArgon2idHash(text: string): boolean {
  return text.startsWith('$argon2id$');
}

/** False for a wrong password and for anything that is not an argon2id hash (never throws). */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  if (!isArgon2idHash(storedHash)) return false;
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * Spends the time of one verification on an unknown user name, so the answer's timing does not
 * tell which names exist.
 */
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hashPassword('divbot-no-such-user-padding');
  await verifyPassword(await dummy, password);
}

export function checkNewPassword(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `the password must have at least ${MIN_PASSWORD_LENGTH} characters (got ${password.length})`;
  return undefined;
}
