// SPEC §14: `DASHBOARD_USER_<NAME>` holds an argon2id hash; plaintext is refused. The variables are
// gathered into one field, `DASHBOARD_USERS`, keyed by the lower-cased name.
import { z } from 'zod';
import { setting } from './var-def.js';

export const DASHBOARD_USER_PREFIX = 'DASHBOARD_USER_';
const NAME = /^[A-Za-z0-9_]{1,64}$/;

// PHC string as printed by `divbot users hash` (@node-rs/argon2): unpadded base64 salt and hash.
const ARGON2ID_PHC = /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]{11,}\$[A-Za-z0-9+/]{22,}$/;

export function isDashboardUserVariable(name: string): boolean {
  return name.startsWith(DASHBOARD_USER_PREFIX) && NAME.test(name.slice(DASHBOARD_USER_PREFIX.length));
}

// The value is never quoted: a refused value may well be a plaintext password.
const hashField = z.string().superRefine((raw, ctx) => {
  if (ARGON2ID_PHC.test(raw)) return;
  const kind = /^\$argon2(i|d)\$/.test(raw) ? 'an argon2i/argon2d hash' : 'not an argon2id hash';
  ctx.addIssue({
    code: 'custom',
    input: undefined,
    message: `${kind} (value not shown); plaintext passwords are refused: run \`divbot users hash\` and use the $argon2id$v=19$m=…,t=…,p=…$salt$hash it prints`,
  });
});

export const dashboardUsersVar = setting(
  z.record(z.string(), hashField),
  {},
  {
    group: 'dashboard',
    meaning:
      'Dashboard user NAME (lower-cased) with an argon2id hash from `divbot users hash`; plaintext is refused; repeat for more users',
    defaultProse: '(none)',
  },
);

/** Collect `DASHBOARD_USER_<NAME>` entries, keyed by `<NAME>` as written (lower-cased later). */
export function collectDashboardUsers(values: Readonly<Record<string, string>>): Record<string, string> {
  const users: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (isDashboardUserVariable(key)) users[key.slice(DASHBOARD_USER_PREFIX.length)] = value;
  }
  return users;
}

/** Names that collide once lower-cased (`DASHBOARD_USER_Alice` and `DASHBOARD_USER_ALICE`). */
export function duplicateUserNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    if (seen.has(lower)) duplicates.push(name);
    seen.add(lower);
  }
  return duplicates;
}

export function lowerCaseKeys(users: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(users).map(([name, hash]) => [name.toLowerCase(), hash]));
}
