// Tests that need a real service read its URL from the environment. Unset on a user's machine:
// the test skips with a printed notice. Unset under CI=true: the test fails, so CI can never
// pass by silently skipping the real database.
import { describe } from 'vitest';

export type ServiceVar = 'TEST_DATABASE_URL' | 'TEST_REDIS_URL' | 'CHROMIUM_PATH';

export function serviceUrl(variable: ServiceVar): string | undefined {
  const value = process.env[variable];
  if (value !== undefined && value !== '') return value;
  if (process.env.CI === 'true') {
    throw new Error(`${variable} is not set, and CI=true: this suite must run against the real service`);
  }
  return undefined;
}

/** `describe` that runs only when the service is configured; prints why it skips otherwise. */
export function describeWithService(variable: ServiceVar, name: string, body: (url: string) => void): void {
  const url = serviceUrl(variable);
  if (url === undefined) {
    console.warn(
      `[skip] ${name}: ${variable} is not set (set it to run this suite against the real service)`,
    );
    describe.skip(name, () => {
      body('');
    });
    return;
  }
  describe(name, () => body(url));
}
