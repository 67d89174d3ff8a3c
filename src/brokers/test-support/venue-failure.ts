// What every adapter's fault tests check of a failed call: the error's type, the venue and
// endpoint named in its message and its `call`, and no secret in the message or its fields.
import { expect } from 'vitest';

export async function expectVenueFailure<E extends Error & { readonly call: unknown }>(
  call: Promise<unknown>,
  type: abstract new (...a: never[]) => Error,
  venue: string,
  endpoint: string,
  secrets: readonly string[],
): Promise<E> {
  const error = (await call.then(
    () => expect.fail('the call succeeded'),
    (e: unknown) => e,
  )) as E;
  expect(error).toBeInstanceOf(type);
  expect(error.message).toContain(`${venue} ${endpoint}`);
  expect(error.call).toMatchObject({ venue, endpoint });
  for (const secret of secrets) {
    expect(error.message, 'no secret in the message').not.toContain(secret);
    expect(JSON.stringify(error), 'nor in its serialised fields').not.toContain(secret);
  }
  return error;
}
