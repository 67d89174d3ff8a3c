// Random secrets (session ids, CSRF tokens, API tokens, the demo's one-time password) and the
// digest API tokens are stored under. A token has 256 random bits, so a plain SHA-256 is enough
// to store it: there is nothing to brute-force (unlike a password).
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const API_TOKEN_PREFIX = 'dvb_';

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomSecret(32)}`;
}

export function tokenDigest(token: string): string {
  return `sha256:${createHash('sha256').update(token, 'utf8').digest('hex')}`;
}

/** Constant-time comparison of two strings (false when the lengths differ). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A password a person can type: 20 characters from an unambiguous alphabet (~115 bits). */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < 20; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
