import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';
import { FAKE_HASH, issuesOf, messageFor } from './test-support/issues.js';

describe('DASHBOARD_USER_<NAME>', () => {
  it('collects argon2id hashes keyed by the lower-cased name', () => {
    const config = loadConfig({ DASHBOARD_USER_ALICE: FAKE_HASH, DASHBOARD_USER_Bob_2: FAKE_HASH });
    expect(config.DASHBOARD_USERS).toEqual({ alice: FAKE_HASH, bob_2: FAKE_HASH });
  });

  it('refuses plaintext, pointing at `divbot users hash`, without echoing the value', () => {
    const message = messageFor({ DASHBOARD_USER_ALICE: 'hunter2-plaintext' }, 'DASHBOARD_USER_ALICE');
    expect(message).toMatch(/divbot users hash/);
    expect(message).not.toContain('hunter2');
  });

  it.each([
    [
      '$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
      /argon2i/,
    ],
    [
      '$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
      /not an argon2id/,
    ],
    ['$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$short', /not an argon2id/],
  ])('refuses %s', (value, pattern) => {
    expect(messageFor({ DASHBOARD_USER_X: value }, 'DASHBOARD_USER_X')).toMatch(pattern);
  });

  it('refuses two variables naming the same user', () => {
    const issues = issuesOf({ DASHBOARD_USER_ALICE: FAKE_HASH, DASHBOARD_USER_Alice: FAKE_HASH });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/same user/);
  });

  it('an empty value is unset', () => {
    expect(loadConfig({ DASHBOARD_USER_ALICE: '' }).DASHBOARD_USERS).toEqual({});
  });
});
