// SPEC §16: 0 success, 1 the work failed, 2 bad usage or configuration.
export const ExitCode = Object.freeze({ ok: 0, failure: 1, usage: 2 } as const);
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
